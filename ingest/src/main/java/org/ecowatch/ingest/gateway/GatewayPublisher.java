package org.ecowatch.ingest.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.ecowatch.ingest.mqtt.MqttCallbackAdapter;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.mqtt.ReconnectBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one MQTT connection. Connections hand it messages with {@link #submit}; one thread publishes them
 * in order at QoS 1, at most as many in flight as the broker allows, and reports each one's fate exactly once:
 * {@link Completion#accepted()} when the broker acknowledged it (PUBACK), {@link Completion#failed} when it was
 * refused, not accepted before its deadline, or still waiting when the publisher closed.
 *
 * <p>When the connection drops it reconnects with backoff and publishes again what was in flight (at least once:
 * a subscriber may see a duplicate). It tells its {@link Availability} listener when the broker goes away and comes
 * back, so the gateway stops reading from its sockets meanwhile instead of queueing without bound.
 */
final class GatewayPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPublisher.class);

    static final Duration BACKOFF_MIN = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 50;
    private static final long CONNECT_WAIT_MILLIS = (MqttClients.CONNECT_TIMEOUT_SECONDS + 1) * 1000L;
    /** Our own bound on unacknowledged publishes, below whatever the broker allows. */
    private static final int MAX_IN_FLIGHT = 100;

    /** What becomes of one message; called once, on an MQTT or the publisher's thread, must not block. */
    interface Completion {
        void accepted();

        void failed(String why);
    }

    /** Told when the broker becomes reachable or unreachable; called on MQTT threads, must not block. */
    interface Availability {
        void brokerAvailable(boolean available);
    }

    /** One message and what to do once its fate is known. */
    static final class Outbound {
        final String topic;
        final byte[] payload;
        final long deadlineNanos;
        private final Completion completion;
        private final AtomicBoolean done = new AtomicBoolean();

        Outbound(String topic, byte[] payload, Duration timeout, Completion completion) {
            this.topic = topic;
            this.payload = payload;
            this.deadlineNanos = System.nanoTime() + timeout.toNanos();
            this.completion = completion;
        }

        boolean overdue(long nowNanos) {
            return nowNanos - deadlineNanos > 0;
        }

        void accepted() {
            if (done.compareAndSet(false, true)) {
                completion.accepted();
            }
        }

        void failed(String why) {
            if (done.compareAndSet(false, true)) {
                completion.failed(why);
            }
        }
    }

    private final MqttConnectionSettings settings;
    private final String clientId;
    private final Availability availability;
    private final ReconnectBackoff backoff = new ReconnectBackoff(BACKOFF_MIN, BACKOFF_MAX);
    private final LinkedBlockingDeque<Outbound> queue = new LinkedBlockingDeque<>();
    private final AtomicBoolean available = new AtomicBoolean();
    private final AtomicLong nextSequence = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    /** The connection in use; a late callback of an older one must not mark the broker unavailable. */
    private volatile Connection current;

    GatewayPublisher(MqttConnectionSettings settings, String clientId, Availability availability) {
        this.settings = settings;
        this.clientId = clientId;
        this.availability = availability;
        this.thread = new Thread(this::run, "ecowatch-gateway-mqtt");
        this.thread.setDaemon(true);
    }

    void start() {
        MqttClients.options(settings); // fails now, not in a retry loop, when the password variable is missing
        thread.start();
    }

    /** Queues a message; thread-safe. After {@link #close()} it fails at once. */
    void submit(Outbound outbound) {
        if (closed) {
            outbound.failed("the gateway is closing");
            return;
        }
        queue.addLast(outbound);
        if (closed && queue.remove(outbound)) {
            outbound.failed("the gateway is closing");
        }
    }

    boolean brokerAvailable() {
        return available.get();
    }

    String clientId() {
        return clientId;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued("the gateway closed before the broker accepted it");
    }

    private void run() {
        Connection connection = null;
        try {
            while (!closed) {
                if (connection == null || !connection.healthy()) {
                    if (connection != null) {
                        lost(connection);
                    }
                    connection = connect();
                    continue;
                }
                if (!connection.permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Outbound next = queue.pollFirst(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (next == null) {
                    connection.permits.release();
                } else if (next.overdue(System.nanoTime())) {
                    connection.permits.release();
                    next.failed("the broker did not accept it in time");
                } else {
                    connection.publish(next);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            if (connection != null) {
                connection.requeueInFlight();
                MqttClients.closeQuietly(connection.client);
            }
            setAvailable(false);
        }
    }

    /** A connection, once established; {@code null} when closing. Waits with backoff, expiring overdue messages. */
    private Connection connect() throws InterruptedException {
        long outageSince = 0;
        while (!closed) {
            MqttAsyncClient client = null;
            try {
                client = MqttClients.newAsyncClient(settings, clientId);
                Connection connection = new Connection(client);
                client.setCallback(connection);
                IMqttToken token = client.connect(MqttClients.options(settings));
                token.waitForCompletion(CONNECT_WAIT_MILLIS);
                connection.permits = new Semaphore(Math.min(MAX_IN_FLIGHT, serverReceiveMaximum(token)));
                backoff.reset();
                current = connection;
                LOG.info("HJ 212 gateway is connected to the MQTT broker {} as {}", settings.serverUri(), clientId);
                setAvailable(true);
                return connection;
            } catch (MqttException | RuntimeException e) {
                MqttClients.closeQuietly(client);
                if (closed) {
                    return null;
                }
                if (outageSince == 0) {
                    outageSince = System.currentTimeMillis();
                    LOG.warn("HJ 212 gateway cannot connect to the MQTT broker {}: {}. Not reading from loggers; retrying with backoff up to {}",
                            settings.serverUri(), e.toString(), BACKOFF_MAX);
                }
                setAvailable(false);
                sleepExpiring(backoff.nextDelayMillis());
            }
        }
        return null;
    }

    private void lost(Connection connection) {
        current = null;
        setAvailable(false);
        LOG.warn("HJ 212 gateway lost its MQTT connection to {}: {}. Not reading from loggers until it is back",
                settings.serverUri(), String.valueOf(connection.cause));
        connection.requeueInFlight();
        MqttClients.closeQuietly(connection.client);
    }

    private void sleepExpiring(long millis) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!closed) {
            expireOverdue();
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (Iterator<Outbound> it = queue.iterator(); it.hasNext(); ) {
            Outbound outbound = it.next();
            if (outbound.overdue(now)) {
                it.remove();
                outbound.failed("the broker was unreachable for longer than the publish timeout");
            }
        }
    }

    private void failQueued(String why) {
        List<Outbound> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(outbound -> outbound.failed(why));
    }

    private void setAvailable(boolean now) {
        if (available.compareAndSet(!now, now)) {
            availability.brokerAvailable(now);
        }
    }

    private static int serverReceiveMaximum(IMqttToken token) {
        MqttProperties properties = token.getResponseProperties();
        Integer max = properties == null ? null : properties.getReceiveMaximum();
        return max == null || max <= 0 ? 65535 : max;
    }

    /** One MQTT connection: its client, its in-flight permits and messages, and why it broke. */
    private final class Connection extends MqttCallbackAdapter {
        final MqttAsyncClient client;
        volatile Semaphore permits;
        volatile Throwable cause;
        /** Sequence → message, published on this connection and not yet acknowledged. */
        private final ConcurrentSkipListMap<Long, Outbound> inFlight = new ConcurrentSkipListMap<>();

        Connection(MqttAsyncClient client) {
            this.client = client;
        }

        boolean healthy() {
            return cause == null && client.isConnected();
        }

        void broken(Throwable why) {
            if (cause == null) {
                cause = why;
            }
            // Stop the sockets at once; the publisher thread notices and reconnects.
            if (current == this) {
                setAvailable(false);
            }
        }

        /** Called on the publisher thread with a permit held. */
        void publish(Outbound outbound) {
            long sequence = nextSequence.getAndIncrement();
            inFlight.put(sequence, outbound);
            MqttMessage message = new MqttMessage(outbound.payload);
            message.setQos(1);
            try {
                client.publish(outbound.topic, message, null, new AckListener(this, sequence));
            } catch (MqttException | RuntimeException e) {
                inFlight.remove(sequence);
                queue.addFirst(outbound); // again after the reconnect
                permits.release();
                broken(e);
            }
        }

        /** The broken connection's unacknowledged messages go first on the next one, in their order. */
        void requeueInFlight() {
            List<Outbound> again = new ArrayList<>();
            for (Map.Entry<Long, Outbound> entry : inFlight.descendingMap().entrySet()) {
                if (inFlight.remove(entry.getKey()) != null) {
                    again.add(entry.getValue());
                }
            }
            again.forEach(queue::addFirst);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            broken(response.getException() != null ? response.getException()
                    : new IllegalStateException("the broker sent DISCONNECT: " + response));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("HJ 212 gateway's MQTT client reported an error: {}", exception.toString());
        }
    }

    /** The broker's answer to one publish. Runs on Paho's thread: never throws. */
    private static final class AckListener implements MqttActionListener {

        private final Connection connection;
        private final long sequence;

        AckListener(Connection connection, long sequence) {
            this.connection = connection;
            this.sequence = sequence;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            // null when the message was already moved to the next connection: that copy will answer
            Outbound outbound = connection.inFlight.remove(sequence);
            connection.permits.release();
            if (outbound == null) {
                return;
            }
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                refused(outbound, codes[0]);
            } else {
                outbound.accepted();
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            int code = exception instanceof MqttException e ? e.getReasonCode() : -1;
            if (code >= 0x80 && code <= 0xFF && connection.healthy()) {
                Outbound outbound = connection.inFlight.remove(sequence);
                connection.permits.release();
                if (outbound != null) {
                    refused(outbound, code);
                }
            } else {
                // stays in flight: published again on the next connection
                connection.permits.release();
                connection.broken(exception);
            }
        }

        private static void refused(Outbound outbound, int code) {
            // A refusal (not authorised, bad topic …) would fail the same way again: no ack, the logger decides.
            LOG.warn("The broker refused a publish to {} with reason code 0x{}", outbound.topic, Integer.toHexString(code));
            outbound.failed("the broker refused it with reason code 0x" + Integer.toHexString(code));
        }
    }
}
