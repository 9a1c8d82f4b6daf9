package org.ecowatch.app.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * Timed messages among the load, from the probe enterprises, at known times: every {@value #PERIOD_MILLIS} ms a
 * probe's JSON batch (a <em>marker</em>, looked for in the store), and every {@value #VIOLATION_EVERY}th of them
 * with one reading flagged S, a manual value, which INSTRUMENT_FLAG turns into an alert at once (a
 * <em>violation</em>). Each violation uses a device/metric pair of its own, so each opens an alert episode.
 *
 * <p>A probe's time is the fleet's current round plus a few milliseconds: in step with the fleet (so never late)
 * and on no whole minute, so the store can find it by its time alone.
 */
final class Probes implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;
    static final int VIOLATION_EVERY = 2;

    /** A probe batch: the reading of metric w01018 at {@code ts} is looked for in the store. */
    record Marker(String enterpriseId, long ts, long publishedNanos) {}

    /** A probe batch with one manual value; its alert can come once round {@code releaseRound} is published. */
    record Violation(String enterpriseId, String metric, long ts, long publishedNanos, long releaseRound) {}

    private final MqttAsyncClient client;
    private final BenchFleet fleet;
    private final FleetClock clock;
    private final String topicPrefix;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-probes");
        t.setDaemon(true);
        return t;
    });
    private final SplittableRandom random = new SplittableRandom(42);
    private final List<Marker> markers = new CopyOnWriteArrayList<>();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long lastTs;
    private int sent;
    private volatile boolean measuring;
    private volatile boolean closing;

    Probes(MqttConnectionSettings broker, String clientId, BenchFleet fleet, FleetClock clock, String topicPrefix) throws MqttException {
        this.client = BenchMqtt.connect(broker, clientId, o -> { }).client();
        this.fleet = fleet;
        this.clock = clock;
        this.topicPrefix = topicPrefix;
        this.lastTs = clock.start;
    }

    void start() {
        timer.scheduleAtFixedRate(this::send, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether the probes sent from now on are samples (the measuring window) or not. */
    void measuring(boolean on) {
        measuring = on;
    }

    List<Marker> markers() {
        return List.copyOf(markers);
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Probe messages the broker acknowledged, samples or not. */
    long published() {
        return published.get();
    }

    /** Why a probe could not be published, or null; publishes cut short by {@link #close()} do not count. */
    Throwable failure() {
        return failure.get();
    }

    /** Publishes once to {@code topic}, e.g. to see whether the pipeline is subscribed yet. */
    void ping(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    private void send() {
        try {
            long ts = Math.max(clock.frontier(), lastTs) + 1 + random.nextInt(7);
            if (ts % BenchFleet.INTERVAL.toMillis() == 0) {
                ts++;
            }
            lastTs = ts;
            int k = violations.size();
            boolean violation = measuring && sent % VIOLATION_EVERY == 0 && k < fleet.probes * BenchFleet.READINGS_PER_MESSAGE;
            // Violation k uses probe k mod probes and metric k div probes: a device/metric pair of its own.
            int probe = violation ? k % fleet.probes : sent % fleet.probes;
            String metric = violation ? BenchFleet.probeMetrics().get(k / fleet.probes) : null;
            String enterprise = BenchFleet.probeEnterprise(probe);
            byte[] payload = BenchFleet.probePayload(ts, metric, random);
            long nanos = System.nanoTime();
            client.publish(TelemetryTopic.jsonTopic(topicPrefix, enterprise, BenchFleet.PROBE_DEVICE), payload, 1, false, null,
                    new Acknowledged());
            sent++;
            if (measuring) {
                markers.add(new Marker(enterprise, ts, nanos));
                if (violation) {
                    violations.add(new Violation(enterprise, metric, ts, nanos, clock.releaseRound(ts)));
                }
            }
        } catch (MqttException | RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Throwable cause) {
        if (!closing) {
            failure.compareAndSet(null, cause);
        }
    }

    /** Counts acknowledged publishes; remembers the first failure. */
    private final class Acknowledged implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            published.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            failed(cause);
        }
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttClients.closeQuietly(client);
    }
}
