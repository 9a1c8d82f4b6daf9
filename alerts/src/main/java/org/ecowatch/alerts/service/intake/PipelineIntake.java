package org.ecowatch.alerts.service.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.UpsertResult;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.mqtt.MqttCallbackAdapter;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the pipeline's leads and alerts from MQTT into the lead store (docs/API.md, "From the pipeline to the
 * store"). A persistent session (clean start false) on a shared subscription, so replicas share the messages and
 * none is lost while one restarts; each message is acknowledged only once the store has committed it.
 *
 * <p>Storing happens on Paho's callback thread and blocks it on purpose: while the store is slow or down, the
 * broker holds the rest (at most Receive Maximum messages are in flight), so nothing piles up in this process.
 * A message that is not a valid lead or alert is logged, counted and acknowledged: retrying cannot fix it.
 */
public final class PipelineIntake implements AutoCloseable {
    /** Shared-subscription group of the lead service's replicas. */
    public static final String SHARED_GROUP = "ecowatch-lead-service";
    /** How long the broker keeps the session of a replica that is gone: its unacknowledged messages wait that long. */
    static final long SESSION_EXPIRY_SECONDS = Duration.ofDays(7).toSeconds();
    /** Messages in flight to this replica at most: the bound on what a slow store leaves in memory. */
    static final int RECEIVE_MAXIMUM = 100;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PipelineIntake.class);

    private final Settings settings;
    private final LeadStore store;
    private final AlertMessages alertMessages;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private MqttClient client;

    /**
     * @param clientId stable per replica (e.g. from the host name), so a restarted replica resumes its session
     * @param shared   subscribe through {@link #SHARED_GROUP}; false for the embedded HiveMQ, whose shared
     *                 subscriptions starve with held acknowledgements (docs/ARCHITECTURE.md)
     */
    public record Settings(MqttConnectionSettings broker, String topicPrefix, String clientId, boolean shared) {}

    public PipelineIntake(Settings settings, LeadStore store, Registry registry, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.alertMessages = new AlertMessages(registry);
        this.meters = meters;
        this.clock = clock;
    }

    /** Connects and subscribes; returns once subscribed. Reconnects on its own after a broker outage. */
    public void start() throws MqttException {
        client = MqttClients.connect(settings.broker(), settings.clientId(), options -> {
            options.setCleanStart(false);
            options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
            options.setReceiveMaximum(RECEIVE_MAXIMUM);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, (int) MAX_RETRY_DELAY.toSeconds());
        }, new Callback());
        client.setManualAcks(true);
        subscribe();
        LOG.info("lead service subscribed to {} as {}", String.join(", ", filters()), settings.clientId());
    }

    /** Whether the subscription is connected (for /health). */
    public boolean connected() {
        return client != null && client.isConnected();
    }

    private void subscribe() throws MqttException {
        // The array form: Paho 1.2.5's subscribe(topic, qos, listener) recurses forever.
        String[] filters = filters();
        MqttSubscription[] subscriptions = new MqttSubscription[filters.length];
        IMqttMessageListener[] listeners = new IMqttMessageListener[filters.length];
        for (int i = 0; i < filters.length; i++) {
            subscriptions[i] = new MqttSubscription(filters[i], 1);
            listeners[i] = this::take;
        }
        client.subscribe(subscriptions, listeners);
    }

    private String[] filters() {
        String share = settings.shared() ? "$share/" + SHARED_GROUP + "/" : "";
        return new String[] {share + settings.topicPrefix() + "/leads/+", share + settings.topicPrefix() + "/alerts/+"};
    }

    private void take(String topic, MqttMessage message) {
        String kind = topic.startsWith(settings.topicPrefix() + "/leads/") ? "lead" : "alert";
        count("ecowatch_leadservice_messages", "kind", kind);
        try {
            UpsertResult result = storeWithRetry(kind, message.getPayload());
            count("ecowatch_leadservice_upserts", "kind", kind, "result", result.name().toLowerCase(java.util.Locale.ROOT));
        } catch (InvalidMessage e) {
            count("ecowatch_leadservice_rejected", "kind", kind);
            LOG.warn("rejected a message on {}: {}", topic, e.getMessage());
        }
        acknowledge(message);
    }

    /** Stores the message, retrying with backoff while the store fails; gives up only when the service closes. */
    private UpsertResult storeWithRetry(String kind, byte[] payload) throws InvalidMessage {
        var lead = "lead".equals(kind) ? LeadMessages.parse(payload) : null;
        var alert = lead == null ? alertMessages.parse(payload) : null;
        long delay = 500;
        while (true) {
            try {
                return lead != null ? store.upsertLead(lead, clock.instant()) : store.upsertAlert(alert, clock.instant());
            } catch (RuntimeException e) {
                if (closing) {
                    throw e;
                }
                LOG.warn("could not store a {} (retrying in {} ms): {}", kind, delay, e.getMessage());
                sleep(delay);
                delay = Math.min(delay * 2, MAX_RETRY_DELAY.toMillis());
            }
        }
    }

    private void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // The session redelivers it after the reconnect; the store's upsert makes that harmless.
            LOG.warn("could not acknowledge message {}: {}", message.getId(), e.getMessage());
        }
    }

    private void count(String name, String... tags) {
        String key = name + String.join(",", tags);
        counters.computeIfAbsent(key, k -> meters.counter(name, tags)).increment();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry the lead store", e);
        }
    }

    @Override
    public void close() {
        closing = true;
        MqttClients.closeQuietly(client);
    }

    private final class Callback extends MqttCallbackAdapter {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            take(topic, message);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("lead service reconnected to {}", serverUri);
                try {
                    subscribe(); // the session keeps subscriptions, but a broker that lost it (restart) does not
                } catch (MqttException e) {
                    LOG.warn("could not resubscribe after a reconnect: {}", e.getMessage());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closing) {
                LOG.warn("lead service lost the broker: {}", response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", exception.getMessage());
        }
    }
}
