package org.ecowatch.app.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadBuilder;
import org.ecowatch.alerts.lifecycle.AlertLifecycle;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.outcomes.ConfirmedOutcomes;
import org.ecowatch.alerts.outcomes.OutcomesDecoder;
import org.ecowatch.analytics.stage.Detection;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.decode.DecodeFunction;
import org.ecowatch.ingest.decode.SplitPacket;
import org.ecowatch.ingest.decode.SplitPacketAssembly;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;

/**
 * The pipeline as one Flink job: MQTT source → decode and validate (JSON and HJ 212; split HJ 212 packets
 * reassembled in keyed state) → readings store; the same readings → detection (every rule, on event time) →
 * alert lifecycle → alerts topic → lead builder → leads topic; the violations officers confirmed (a second MQTT
 * source: the outcomes topic) → broadcast to the lead builder, for repeats; every rejection, and readings too late
 * for detection, to the dead letter. The job takes its sources and sinks as arguments (as flink-training's jobs
 * do), so tests can assemble it with their own. Every operator has a uid so savepoints survive code changes.
 */
public final class EcowatchJob {
    public static final String SOURCE_UID = "mqtt-source";
    public static final String DECODE_UID = "decode";
    public static final String SPLIT_ASSEMBLY_UID = "hj212-split-assembly";
    public static final String STORE_UID = "readings-store";
    public static final String DEAD_LETTER_UID = "dead-letter";
    public static final String LIFECYCLE_UID = "alert-lifecycle";
    public static final String ALERTS_UID = "alerts-publish";
    public static final String LEAD_BUILDER_UID = "lead-builder";
    public static final String LEADS_UID = "leads-publish";
    public static final String OUTCOMES_SOURCE_UID = "outcomes-source";
    public static final String OUTCOMES_DECODE_UID = "outcomes-decode";

    /**
     * Where the job's inputs come from.
     *
     * @param telemetry the equipment's readings ({@code {prefix}/telemetry|hj212/…})
     * @param outcomes  the lead service's confirmed outcomes ({@code {prefix}/outcomes/+}, retained), read by one
     *                  subtask: there are few, and every lead builder subtask gets them all
     */
    public record Sources(Source<InboundMessage, ?, ?> telemetry, Source<InboundMessage, ?, ?> outcomes) {}

    /** Where the job's outputs go. */
    public record Sinks(Sink<Reading> readingsStore, Sink<DeadLetter> deadLetters, Sink<Alert> alerts, Sink<Lead> leads) {}

    private EcowatchJob() {}

    /** Adds the whole pipeline to {@code env}: ingestion, storage, detection, alerts, leads, dead letters. */
    public static void assemble(StreamExecutionEnvironment env, JobSettings settings, Sources sources, Sinks sinks) {
        EcowatchConfig config = settings.config();
        PipelineConfig pipeline = config.pipeline();
        SingleOutputStreamOperator<Reading> decoded = env
                .fromSource(sources.telemetry(), WatermarkStrategy.noWatermarks(), "mqtt source").uid(SOURCE_UID)
                .process(new DecodeFunction(pipeline.mqtt().topicPrefix(), config.registry(), config.thresholds(), pipeline.timeZone()))
                .uid(DECODE_UID).name("decode and validate");
        SingleOutputStreamOperator<Reading> reassembled = decoded.getSideOutput(DecodeFunction.SPLIT_PACKETS)
                .keyBy(SplitPacket::setKey)
                .process(new SplitPacketAssembly(config.registry(), pipeline.timeZone()))
                .uid(SPLIT_ASSEMBLY_UID).name("reassemble HJ 212 split packets");
        DataStream<Reading> readings = decoded.union(reassembled);
        readings.sinkTo(sinks.readingsStore()).uid(STORE_UID).name("readings store");

        Detection.Output detected = Detection.attach(readings, settings.detection());
        DataStream<Alert> alerts = detected.anomalies()
                .keyBy(AlertLifecycle.byConditionKey())
                .process(new AlertLifecycle(settings.detection(), settings.lifecycle())).uid(LIFECYCLE_UID).name("alert lifecycle");
        alerts.sinkTo(sinks.alerts()).uid(ALERTS_UID).name("alerts");
        SingleOutputStreamOperator<ConfirmedOutcomes> outcomes = env
                .fromSource(sources.outcomes(), OutcomesDecoder.watermarks(), "outcomes source").uid(OUTCOMES_SOURCE_UID)
                .setParallelism(1)
                .process(new OutcomesDecoder(pipeline.mqtt().topicPrefix())).uid(OUTCOMES_DECODE_UID)
                .name("decode confirmed outcomes").setParallelism(1);
        alerts.keyBy(LeadBuilder.byEnterprise())
                .connect(outcomes.broadcast(LeadBuilder.CONFIRMED))
                .process(new LeadBuilder(settings.detection())).uid(LEAD_BUILDER_UID).name("lead builder")
                .sinkTo(sinks.leads()).uid(LEADS_UID).name("leads");

        decoded.getSideOutput(DecodeFunction.DEAD_LETTERS)
                .union(reassembled.getSideOutput(DecodeFunction.DEAD_LETTERS), detected.late(),
                        outcomes.getSideOutput(OutcomesDecoder.DEAD_LETTERS))
                .sinkTo(sinks.deadLetters()).uid(DEAD_LETTER_UID).name("dead letter");
    }
}
