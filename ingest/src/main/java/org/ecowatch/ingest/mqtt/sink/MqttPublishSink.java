package org.ecowatch.ingest.mqtt.sink;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Publishes each element at QoS 1 to the topic its mapping names (dead letters, alerts, leads).
 * At least once: a checkpoint completes only after the broker acknowledged everything written
 * before it. Metric: {@code ecowatch.mqttPublished} (and {@code ecowatch.mqttPublishRefused}).
 *
 * <pre>{@code
 * stream.sinkTo(MqttPublishSink.<DeadLetter>builder()
 *         .setConnection(settings)
 *         .setMapper(d -> new MqttOutbound("ecowatch/v1/deadletter", json(d)))
 *         .build());
 * }</pre>
 *
 * The mapping may return {@code null} to skip an element.
 */
public final class MqttPublishSink<T> implements Sink<T> {

    private final MqttPublishConfig config;
    private final SerializableFunction<T, MqttOutbound> mapper;

    private MqttPublishSink(MqttPublishConfig config, SerializableFunction<T, MqttOutbound> mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new MqttPublishWriter<>(
                config, mapper, context.getTaskInfo().getIndexOfThisSubtask(), context.metricGroup());
    }

    /** Builds an {@link MqttPublishSink}; {@link #build()} names the setting that is wrong. */
    public static final class Builder<T> {

        private MqttConnectionSettings connection;
        private SerializableFunction<T, MqttOutbound> mapper;
        private String clientIdPrefix = "ecowatch-publisher";
        private int maxInFlight = 1000;
        private Duration backoffMin = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(30);

        private Builder() {}

        public Builder<T> setConnection(MqttConnectionSettings connection) {
            this.connection = connection;
            return this;
        }

        public Builder<T> setServerUri(String serverUri) {
            return setConnection(MqttConnectionSettings.of(serverUri));
        }

        /** Element → topic and payload; {@code null} skips the element. */
        public Builder<T> setMapper(SerializableFunction<T, MqttOutbound> mapper) {
            this.mapper = mapper;
            return this;
        }

        /** Client ids are {@code {prefix}-{subtask}-{random}}. Default {@code ecowatch-publisher}. */
        public Builder<T> setClientIdPrefix(String prefix) {
            this.clientIdPrefix = prefix;
            return this;
        }

        /** Publishes awaiting the broker's acknowledgement before {@code write} waits. Default 1000. */
        public Builder<T> setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder<T> setReconnectBackoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        public MqttPublishSink<T> build() {
            if (connection == null) {
                throw new IllegalArgumentException("MqttPublishSink: connection (server URI) is required");
            }
            if (mapper == null) {
                throw new IllegalArgumentException("MqttPublishSink: mapper (element -> MqttOutbound) is required");
            }
            if (clientIdPrefix == null || !clientIdPrefix.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new IllegalArgumentException("MqttPublishSink: clientIdPrefix must be 1 to 64 characters of"
                        + " A-Z a-z 0-9 _ . -, got '" + clientIdPrefix + "'");
            }
            if (maxInFlight < 1 || maxInFlight > 65535) {
                throw new IllegalArgumentException("MqttPublishSink: maxInFlight must be between 1 and 65535, got " + maxInFlight);
            }
            Objects.requireNonNull(backoffMin, "reconnect backoff min");
            Objects.requireNonNull(backoffMax, "reconnect backoff max");
            if (backoffMin.toMillis() < 1 || backoffMax.compareTo(backoffMin) < 0) {
                throw new IllegalArgumentException("MqttPublishSink: reconnect backoff needs 1 ms <= min <= max, got "
                        + backoffMin + " and " + backoffMax);
            }
            return new MqttPublishSink<>(
                    new MqttPublishConfig(connection, clientIdPrefix, maxInFlight, backoffMin, backoffMax), mapper);
        }
    }
}
