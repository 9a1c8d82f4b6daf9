package org.ecowatch.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a {@link FleetSimulator} says is due, at QoS 1, until told to stop. A broker that goes
 * away is waited for: unsent messages are kept and sent after the reconnect, in order.
 */
public final class FleetPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetPublisher.class);
    private static final Duration TICK = Duration.ofMillis(200);
    /** Publishes in flight at once; Paho refuses more than the broker's receive maximum. */
    private static final int WINDOW = 50;

    private final FleetSimulator simulator;
    private final MqttConnectionSettings settings;
    private final String clientId;
    private final Deque<SimulatedMessage> unsent = new ArrayDeque<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong malformedPublished = new AtomicLong();
    private MqttAsyncClient client;

    public FleetPublisher(FleetSimulator simulator, MqttConnectionSettings settings, String clientId) {
        this.simulator = simulator;
        this.settings = settings;
        this.clientId = clientId;
    }

    /** Messages the broker acknowledged, malformed ones included. */
    public long published() {
        return published.get();
    }

    public long malformedPublished() {
        return malformedPublished.get();
    }

    /** Publishes until {@code stop} says so or the simulated {@code until} instant is reached (null: forever). */
    public void run(BooleanSupplier stop, Instant until) throws InterruptedException {
        boolean outage = false;
        while (!stop.getAsBoolean()) {
            Instant wallNow = Instant.now();
            if (until != null && simulator.simulatedTime(wallNow).isAfter(until)) {
                unsent.addAll(simulator.due(wallNow));
                flushOrKeep();
                return;
            }
            unsent.addAll(simulator.due(wallNow));
            boolean sent = flushOrKeep();
            if (!sent && !outage) {
                LOG.warn("Cannot publish to {}: retrying; {} message(s) wait", settings.serverUri(), unsent.size());
            } else if (sent && outage) {
                LOG.info("Publishing to {} again", settings.serverUri());
            }
            outage = !sent;
            Thread.sleep(outage ? 1000 : TICK.toMillis());
        }
    }

    /** Sends every unsent message; false (keeping the rest) when the broker cannot be reached. */
    private boolean flushOrKeep() throws InterruptedException {
        try {
            ensureConnected();
            while (!unsent.isEmpty()) {
                // Messages leave the queue only once the broker acknowledged them: a failure resends them.
                List<IMqttToken> tokens = new ArrayList<>();
                for (SimulatedMessage m : unsent) {
                    if (tokens.size() == WINDOW) {
                        break;
                    }
                    tokens.add(client.publish(m.topic(), m.payload(), 1, false));
                }
                for (IMqttToken token : tokens) {
                    token.waitForCompletion(10_000);
                }
                for (int i = 0; i < tokens.size(); i++) {
                    published.incrementAndGet();
                    if (unsent.pollFirst().expectedRejection() != null) {
                        malformedPublished.incrementAndGet();
                    }
                }
            }
            return true;
        } catch (MqttException e) {
            LOG.debug("publish failed", e);
            MqttClients.closeQuietly(client);
            client = null;
            return false;
        }
    }

    private void ensureConnected() throws MqttException {
        if (client == null || !client.isConnected()) {
            MqttClients.closeQuietly(client);
            client = MqttClients.connectAsync(settings, clientId, options -> { });
        }
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(client);
        client = null;
    }
}
