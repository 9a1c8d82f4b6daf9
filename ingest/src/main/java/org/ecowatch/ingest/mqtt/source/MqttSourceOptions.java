package org.ecowatch.ingest.mqtt.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Every option of {@link MqttSource}, declared once with its description and default, and the
 * checks of their values. {@link MqttSourceBuilder} sets them; {@link #resolve(Configuration)}
 * validates a whole configuration and reports every problem at once, naming the option.
 */
public final class MqttSourceOptions {

    public static final ConfigOption<String> SERVER_URI = ConfigOptions.key("mqtt.server-uri")
            .stringType()
            .noDefaultValue()
            .withDescription("Broker address: tcp://host:port or ssl://host:port.");

    public static final ConfigOption<String> USERNAME = ConfigOptions.key("mqtt.username")
            .stringType()
            .noDefaultValue()
            .withDescription("User name for the broker; anonymous when not set.");

    public static final ConfigOption<String> PASSWORD_ENV = ConfigOptions.key("mqtt.password-env")
            .stringType()
            .noDefaultValue()
            .withDescription("Name of the environment variable holding the broker password, read when"
                    + " connecting so the password never enters the job graph.");

    public static final ConfigOption<List<String>> TOPIC_FILTERS = ConfigOptions.key("mqtt.source.topic-filters")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription("Topic filters to subscribe to, e.g. ecowatch/v1/telemetry/#. Each is"
                    + " subscribed as a shared subscription $share/{group}/{filter}.");

    public static final ConfigOption<String> SHARED_GROUP = ConfigOptions.key("mqtt.source.shared-group")
            .stringType()
            .defaultValue("ecowatch")
            .withDescription("MQTT 5 shared-subscription group; the sessions of one job share the"
                    + " load of the group, so every job reading the same topics needs its own group.");

    public static final ConfigOption<Boolean> SHARED_SUBSCRIPTION = ConfigOptions.key("mqtt.source.shared-subscription")
            .booleanType()
            .defaultValue(true)
            .withDescription("Subscribe as $share/{group}/{filter} (the default). false subscribes the"
                    + " plain filters and needs mqtt.source.sessions = 1: use it with a broker that does not"
                    + " keep shared subscriptions across its own restart (Mosquitto 2.0 keeps plain ones only),"
                    + " where messages published before the source resubscribes would otherwise be dropped.");

    public static final ConfigOption<String> CLIENT_ID_PREFIX = ConfigOptions.key("mqtt.source.client-id-prefix")
            .stringType()
            .defaultValue("ecowatch-source")
            .withDescription("Session n uses the stable client id {prefix}-{n}; the broker keeps the"
                    + " un-acknowledged messages of a session under that id across restarts.");

    public static final ConfigOption<Integer> SESSIONS = ConfigOptions.key("mqtt.source.sessions")
            .intType()
            .noDefaultValue()
            .withDescription("Number of MQTT sessions (splits), spread over the source subtasks."
                    + " Default: the source parallelism when the job first starts.");

    public static final ConfigOption<Duration> SESSION_EXPIRY = ConfigOptions.key("mqtt.source.session-expiry")
            .durationType()
            .defaultValue(Duration.ofDays(1))
            .withDescription("How long the broker keeps a session (and its queued and un-acknowledged"
                    + " messages) while the job is away.");

    public static final ConfigOption<Integer> RECEIVE_MAXIMUM = ConfigOptions.key("mqtt.source.receive-maximum")
            .intType()
            .defaultValue(65535)
            .withDescription("MQTT 5 Receive Maximum: QoS 1 messages the broker may send a session"
                    + " before the source acknowledges them. Acks wait for a completed checkpoint, so"
                    + " this bounds the messages per session per checkpoint interval (HiveMQ CE caps it"
                    + " at 50 unless raised, see EmbeddedBroker).");

    public static final ConfigOption<Integer> QUEUE_CAPACITY = ConfigOptions.key("mqtt.source.queue-capacity")
            .intType()
            .noDefaultValue()
            .withDescription("Capacity of the hand-off queue between the MQTT client threads and the"
                    + " source reader. Default: twice the receive maximum, so a reconnect's redelivery"
                    + " never blocks the client thread. Must be at least the receive maximum.");

    public static final ConfigOption<Duration> KEEP_ALIVE = ConfigOptions.key("mqtt.source.keep-alive")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("MQTT keep-alive interval (whole seconds, 1 s to 65535 s).");

    public static final ConfigOption<Duration> RECONNECT_BACKOFF_MIN =
            ConfigOptions.key("mqtt.source.reconnect-backoff.min")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription("First delay before reconnecting after a connection loss.");

    public static final ConfigOption<Duration> RECONNECT_BACKOFF_MAX =
            ConfigOptions.key("mqtt.source.reconnect-backoff.max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("The reconnect delay doubles per failed attempt up to this.");

    public static final ConfigOption<Duration> FAIL_AFTER_OUTAGE =
            ConfigOptions.key("mqtt.source.fail-after-outage")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription("When a session cannot reach the broker for this long, the source fails so that Flink"
                            + " restarts the job from its checkpoint: operators that watch the wall clock (OFFLINE) then"
                            + " start with their grace period instead of taking the outage for silent devices."
                            + " 0 s: never fail, reconnect forever.");

    public static final ConfigOption<Integer> QOS = ConfigOptions.key("mqtt.source.qos")
            .intType()
            .defaultValue(1)
            .withDescription("Subscription QoS: 1 (at least once, the default) or 0 (may lose messages).");

    private static final Pattern CLIENT_ID_PREFIX_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFF_FFFFL;

    private MqttSourceOptions() {}

    /**
     * Checks every option in {@code conf} and returns the resolved configuration.
     *
     * @throws IllegalArgumentException listing every problem, each naming its option
     */
    public static MqttSourceConfig resolve(Configuration conf) {
        List<String> problems = new ArrayList<>();

        String serverUri = conf.get(SERVER_URI);
        MqttConnectionSettings connection = null;
        if (serverUri == null || serverUri.isBlank()) {
            problems.add(SERVER_URI.key() + " is required, e.g. tcp://127.0.0.1:1883");
        } else {
            try {
                connection = new MqttConnectionSettings(serverUri, conf.get(USERNAME), conf.get(PASSWORD_ENV));
            } catch (IllegalArgumentException e) {
                problems.add(SERVER_URI.key() + ": " + e.getMessage());
            }
        }

        List<String> filters = conf.get(TOPIC_FILTERS);
        if (filters == null || filters.isEmpty()) {
            problems.add(TOPIC_FILTERS.key() + " needs at least one topic filter, e.g. ecowatch/v1/telemetry/#");
            filters = List.of();
        }
        for (String filter : filters) {
            String problem = TopicFilters.problemWith(filter);
            if (problem != null) {
                problems.add(TOPIC_FILTERS.key() + ": '" + filter + "' " + problem);
            }
        }

        String group = conf.get(SHARED_GROUP);
        if (group == null || group.isEmpty() || group.matches(".*[/+#].*")) {
            problems.add(SHARED_GROUP.key() + " must be a non-empty name without '/', '+' or '#', got '" + group + "'");
        }

        boolean shared = conf.get(SHARED_SUBSCRIPTION);
        if (!shared && !Integer.valueOf(1).equals(conf.get(SESSIONS))) {
            problems.add(SHARED_SUBSCRIPTION.key() + " = false needs " + SESSIONS.key()
                    + " = 1: several sessions on plain subscriptions would each receive every message");
        }

        String prefix = conf.get(CLIENT_ID_PREFIX);
        if (prefix == null || !CLIENT_ID_PREFIX_PATTERN.matcher(prefix).matches()) {
            problems.add(CLIENT_ID_PREFIX.key() + " must be 1 to 64 characters of A-Z a-z 0-9 _ . -, got '" + prefix + "'");
        }

        Integer sessions = conf.get(SESSIONS);
        if (sessions != null && (sessions < 1 || sessions > 1024)) {
            problems.add(SESSIONS.key() + " must be between 1 and 1024, got " + sessions);
        }

        Duration expiry = conf.get(SESSION_EXPIRY);
        if (expiry.toSeconds() < 1 || expiry.toSeconds() > MAX_SESSION_EXPIRY_SECONDS) {
            problems.add(SESSION_EXPIRY.key() + " must be between 1 s and " + MAX_SESSION_EXPIRY_SECONDS
                    + " s (un-acknowledged messages live in the session), got " + expiry);
        }

        int receiveMaximum = conf.get(RECEIVE_MAXIMUM);
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            problems.add(RECEIVE_MAXIMUM.key() + " must be between 1 and 65535, got " + receiveMaximum);
        }

        Integer queueCapacity = conf.get(QUEUE_CAPACITY);
        int capacity = queueCapacity != null ? queueCapacity : 2 * receiveMaximum;
        if (capacity < receiveMaximum) {
            problems.add(QUEUE_CAPACITY.key() + " (" + capacity + ") must be at least "
                    + RECEIVE_MAXIMUM.key() + " (" + receiveMaximum + "), or the MQTT client thread would block");
        }

        Duration keepAlive = conf.get(KEEP_ALIVE);
        if (keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65535) {
            problems.add(KEEP_ALIVE.key() + " must be between 1 s and 65535 s, got " + keepAlive);
        }

        Duration backoffMin = conf.get(RECONNECT_BACKOFF_MIN);
        Duration backoffMax = conf.get(RECONNECT_BACKOFF_MAX);
        if (backoffMin.toMillis() < 1) {
            problems.add(RECONNECT_BACKOFF_MIN.key() + " must be at least 1 ms, got " + backoffMin);
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            problems.add(RECONNECT_BACKOFF_MAX.key() + " (" + backoffMax + ") must not be less than "
                    + RECONNECT_BACKOFF_MIN.key() + " (" + backoffMin + ")");
        }

        Duration failAfterOutage = conf.get(FAIL_AFTER_OUTAGE);
        if (failAfterOutage.isNegative()) {
            problems.add(FAIL_AFTER_OUTAGE.key() + " must not be negative, got " + failAfterOutage);
        }

        int qos = conf.get(QOS);
        if (qos != 0 && qos != 1) {
            problems.add(QOS.key() + " must be 0 or 1, got " + qos);
        }

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid MQTT source configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new MqttSourceConfig(connection, List.copyOf(filters), group, shared, prefix, sessions, expiry,
                receiveMaximum, capacity, keepAlive, backoffMin, backoffMax, qos, failAfterOutage);
    }
}
