package org.ecowatch.app.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ecowatch.analytics.stage.Detection;

/**
 * Event time of one phase. The publishers go round the fleet in lockstep: message {@code n} is device
 * {@code n % devices} in round {@code n / devices}, stamped {@code start + round × interval}. Each device's readings
 * are thus spaced by its real reporting interval, so the rules hold as much state per series as they would in
 * production, while the fleet's clock runs as fast as the pipeline drains it (a replay).
 *
 * <p>A reading reaches the rules only once the watermark passes it, i.e. once readings
 * {@link Detection#MAX_OUT_OF_ORDERNESS} younger have arrived. The clock records when each round started being
 * published, so an alert's latency can be counted from the moment the publishers had sent what releases it.
 */
final class FleetClock {
    final long start;
    final long intervalMillis;
    final int devices;
    /** The next message's sequence number: publishers take numbers from here. */
    final AtomicLong next = new AtomicLong();
    private final ConcurrentHashMap<Long, Long> roundStarts = new ConcurrentHashMap<>();

    FleetClock(long start, long intervalMillis, int devices) {
        this.start = start;
        this.intervalMillis = intervalMillis;
        this.devices = devices;
    }

    int device(long sequence) {
        return (int) (sequence % devices);
    }

    long round(long sequence) {
        return sequence / devices;
    }

    long ts(long sequence) {
        return start + round(sequence) * intervalMillis;
    }

    /**
     * Called as a message is published: remembers when its round began, i.e. the first publication of any of its
     * messages (publisher threads race, and a thread may be descheduled between taking a number and publishing).
     */
    void publishing(long sequence, long nanos) {
        roundStarts.merge(round(sequence), nanos, Math::min);
    }

    /** The time of the round being published now. */
    long frontier() {
        return ts(Math.max(0, next.get() - 1));
    }

    /** The first round whose readings move the watermark past {@code ts}. */
    long releaseRound(long ts) {
        long needed = ts + Detection.MAX_OUT_OF_ORDERNESS.toMillis() + 1 - start;
        return Math.max(0, (needed + intervalMillis - 1) / intervalMillis);
    }

    /** When that round began to be published (System.nanoTime), or null when it has not yet. */
    Long roundStarted(long round) {
        return roundStarts.get(round);
    }

    /** Rounds published so far, i.e. readings per series. */
    long rounds() {
        return next.get() / devices;
    }

    /** The newest time any message of this phase can carry. */
    long newest() {
        return ts(next.get()) + intervalMillis;
    }
}
