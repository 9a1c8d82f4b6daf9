package org.ecowatch.ingest.mqtt.source.reader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.testutils.MetricListener;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.mqtt.MqttMetrics;
import org.ecowatch.ingest.mqtt.source.MqttSourceConfig;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;

/** Drives one {@link MqttSourceReader} the way Flink's task thread does, and collects what it emits. */
final class ReaderHarness implements AutoCloseable {

    private final MetricListener metrics = new MetricListener();
    private final MqttSourceReader reader;
    private final Collector output = new Collector();

    ReaderHarness(MqttSourceConfig config, MqttSessionSplit split) {
        reader = new MqttSourceReader(config, metrics.getMetricGroup());
        reader.start();
        reader.addSplits(List.of(split));
    }

    MqttSourceReader reader() {
        return reader;
    }

    /** Emits exactly {@code count} more messages and returns their payloads. */
    List<String> poll(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int start = output.payloads.size();
        while (output.payloads.size() - start < count) {
            InputStatus status = reader.pollNext(output);
            if (status == InputStatus.NOTHING_AVAILABLE && output.payloads.size() - start < count) {
                long left = deadline - System.nanoTime();
                try {
                    reader.isAvailable().get(Math.max(1, left), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("expected " + count + " messages within " + timeout + ", got "
                            + output.payloads.subList(start, output.payloads.size()));
                }
            }
        }
        return List.copyOf(output.payloads.subList(start, output.payloads.size()));
    }

    long counter(String name) {
        return metrics.getCounter(MqttMetrics.GROUP, name).orElseThrow().getCount();
    }

    Object gauge(String name) {
        return metrics.getGauge(MqttMetrics.GROUP, name).orElseThrow().getValue();
    }

    @Override
    public void close() throws Exception {
        reader.close();
    }

    private static final class Collector implements ReaderOutput<InboundMessage> {

        final List<String> payloads = new ArrayList<>();

        @Override
        public void collect(InboundMessage record) {
            payloads.add(new String(record.payload(), StandardCharsets.UTF_8));
        }

        @Override
        public void collect(InboundMessage record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<InboundMessage> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
