package org.ecowatch.app.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Latency samples in milliseconds, with nearest-rank percentiles (with under 100 samples, p99 is the maximum). */
record Latencies(long[] millis) {

    static Latencies of(Collection<Long> samples) {
        return new Latencies(samples.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    static Latencies pooled(List<Latencies> all) {
        return new Latencies(all.stream().flatMapToLong(l -> Arrays.stream(l.millis)).sorted().toArray());
    }

    int count() {
        return millis.length;
    }

    long percentile(double p) {
        if (millis.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(p / 100 * millis.length);
        return millis[Math.max(0, rank - 1)];
    }

    /** {@code 310 / 820 / 905 ms}, or a dash without samples. */
    String summary() {
        return millis.length == 0 ? "–"
                : String.format("%,d / %,d / %,d ms", percentile(50), percentile(99), millis[millis.length - 1]);
    }
}
