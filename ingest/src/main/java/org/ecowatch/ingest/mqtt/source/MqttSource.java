package org.ecowatch.ingest.mqtt.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.mqtt.source.enumerator.MqttEnumeratorState;
import org.ecowatch.ingest.mqtt.source.enumerator.MqttEnumeratorStateSerializer;
import org.ecowatch.ingest.mqtt.source.enumerator.MqttSplitEnumerator;
import org.ecowatch.ingest.mqtt.source.reader.MqttSourceReader;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplitSerializer;

/**
 * Unbounded FLIP-27 source of MQTT messages with no data loss across failures (DESIGN.md, "MQTT
 * source with no data loss"): each split is a persistent MQTT 5 session on a shared subscription,
 * and messages are acknowledged to the broker only after the checkpoint that covers them
 * completes. After a failure the broker redelivers what was not acknowledged, so downstream sees
 * every message at least once; writes downstream are idempotent.
 *
 * <p>Build it with {@link #builder()} and use it with
 * {@code env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")}. Metrics:
 * see {@link org.ecowatch.ingest.mqtt.MqttMetrics}.
 */
public final class MqttSource
        implements Source<InboundMessage, MqttSessionSplit, MqttEnumeratorState>, ResultTypeQueryable<InboundMessage> {

    private final MqttSourceConfig config;

    MqttSource(MqttSourceConfig config) {
        this.config = config;
    }

    public static MqttSourceBuilder builder() {
        return new MqttSourceBuilder();
    }

    public MqttSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<InboundMessage, MqttSessionSplit> createReader(SourceReaderContext context) {
        return new MqttSourceReader(config, context.metricGroup());
    }

    @Override
    public SplitEnumerator<MqttSessionSplit, MqttEnumeratorState> createEnumerator(
            SplitEnumeratorContext<MqttSessionSplit> context) {
        return new MqttSplitEnumerator(context, config, null);
    }

    @Override
    public SplitEnumerator<MqttSessionSplit, MqttEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MqttSessionSplit> context, MqttEnumeratorState checkpoint) {
        return new MqttSplitEnumerator(context, config, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MqttSessionSplit> getSplitSerializer() {
        return MqttSessionSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return MqttEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<InboundMessage> getProducedType() {
        return TypeInformation.of(InboundMessage.class);
    }
}
