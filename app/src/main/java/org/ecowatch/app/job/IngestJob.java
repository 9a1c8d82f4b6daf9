package org.ecowatch.app.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.decode.DecodeFunction;
import org.ecowatch.ingest.decode.SplitPacket;
import org.ecowatch.ingest.decode.SplitPacketAssembly;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;

/**
 * The ingestion path as one Flink job: MQTT source → decode and validate (JSON and HJ 212; split HJ 212
 * packets reassembled in keyed state) → readings store, with every rejection to the dead letter. The job takes its source and sinks as arguments (as flink-training's jobs
 * do), so tests can assemble it with their own. Every operator has a uid so savepoints survive code changes.
 */
public final class IngestJob {
    public static final String SOURCE_UID = "mqtt-source";
    public static final String DECODE_UID = "decode";
    public static final String SPLIT_ASSEMBLY_UID = "hj212-split-assembly";
    public static final String STORE_UID = "readings-store";
    public static final String DEAD_LETTER_UID = "dead-letter";

    private IngestJob() {}

    /** Adds the ingestion path to {@code env}; returns the valid readings for later stages. */
    public static DataStream<Reading> assemble(
            StreamExecutionEnvironment env,
            EcowatchConfig config,
            Source<InboundMessage, ?, ?> source,
            Sink<Reading> readingsStore,
            Sink<DeadLetter> deadLetters) {
        PipelineConfig pipeline = config.pipeline();
        SingleOutputStreamOperator<Reading> decoded = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt source").uid(SOURCE_UID)
                .process(new DecodeFunction(pipeline.mqtt().topicPrefix(), config.registry(), config.thresholds(), pipeline.timeZone()))
                .uid(DECODE_UID).name("decode and validate");
        SingleOutputStreamOperator<Reading> reassembled = decoded.getSideOutput(DecodeFunction.SPLIT_PACKETS)
                .keyBy(SplitPacket::setKey)
                .process(new SplitPacketAssembly(config.registry(), pipeline.timeZone()))
                .uid(SPLIT_ASSEMBLY_UID).name("reassemble HJ 212 split packets");
        DataStream<Reading> readings = decoded.union(reassembled);
        readings.sinkTo(readingsStore).uid(STORE_UID).name("readings store");
        decoded.getSideOutput(DecodeFunction.DEAD_LETTERS)
                .union(reassembled.getSideOutput(DecodeFunction.DEAD_LETTERS))
                .sinkTo(deadLetters).uid(DEAD_LETTER_UID).name("dead letter");
        return readings;
    }
}
