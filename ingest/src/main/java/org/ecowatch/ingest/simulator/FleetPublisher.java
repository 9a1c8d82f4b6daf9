package org.ecowatch.ingest.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
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
 * Sends what a {@link FleetSimulator} says is due until told to stop: MQTT messages at QoS 1, legacy loggers'
 * frames over TCP to the HJ 212 gateway. A broker or gateway that goes away is waited for: unsent messages are
 * kept and sent after the reconnect, in order (a message sent twice is harmless: the pipeline is idempotent).
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
    private final LoggerConnections loggers;
    private MqttAsyncClient client;

    public FleetPublisher(FleetSimulator simulator, MqttConnectionSettings settings, String clientId) {
        this(simulator, settings, clientId, null);
    }

    /**
     * @param gateway the HJ 212 gateway that {@link SimulatedMessage.Transport#GATEWAY} devices connect to; null: such
     *                devices publish their frames over MQTT instead
     */
    public FleetPublisher(FleetSimulator simulator, MqttConnectionSettings settings, String clientId, InetSocketAddress gateway) {
        this.simulator = simulator;
        this.settings = settings;
        this.clientId = clientId;
        this.loggers = gateway == null ? null : new LoggerConnections(gateway);
    }

    /** 9014 data acks the gateway sent the simulated loggers. */
    public long gatewayAcks() {
        return loggers == null ? 0 : loggers.acks();
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
                int taken = 0;
                for (SimulatedMessage m : unsent) {
                    if (taken == WINDOW) {
                        break;
                    }
                    if (m.transport() == SimulatedMessage.Transport.GATEWAY && loggers != null) {
                        loggers.send(m.mn(), m.payload());
                    } else {
                        tokens.add(client.publish(m.topic(), m.payload(), 1, false));
                    }
                    taken++;
                }
                for (IMqttToken token : tokens) {
                    token.waitForCompletion(10_000);
                }
                for (int i = 0; i < taken; i++) {
                    published.incrementAndGet();
                    if (unsent.pollFirst().expectedRejection() != null) {
                        malformedPublished.incrementAndGet();
                    }
                }
            }
            return true;
        } catch (MqttException | IOException e) {
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
        if (loggers != null) {
            loggers.close();
        }
        MqttClients.closeQuietly(client);
        client = null;
    }
}
