package org.ecowatch.ingest.mqtt.source.reader;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.mqtt.MqttCallbackAdapter;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.ReconnectBackoff;
import org.ecowatch.ingest.mqtt.source.MqttSourceConfig;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live connection of one {@link MqttSessionSplit}: connects with clean start false and manual
 * acks, (re)subscribes, hands every message to the reader, and reconnects with exponential backoff
 * when the connection drops. Connecting and reconnecting run on the reader's connector thread,
 * which keeps this class's connection state single-threaded; Paho's threads only hand messages
 * over and report losses.
 */
final class MqttSession {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final long WAIT_MILLIS = (MqttClients.CONNECT_TIMEOUT_SECONDS + 1) * 1000L;

    private final MqttSessionSplit split;
    private final MqttSourceConfig config;
    private final ScheduledExecutorService connector;
    private final Consumer<Delivery> handOff;
    private final Runnable onReconnected;
    private final Consumer<String> onOutageTooLong;
    private final ReconnectBackoff backoff;

    /** The current connection, or null while there is none. Written on the connector thread only. */
    private volatile MqttAsyncClient client;
    private volatile boolean closed;

    // Connector thread only.
    private boolean everConnected;
    private long outageSince;

    MqttSession(
            MqttSessionSplit split,
            MqttSourceConfig config,
            ScheduledExecutorService connector,
            Consumer<Delivery> handOff,
            Runnable onReconnected,
            Consumer<String> onOutageTooLong) {
        this.split = split;
        this.config = config;
        this.connector = connector;
        this.handOff = handOff;
        this.onReconnected = onReconnected;
        this.onOutageTooLong = onOutageTooLong;
        this.backoff = new ReconnectBackoff(config.reconnectBackoffMin(), config.reconnectBackoffMax());
    }

    MqttSessionSplit split() {
        return split;
    }

    void open() {
        submit(this::connect, 0);
    }

    /**
     * Acknowledges {@code ack} to the broker if the connection that delivered it is still the live
     * one; otherwise the broker redelivers the message on the new connection and this is a no-op.
     *
     * @return whether an acknowledgement was sent
     */
    boolean acknowledge(PendingAck ack) {
        MqttAsyncClient current = client;
        if (current == null || current != ack.connection() || !current.isConnected()) {
            return false;
        }
        try {
            current.messageArrivedComplete(ack.messageId(), ack.qos());
            return true;
        } catch (MqttException | RuntimeException e) {
            LOG.debug("Could not acknowledge message {} of MQTT session {}; the broker will redeliver it",
                    ack.messageId(), split.clientId(), e);
            return false;
        }
    }

    /** Marks the session closed so no reconnect starts and Paho's threads stop waiting on the queue. */
    void markClosed() {
        closed = true;
    }

    /**
     * Disconnects normally, which keeps the broker-side session (and its un-acknowledged messages)
     * for the session expiry. Run on the connector thread so it cannot race a connect.
     */
    void disconnect() {
        closed = true;
        MqttAsyncClient current = client;
        client = null;
        MqttClients.closeQuietly(current);
    }

    private void connect() {
        if (closed) {
            return;
        }
        MqttAsyncClient connection = null;
        try {
            connection = MqttClients.newAsyncClient(config.connection(), split.clientId());
            connection.setManualAcks(true);
            connection.setCallback(new SessionCallback(connection));
            // Set before connecting: a resumed session redelivers right after CONNACK, and those
            // messages must be acknowledgeable on this connection.
            client = connection;
            connection.connect(connectOptions()).waitForCompletion(WAIT_MILLIS);
            // Resubscribe every time: clean start false normally keeps the subscriptions, but a
            // broker that lost its state (restart without persistence) would otherwise send nothing.
            subscribe(connection);
            if (closed) {
                disconnect();
                return;
            }
            connected();
        } catch (MqttException | RuntimeException e) {
            if (client == connection) {
                client = null;
            }
            MqttClients.closeQuietly(connection);
            connectFailed(e);
        }
    }

    private MqttConnectionOptions connectOptions() {
        MqttConnectionOptions options = MqttClients.options(config.connection());
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        options.setReceiveMaximum(config.receiveMaximum());
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        return options;
    }

