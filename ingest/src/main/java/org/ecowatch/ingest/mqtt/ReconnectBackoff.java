package org.ecowatch.ingest.mqtt;

import java.time.Duration;

/**
 * Exponential reconnect delay: starts at {@code min}, doubles per failed attempt up to {@code max},
 * back to {@code min} after a success. Not thread-safe: one owner thread per instance.
 */
public final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    public ReconnectBackoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = minMillis;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    public long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    public void reset() {
        nextMillis = minMillis;
    }
}
