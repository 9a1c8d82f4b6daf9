package org.ecowatch.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.simulator.SimulatedMessage;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes a list of messages at QoS 1, in order, at a controlled rate of readings per second, on a thread of its
 * own, as a fleet of devices would: when the broker goes away it reconnects and sends again what the broker had not
 * acknowledged (a message may then arrive twice, which the pipeline must absorb). A message counts as published once
 * the broker acknowledged it.
 */
final class PacedPublisher implements AutoCloseable {
    /** Publishes in flight at once. */
    private static final int WINDOW = 50;

    private final MqttConnectionSettings broker;
    private final List<SimulatedMessage> messages;
    private final double readingsPerSecond;
    private final String clientId = "fault-publisher-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong readingsPublished = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean closed;
    private MqttAsyncClient client;

    /** Starts publishing at once; {@code readingsPerSecond} ≤ 0 publishes as fast as the broker takes it. */
    PacedPublisher(String brokerUrl, List<SimulatedMessage> messages, double readingsPerSecond) {
        this.broker = MqttConnectionSettings.of(brokerUrl);
        this.messages = messages;
        this.readingsPerSecond = readingsPerSecond;
        this.thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    long published() {
        return published.get();
    }

    /** Share of the messages published, 0 … 1. */
    double progress() {
        return messages.isEmpty() ? 1 : (double) published.get() / messages.size();
    }

    /** Times the publisher lost the broker and connected again. */
    long reconnects() {
        return reconnects.get();
    }

    boolean done() {
        return published.get() == messages.size();
    }

    /** Waits until every message is published; fails when none was for {@code stall}, or with the publisher's failure. */
    void awaitDone(Duration stall) throws InterruptedException {
        FaultAwait.until(() -> done() || failure != null, this::published, stall,
                () -> "published " + published() + " of " + messages.size() + " messages");
        if (failure != null) {
            throw new IllegalStateException("the publisher failed", failure);
        }
    }

    private void run() {
        long started = System.nanoTime();
        int next = 0;
        try {
            while (next < messages.size() && !closed) {
                int end = Math.min(messages.size(), next + WINDOW);
                if (!sendAll(messages.subList(next, end))) {
                    reconnects.incrementAndGet();
                    // As the simulator's fleet does: a device tries again a second later.
                    Thread.sleep(1_000);
                    continue;
                }
                long readings = 0;
                for (SimulatedMessage m : messages.subList(next, end)) {
                    readings += m.readings();
                }
                published.addAndGet(end - next);
                readingsPublished.addAndGet(readings);
                next = end;
                pace(started);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            MqttClients.closeQuietly(client);
        }
    }

    /** Sends a window and waits for its acknowledgements; false when the broker could not be reached. */
    private boolean sendAll(List<SimulatedMessage> window) {
        try {
            if (client == null || !client.isConnected()) {
                MqttClients.closeQuietly(client);
                client = null;
                client = MqttClients.connectAsync(broker, clientId, options -> { });
            }
            List<IMqttToken> tokens = new ArrayList<>(window.size());
            for (SimulatedMessage m : window) {
                tokens.add(client.publish(m.topic(), m.payload(), 1, false));
            }
            for (IMqttToken token : tokens) {
                token.waitForCompletion(10_000);
            }
            return true;
        } catch (MqttException e) {
            MqttClients.closeQuietly(client);
            client = null;
            return false;
        }
    }

    private void pace(long startedNanos) throws InterruptedException {
        if (readingsPerSecond <= 0) {
            return;
        }
        long dueNanos = startedNanos + (long) (readingsPublished.get() / readingsPerSecond * 1e9);
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(dueNanos - System.nanoTime());
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(15_000);
    }
}