    /**
     * Subscribes without waiting for the SUBACK. A resumed session's broker sends up to Receive Maximum messages right
     * after CONNACK, and Paho completes the SUBACK on its callback thread, which those messages hold while the reader's
     * hand-off queue is full (backpressure): waiting here timed out and dropped a healthy connection, again and again,
     * after a restart with a backlog (docs/RELIABILITY.md). A refusal or failure still ends the connection.
     */
    private void subscribe(MqttAsyncClient connection) throws MqttException {
        List<String> filters = config.subscriptionFilters();
        MqttSubscription[] subscriptions = filters.stream()
                .map(f -> new MqttSubscription(f, config.qos()))
                .toArray(MqttSubscription[]::new);
        connection.subscribe(subscriptions, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
                    if (codes[i] >= 0x80) {
                        IllegalStateException refused = new IllegalStateException(String.format(
                                "the broker refused the subscription %s (reason code 0x%02X)", filters.get(i), codes[i]));
                        submit(() -> connectionLost(connection, refused), 0);
                        return;
                    }
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                submit(() -> connectionLost(connection, cause), 0);
            }
        }, (MqttProperties) null);
    }

    private void connected() {
        if (outageSince != 0) {
            LOG.info("MQTT session {} is connected to {} again after {} ms",
                    split.clientId(), config.connection().serverUri(), System.currentTimeMillis() - outageSince);
            if (everConnected) {
                onReconnected.run();
            }
        } else {
            LOG.info("MQTT session {} connected to {} and subscribed to {}",
                    split.clientId(), config.connection().serverUri(), config.subscriptionFilters());
        }
        everConnected = true;
        outageSince = 0;
        backoff.reset();
    }

    private void connectFailed(Exception cause) {
        if (closed) {
            return;
        }
        if (outageSince == 0) {
            outageSince = System.currentTimeMillis();
            watchOutage();
            LOG.warn("MQTT session {} cannot connect to {}: {}. Retrying with backoff up to {}",
                    split.clientId(), config.connection().serverUri(), describe(cause), config.reconnectBackoffMax());
        } else {
            LOG.debug("MQTT session {} still cannot connect: {}", split.clientId(), describe(cause));
        }
        submit(this::connect, backoff.nextDelayMillis());
    }

    private void connectionLost(MqttAsyncClient connection, Throwable cause) {
        if (closed || connection != client) {
            return; // an old connection, or a loss the failed connect() already handles
        }
        client = null;
        MqttClients.closeQuietly(connection);
        outageSince = System.currentTimeMillis();
        watchOutage();
        LOG.warn("MQTT session {} lost its connection to {}: {}. Reconnecting with backoff up to {}",
                split.clientId(), config.connection().serverUri(), describe(cause), config.reconnectBackoffMax());
        submit(this::connect, backoff.nextDelayMillis());
    }

    /** Tells the reader when this outage has lasted {@code failAfterOutage} (the source then fails, see the option). */
    private void watchOutage() {
        long limit = config.failAfterOutage().toMillis();
        if (limit <= 0) {
            return;
        }
        submit(() -> {
            if (!closed && outageSince != 0 && System.currentTimeMillis() - outageSince >= limit) {
                onOutageTooLong.accept("MQTT session " + split.clientId() + " could not reach " + config.connection().serverUri()
                        + " for " + config.failAfterOutage() + ": failing the source so that the job restarts from its"
                        + " checkpoint (mqtt.source.fail-after-outage)");
            }
        }, limit);
    }

    private void submit(Runnable task, long delayMillis) {
        try {
            connector.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The reader is closing.
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "no reason given";
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + (t.getCause() != null && t.getCause() != t ? " (" + t.getCause() + ")" : "");
    }

    /** Paho's callbacks for one connection. They never throw and never block for long. */
    private final class SessionCallback extends MqttCallbackAdapter {
        private final MqttAsyncClient connection;

        SessionCallback(MqttAsyncClient connection) {
            this.connection = connection;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                PendingAck ack = message.getQos() > 0
                        ? new PendingAck(MqttSession.this, connection, message.getId(), message.getQos())
                        : null;
                handOff.accept(new Delivery(
                        new InboundMessage(topic, message.getPayload(), System.currentTimeMillis()), ack));
            } catch (Throwable t) {
                // Not acknowledged, so the broker redelivers it after the next reconnect.
                LOG.error("MQTT session {} could not hand over a message on {}", split.clientId(), topic, t);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            Throwable cause = response.getException() != null
                    ? response.getException()
                    : new IllegalStateException("broker sent DISCONNECT: " + response);
            submit(() -> connectionLost(connection, cause), 0);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT session {} reported an error: {}", split.clientId(), describe(exception));
        }
    }
}
