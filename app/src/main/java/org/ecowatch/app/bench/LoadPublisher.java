package org.ecowatch.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * The fleet's load: a few publisher clients, each with a generator thread, publishing at QoS 1 as fast as the
 * broker acknowledges with a bounded window of unacknowledged publishes per client, or at a set rate once
 * {@linkplain #pace paced}. They stop taking new work while the backlog (published and acknowledged by the broker,
 * not yet taken by the consumer) is above a bound, so the load is offered at the rate the consumer drains and the
 * broker's queue cannot grow without bound (nor drop messages at its queue limit).
 */
final class LoadPublisher implements AutoCloseable {
    static final int CLIENTS = 2;
    private static final int WINDOW = 1000;
    private static final int GATE_EVERY = 32;

    private final BenchFleet fleet;
    private final FleetClock clock;
    private final String topicPrefix;
    private final LongSupplier consumed;
    private final long maxBacklog;
    private final List<BenchMqtt.Connected> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Semaphore> windows = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong gatedNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running;
    private volatile Pacing pacing;
    private volatile boolean paused;

    /** From message {@code first} on, message n is due at {@code startNanos + (n - first) / rate}. */
    private record Pacing(long first, long startNanos, double perSecond) {
        long due(long sequence) {
            return startNanos + (long) ((sequence - first) * 1e9 / perSecond);
        }
    }

    /**
     * @param consumed   this publisher's messages the consumer has taken so far
     * @param maxBacklog how many acknowledged messages may wait untaken before publishers wait
     */
    LoadPublisher(MqttConnectionSettings broker, String clientIdPrefix, BenchFleet fleet, FleetClock clock, String topicPrefix,
                  LongSupplier consumed, long maxBacklog) throws MqttException {
        this.fleet = fleet;
        this.clock = clock;
        this.topicPrefix = topicPrefix;
        this.consumed = consumed;
        this.maxBacklog = maxBacklog;
        try {
            for (int i = 0; i < CLIENTS; i++) {
                BenchMqtt.Connected connected = BenchMqtt.connect(broker, clientIdPrefix + "-" + i, o -> { });
                clients.add(connected);
                windows.add(new Semaphore(Math.min(WINDOW, connected.receiveMaximum())));
            }
        } catch (MqttException | RuntimeException e) {
            close();
            throw e;
        }
    }

    void start() {
        running = true;
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            Thread thread = new Thread(() -> publish(clients.get(index).client(), windows.get(index), new SplittableRandom(index)),
                    "bench-publisher-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Publishes nothing until {@link #pace} (lets the consumer empty the broker's queue). */
    void pause() {
        paused = true;
    }

    /** From now on, publish at most {@code messagesPerSecond} (offered load for the latency window). */
    void pace(double messagesPerSecond) {
        pacing = new Pacing(clock.next.get(), System.nanoTime(), messagesPerSecond);
        paused = false;
    }

    /** Messages the broker acknowledged. */
    long published() {
        return published.get();
    }

    /** Time publishers spent waiting for the consumer, summed over the publisher threads. */
    long gatedNanos() {
        return gatedNanos.get();
    }

    /** Why publishing stopped early, or null. */
    Throwable failure() {
        return failure.get();
    }

    private void publish(MqttAsyncClient client, Semaphore window, SplittableRandom random) {
        MqttActionListener acknowledged = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                published.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                failure.compareAndSet(null, cause);
                window.release();
            }
        };
        try {
            for (long n = 0; running && failure.get() == null; n++) {
                if (n % GATE_EVERY == 0) {
                    awaitConsumer();
                }
                if (paused) {
                    Thread.sleep(1);
                    continue;
                }
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long sequence = clock.next.getAndIncrement();
                Pacing paced = pacing;
                if (paced != null) {
                    long wait = paced.due(sequence) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                int device = clock.device(sequence);
                clock.publishing(sequence, System.nanoTime());
                client.publish(fleet.topic(topicPrefix, device), fleet.payload(device, clock.ts(sequence), random), 1, false, null,
                        acknowledged);
            }
        } catch (MqttException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Acknowledged by the broker, not yet taken by the consumer. */
    long backlog() {
        return published.get() - consumed.getAsLong();
    }

    private void awaitConsumer() {
        while (running && backlog() > maxBacklog) {
            long since = System.nanoTime();
            LockSupport.parkNanos(200_000);
            gatedNanos.addAndGet(System.nanoTime() - since);
        }
    }

    /** Stops publishing and waits (briefly) for the broker to acknowledge what is in flight. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        for (int i = 0; i < windows.size(); i++) {
            int size = Math.min(WINDOW, clients.get(i).receiveMaximum());
            if (windows.get(i).tryAcquire(size, 10, TimeUnit.SECONDS)) {
                windows.get(i).release(size);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        clients.forEach(c -> MqttClients.closeQuietly(c.client()));
    }
}
