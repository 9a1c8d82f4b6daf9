package org.ecowatch.ingest.mqtt.sink;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.util.function.SerializableFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.ecowatch.ingest.mqtt.MqttCallbackAdapter;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttMetrics;
import org.ecowatch.ingest.mqtt.ReconnectBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes at QoS 1 and remembers every message until the broker acknowledges it. At most
 * {@code maxInFlight} publishes wait for an acknowledgement; {@link #write} waits for room
 * (backpressure). {@link #flush} waits until everything is acknowledged, so a checkpoint covers
 * what was written before it. When the connection drops, the writer reconnects with backoff and
 * publishes the unacknowledged messages again (at least once: a subscriber may see a duplicate).
 *
 * <p>Connecting happens on the task thread: while the broker is away the job is backpressured,
 * and a cancel interrupts the wait.
 */
final class MqttPublishWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(MqttPublishWriter.class);
    private static final long WAIT_MILLIS = (MqttClients.CONNECT_TIMEOUT_SECONDS + 1) * 1000L;
    private static final long POLL_MILLIS = 50;

    private final MqttPublishConfig config;
    private final SerializableFunction<T, MqttOutbound> toOutbound;
    private final String clientId;
    private final ReconnectBackoff backoff;
    /** Sequence number → message, until acknowledged; sorted so a resend keeps the order. */
    private final ConcurrentSkipListMap<Long, MqttOutbound> unacknowledged = new ConcurrentSkipListMap<>();
    private final Object ackSignal = new Object();
    private final Counter published;
    private final Counter refused;

    // Task thread only.
    private Connection connection;
    private long nextSequence;
    private long outageSince;

    MqttPublishWriter(
            MqttPublishConfig config,
            SerializableFunction<T, MqttOutbound> toOutbound,
            int subtaskIndex,
            MetricGroup metricGroup) {
        this.config = config;
        this.toOutbound = toOutbound;
        // Unique per writer instance: two publishers sharing an id would take each other's
        // connection over in a loop. The publisher needs no broker-side session.
        this.clientId = config.clientIdPrefix() + "-" + subtaskIndex + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.backoff = new ReconnectBackoff(config.reconnectBackoffMin(), config.reconnectBackoffMax());
        MetricGroup group = metricGroup.addGroup(MqttMetrics.GROUP);
        this.published = group.counter(MqttMetrics.PUBLISHED, new ThreadSafeSimpleCounter());
        this.refused = group.counter(MqttMetrics.PUBLISH_REFUSED, new ThreadSafeSimpleCounter());
    }

    @Override
    public void write(T element, Context context) throws InterruptedException {
        MqttOutbound outbound = toOutbound.apply(element);
        if (outbound == null) {
            return; // the mapping chose not to publish this element
        }
        long sequence = nextSequence++;
        Connection conn = connectionWithPermit();
        unacknowledged.put(sequence, outbound);
        publish(conn, sequence, outbound);
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        while (!unacknowledged.isEmpty()) {
            connected(); // reconnects and resends if the connection broke meanwhile
            synchronized (ackSignal) {
                if (!unacknowledged.isEmpty()) {
                    ackSignal.wait(POLL_MILLIS);
                }
            }
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            MqttClients.closeQuietly(connection.client);
            connection = null;
        }
        if (!unacknowledged.isEmpty()) {
            LOG.info("MQTT publisher {} closed with {} unacknowledged messages; the last checkpoint does not cover them",
                    clientId, unacknowledged.size());
        }
    }

    /** Number of messages published and not yet acknowledged (for tests). */
    int unacknowledgedCount() {
        return unacknowledged.size();
    }

    private Connection connectionWithPermit() throws InterruptedException {
        while (true) {
            Connection conn = connected();
            if (conn.permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (conn.healthy()) {
                    return conn;
                }
                conn.permits.release();
            }
        }
    }

    private Connection connected() throws InterruptedException {
        while (connection == null || !connection.healthy()) {
            reconnect();
            resendUnacknowledged(connection);
        }
        return connection;
    }

    private void resendUnacknowledged(Connection conn) throws InterruptedException {
        if (!unacknowledged.isEmpty()) {
            LOG.info("MQTT publisher {} publishes {} unacknowledged messages again", clientId, unacknowledged.size());
        }
        for (Map.Entry<Long, MqttOutbound> entry : unacknowledged.entrySet()) {
            while (!conn.permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!conn.healthy()) {
                    return;
                }
            }
            publish(conn, entry.getKey(), entry.getValue());
        }
    }

    private void publish(Connection conn, long sequence, MqttOutbound outbound) {
        MqttMessage message = new MqttMessage(outbound.payload());
        message.setQos(1);
        try {
            conn.client.publish(outbound.topic(), message, null, new AckListener(conn, sequence));
        } catch (MqttException | RuntimeException e) {
            // Stays unacknowledged: published again after the reconnect.
            conn.permits.release();
            conn.broken(e);
        }
    }

    private void reconnect() throws InterruptedException {
        if (connection != null) {
            MqttClients.closeQuietly(connection.client);
            if (outageSince == 0) {
                outageSince = System.currentTimeMillis();
                LOG.warn("MQTT publisher {} lost its connection to {}: {}. Reconnecting with backoff up to {}",
                        clientId, config.connection().serverUri(), connection.cause, config.reconnectBackoffMax());
            }
            connection = null;
        }
        while (true) {
            MqttAsyncClient client = null;
            try {
                client = MqttClients.newAsyncClient(config.connection(), clientId);
                Connection conn = new Connection(client);
                client.setCallback(conn);
                MqttConnectionOptions options = MqttClients.options(config.connection());
                IMqttToken token = client.connect(options);
                token.waitForCompletion(WAIT_MILLIS);
                conn.permits = new Semaphore(Math.min(config.maxInFlight(), serverReceiveMaximum(token)));
                connection = conn;
                if (outageSince != 0) {
                    LOG.info("MQTT publisher {} is connected to {} again after {} ms",
                            clientId, config.connection().serverUri(), System.currentTimeMillis() - outageSince);
                }
                outageSince = 0;
                backoff.reset();
                return;
            } catch (MqttException | RuntimeException e) {
                MqttClients.closeQuietly(client);
                if (outageSince == 0) {
                    outageSince = System.currentTimeMillis();
                    LOG.warn("MQTT publisher {} cannot connect to {}: {}. Retrying with backoff up to {}",
                            clientId, config.connection().serverUri(), e.toString(), config.reconnectBackoffMax());
                }
                Thread.sleep(backoff.nextDelayMillis());
            }
        }
    }

    private static int serverReceiveMaximum(IMqttToken token) {
        MqttProperties properties = token.getResponseProperties();
        Integer max = properties == null ? null : properties.getReceiveMaximum();
        return max == null || max <= 0 ? 65535 : max;
    }

    private void signal() {
        synchronized (ackSignal) {
            ackSignal.notifyAll();
        }
    }

    /** One connection: its client, its in-flight permits, and whether it broke. */
    private final class Connection extends MqttCallbackAdapter {
        final MqttAsyncClient client;
        volatile Semaphore permits;
        volatile Throwable cause;

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
            signal();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            broken(response.getException() != null
                    ? response.getException()
                    : new IllegalStateException("broker sent DISCONNECT: " + response));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT publisher {} reported an error: {}", clientId, exception.toString());
        }
    }

    /** Completion of one publish. Runs on Paho's thread: never throws. */
    private final class AckListener implements MqttActionListener {

        private final Connection conn;
        private final long sequence;

        AckListener(Connection conn, long sequence) {
            this.conn = conn;
            this.sequence = sequence;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                refuse(codes[0]);
            } else if (unacknowledged.remove(sequence) != null) {
                published.inc();
            }
            // Released last, so the unacknowledged messages never exceed the in-flight limit.
            conn.permits.release();
            signal();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            int code = exception instanceof MqttException e ? e.getReasonCode() : -1;
            if (code >= 0x80 && code <= 0xFF && conn.healthy()) {
                refuse(code);
            } else {
                conn.broken(exception); // published again after the reconnect
            }
            conn.permits.release();
            signal();
        }

        private void refuse(int code) {
            // A refusal (not authorised, bad topic …) would fail the same way forever: report and
            // drop it rather than stall the job.
            MqttOutbound outbound = unacknowledged.remove(sequence);
            if (outbound != null) {
                refused.inc();
                LOG.warn("The broker refused a publish to {} with reason code 0x{}; dropped",
                        outbound.topic(), Integer.toHexString(code));
            }
        }
    }
}
