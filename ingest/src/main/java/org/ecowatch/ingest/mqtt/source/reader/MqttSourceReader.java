package org.ecowatch.ingest.mqtt.source.reader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.mqtt.MqttMetrics;
import org.ecowatch.ingest.mqtt.source.MqttSourceConfig;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the MQTT sessions assigned to one source subtask without losing data: messages are
 * acknowledged to the broker only when a checkpoint that covers them has completed. Until then the
 * broker keeps them in the session and redelivers them after a crash, so a restored job sees every
 * message emitted after its checkpoint again.
 *
 * <p>Paho's threads put messages into a bounded queue; the task thread takes them out in
 * {@link #pollNext}. The queue holds at least Receive Maximum messages, the most the broker sends
 * un-acknowledged, so the client thread does not block in practice.
 */
public final class MqttSourceReader implements SourceReader<InboundMessage, MqttSessionSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSourceReader.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final MqttSourceConfig config;
    private final BlockingQueue<Delivery> queue;
    private final ScheduledExecutorService connector;
    private final Map<String, MqttSession> sessions = new LinkedHashMap<>();

    private final Object availabilityLock = new Object();
    private CompletableFuture<Void> availability = new CompletableFuture<>();

    // Task thread only: messages emitted since the last snapshot, then per checkpoint id.
    private List<PendingAck> emittedSinceSnapshot = new ArrayList<>();
    private final TreeMap<Long, List<PendingAck>> acksByCheckpoint = new TreeMap<>();

    private final Counter received;
    private final Counter acked;
    private final Counter reconnects;
    /** Set by a session whose broker stayed unreachable too long; the task thread throws it. */
    private volatile IllegalStateException failure;
    private volatile boolean closed;

    public MqttSourceReader(MqttSourceConfig config, MetricGroup metricGroup) {
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-source-connector");
            t.setDaemon(true);
            return t;
        });
        MetricGroup group = metricGroup.addGroup(MqttMetrics.GROUP);
        this.received = group.counter(MqttMetrics.RECEIVED);
        this.acked = group.counter(MqttMetrics.ACKED);
        this.reconnects = group.counter(MqttMetrics.RECONNECTS);
        group.gauge(MqttMetrics.QUEUE_DEPTH, (Gauge<Integer>) queue::size);
    }

    @Override
    public void start() {
        // Sessions arrive through addSplits, pushed by the enumerator or restored from state.
    }

    /** Makes the next {@link #pollNext} throw, waking the task if it waits for data. */
    private void fail(String reason) {
        failure = new IllegalStateException(reason);
        synchronized (availabilityLock) {
            availability.complete(null);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<InboundMessage> output) {
        if (failure != null) {
            throw failure;
        }
        Delivery delivery = queue.poll();
        if (delivery == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(delivery.message());
        received.inc();
        if (delivery.ack() != null) {
            emittedSinceSnapshot.add(delivery.ack());
        }
        return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availabilityLock) {
            if (!queue.isEmpty() || closed || failure != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (availability.isDone()) {
                availability = new CompletableFuture<>();
            }
            return availability;
        }
    }

    @Override
    public List<MqttSessionSplit> snapshotState(long checkpointId) {
        // Everything emitted so far precedes this checkpoint's barrier.
        if (!emittedSinceSnapshot.isEmpty()) {
            acksByCheckpoint.put(checkpointId, emittedSinceSnapshot);
            emittedSinceSnapshot = new ArrayList<>();
        }
        List<MqttSessionSplit> splits = new ArrayList<>(sessions.size());
        for (MqttSession session : sessions.values()) {
            splits.add(session.split());
        }
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        // A completed checkpoint subsumes earlier ones whose notification may never come.
        NavigableMap<Long, List<PendingAck>> covered = acksByCheckpoint.headMap(checkpointId, true);
        int sent = 0;
        int stale = 0;
        for (List<PendingAck> acks : covered.values()) {
            for (PendingAck ack : acks) {
                if (ack.session().acknowledge(ack)) {
                    sent++;
                } else {
                    stale++;
                }
            }
        }
        covered.clear();
        acked.inc(sent);
        if (stale > 0) {
            LOG.debug("Checkpoint {}: {} messages came from an earlier connection; the broker redelivers them",
                    checkpointId, stale);
        }
    }

    @Override
    public void addSplits(List<MqttSessionSplit> splits) {
        for (MqttSessionSplit split : splits) {
            if (sessions.containsKey(split.splitId())) {
                continue;
            }
            MqttSession session = new MqttSession(split, config, connector, this::enqueue, reconnects::inc, this::fail);
            sessions.put(split.splitId(), session);
            session.open();
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        // Unbounded: the enumerator never says this.
    }

    @Override
    public void close() throws Exception {
        closed = true;
        sessions.values().forEach(MqttSession::markClosed);
        try {
            connector.submit(() -> sessions.values().forEach(MqttSession::disconnect))
                    .get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("MQTT sessions did not disconnect cleanly: {}", e.toString());
        } finally {
            connector.shutdownNow();
            completeAvailability();
        }
    }

    /** Called by Paho's threads. Waits while the queue is full (backpressure, never a drop). */
    private void enqueue(Delivery delivery) {
        try {
            while (!queue.offer(delivery, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return; // not acknowledged: redelivered to the next owner of the session
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        completeAvailability();
    }

    private void completeAvailability() {
        synchronized (availabilityLock) {
            availability.complete(null);
        }
    }
}
