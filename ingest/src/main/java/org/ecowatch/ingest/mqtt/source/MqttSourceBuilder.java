package org.ecowatch.ingest.mqtt.source;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Builds an {@link MqttSource}. Every setter writes one of the {@link MqttSourceOptions};
 * {@link #build()} checks them all and names each offending option.
 *
 * <pre>{@code
 * MqttSource source = MqttSource.builder()
 *         .setConnection(MqttConnectionSettings.of("tcp://127.0.0.1:1883"))
 *         .setTopicFilters("ecowatch/v1/telemetry/#", "ecowatch/v1/hj212/#")
 *         .setSharedGroup("ecowatch")
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt");
 * }</pre>
 */
public final class MqttSourceBuilder {

    private final Configuration conf = new Configuration();

    MqttSourceBuilder() {}

    /** Server URI, user name and password variable in one go. */
    public MqttSourceBuilder setConnection(MqttConnectionSettings connection) {
        setServerUri(connection.serverUri());
        setOrClear(MqttSourceOptions.USERNAME, connection.username());
        setOrClear(MqttSourceOptions.PASSWORD_ENV, connection.passwordEnv());
        return this;
    }

    public MqttSourceBuilder setServerUri(String serverUri) {
        return set(MqttSourceOptions.SERVER_URI, serverUri);
    }

    public MqttSourceBuilder setTopicFilters(String... filters) {
        return setTopicFilters(List.of(filters));
    }

    public MqttSourceBuilder setTopicFilters(List<String> filters) {
        return set(MqttSourceOptions.TOPIC_FILTERS, List.copyOf(filters));
    }

    public MqttSourceBuilder setSharedGroup(String group) {
        return set(MqttSourceOptions.SHARED_GROUP, group);
    }

    /** {@code false} subscribes the plain filters; needs {@link #setSessions(int) one session}. */
    public MqttSourceBuilder setSharedSubscription(boolean shared) {
        return set(MqttSourceOptions.SHARED_SUBSCRIPTION, shared);
    }

    public MqttSourceBuilder setClientIdPrefix(String prefix) {
        return set(MqttSourceOptions.CLIENT_ID_PREFIX, prefix);
    }

    public MqttSourceBuilder setSessions(int sessions) {
        return set(MqttSourceOptions.SESSIONS, sessions);
    }

    public MqttSourceBuilder setSessionExpiry(Duration expiry) {
        return set(MqttSourceOptions.SESSION_EXPIRY, expiry);
    }

    public MqttSourceBuilder setReceiveMaximum(int receiveMaximum) {
        return set(MqttSourceOptions.RECEIVE_MAXIMUM, receiveMaximum);
    }

    public MqttSourceBuilder setQueueCapacity(int capacity) {
        return set(MqttSourceOptions.QUEUE_CAPACITY, capacity);
    }

    public MqttSourceBuilder setKeepAlive(Duration keepAlive) {
        return set(MqttSourceOptions.KEEP_ALIVE, keepAlive);
    }

    public MqttSourceBuilder setReconnectBackoff(Duration min, Duration max) {
        set(MqttSourceOptions.RECONNECT_BACKOFF_MIN, min);
        return set(MqttSourceOptions.RECONNECT_BACKOFF_MAX, max);
    }

    public MqttSourceBuilder setFailAfterOutage(Duration outage) {
        return set(MqttSourceOptions.FAIL_AFTER_OUTAGE, outage);
    }

    public MqttSourceBuilder setQos(int qos) {
        return set(MqttSourceOptions.QOS, qos);
    }

    /** Takes every {@code mqtt.*} option present in {@code configuration}, e.g. from a Flink config file. */
    public MqttSourceBuilder setConfiguration(Configuration configuration) {
        conf.addAll(configuration);
        return this;
    }

    /**
     * @throws IllegalArgumentException naming every option that is missing or out of range
     */
    public MqttSource build() {
        return new MqttSource(MqttSourceOptions.resolve(conf));
    }

    private <T> MqttSourceBuilder set(ConfigOption<T> option, T value) {
        if (value == null) {
            throw new IllegalArgumentException(option.key() + " must not be null");
        }
        conf.set(option, value);
        return this;
    }

    private void setOrClear(ConfigOption<String> option, String value) {
        if (value == null) {
            conf.removeConfig(option);
        } else {
            conf.set(option, value);
        }
    }
}
