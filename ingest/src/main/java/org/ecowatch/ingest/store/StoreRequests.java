package org.ecowatch.ingest.store;

import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.write.Point;
import com.influxdb.exceptions.InfluxException;
import org.apache.flink.metrics.Counter;
import org.ecowatch.configs.PipelineConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends batches of points with the blocking write API until the store has them: it waits out outages
 * (backpressure instead of loss), isolates a rejected line by splitting its batch, and turns configuration
 * errors into a failure that says what to fix.
 */
final class StoreRequests {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRequests.class);
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

    private final WriteApiBlocking api;
    private final PipelineConfig.Store store;
    private final boolean tokenSent;
    private final ReadingsStoreOptions options;
    private final Counter stored;
    private final Counter retries;

    /** When the current outage began ({@code System.nanoTime()}), or -1 while the store answers. */
    private long outageSince = -1;
    private long outageRetries;

    StoreRequests(WriteApiBlocking api, PipelineConfig.Store store, boolean tokenSent, ReadingsStoreOptions options,
                  Counter stored, Counter retries) {
        this.api = api;
        this.store = store;
        this.tokenSent = tokenSent;
        this.options = options;
        this.stored = stored;
        this.retries = retries;
    }

    /**
     * Returns once every point is stored; throws only for failures that retrying cannot fix. Points the store
     * refuses are isolated first, so the rest of the batch is stored before the failure names them.
     */
    void write(List<Point> points) throws IOException, InterruptedException {
        List<RefusedPoint> refused = new ArrayList<>();
        writeIsolating(points, refused);
        if (!refused.isEmpty()) {
            RefusedPoint first = refused.get(0);
            IOException failure = new IOException("the readings store at " + store.url() + " rejected "
                    + (refused.size() == 1 ? "the point `" : refused.size() + " points, the first `")
                    + first.point.toLineProtocol() + "` (" + StoreFailure.describe(first.cause) + "); the other points"
                    + " of its batch were written. Fix the data source of this reading, or the store's table if a"
                    + " column has another type", first.cause);
            refused.stream().skip(1).forEach(other -> failure.addSuppressed(other.cause));
            throw failure;
        }
    }

    private void writeIsolating(List<Point> points, List<RefusedPoint> refused) throws IOException, InterruptedException {
        if (points.isEmpty()) {
            return;
        }
        try {
            writeRetrying(points);
        } catch (RejectedPoints rejected) {
            if (points.size() == 1) {
                refused.add(new RefusedPoint(points.get(0), rejected.cause));
                return;
            }
            // QuestDB refuses the whole request for one bad line: halve until the bad line stands alone, so
            // its neighbours are stored (re-writing ones InfluxDB already accepted is harmless: same key).
            int middle = points.size() / 2;
            writeIsolating(points.subList(0, middle), refused);
            writeIsolating(points.subList(middle, points.size()), refused);
        }
    }

    private record RefusedPoint(Point point, InfluxException cause) {}

    private void writeRetrying(List<Point> points) throws IOException, InterruptedException, RejectedPoints {
        long firstFailure = -1;
        Duration backoff = INITIAL_BACKOFF;
        while (true) {
            InfluxException failure;
            try {
                api.writePoints(points);
                stored.inc(points.size());
                recovered();
                return;
            } catch (InfluxException e) {
                failure = e;
            }
            switch (StoreFailure.of(failure)) {
                case REJECTED_POINTS -> {
                    recovered(); // the store answered
                    throw new RejectedPoints(failure);
                }
                case PERMANENT -> throw new IOException(permanentMessage(failure), failure);
                case INTERRUPTED -> {
                    InterruptedException interrupted = new InterruptedException("interrupted while writing to the readings store");
                    interrupted.initCause(failure);
                    throw interrupted;
                }
                case TRANSIENT -> {
                    long now = System.nanoTime();
                    if (firstFailure < 0) {
                        firstFailure = now;
                    }
                    if (Duration.ofNanos(now - firstFailure).compareTo(options.retryMaxDuration()) >= 0) {
                        throw new IOException("the readings store at " + store.url() + " has failed every write for "
                                + options.retryMaxDuration() + " (last: " + StoreFailure.describe(failure)
                                + "); failing the job so that Flink's restart strategy takes over. Check that the store"
                                + " is running and reachable, or raise " + ReadingsStoreOptions.RETRY_MAX_DURATION.key(),
                                failure);
                    }
                    Duration pause = StoreFailure.retryAfter(failure)
                            .map(retryAfter -> min(retryAfter, options.retryMaxBackoff()))
                            .orElse(backoff);
                    outage(failure, pause);
                    retries.inc();
                    Thread.sleep(pause.toMillis());
                    backoff = min(backoff.multipliedBy(2), options.retryMaxBackoff());
                }
            }
        }
    }

    private void outage(InfluxException failure, Duration pause) {
        outageRetries++;
        if (outageSince < 0) {
            outageSince = System.nanoTime();
            LOG.warn("Readings store at {} is failing ({}); retrying with pauses of up to {}, for up to {} per batch,"
                            + " while the job backpressures",
                    store.url(), StoreFailure.describe(failure), options.retryMaxBackoff(), options.retryMaxDuration());
        } else {
            LOG.debug("Readings store at {} still failing ({}); next attempt in {}", store.url(),
                    StoreFailure.describe(failure), pause);
        }
    }

    private void recovered() {
        if (outageSince >= 0) {
            Duration down = Duration.ofNanos(System.nanoTime() - outageSince);
            LOG.info("Readings store at {} is writable again after {} ms and {} retries", store.url(), down.toMillis(),
                    outageRetries);
            outageSince = -1;
            outageRetries = 0;
        }
    }

    private String permanentMessage(InfluxException e) {
        String where = "the readings store at " + store.url() + " refused the write (" + StoreFailure.describe(e) + "): ";
        String tokenVariable = store.tokenEnv() == null ? null : "the environment variable " + store.tokenEnv()
                + " (store.tokenEnv in pipeline.yaml)";
        return switch (e.status()) {
            case 401 -> where + (tokenVariable == null
                    ? "it wants a token; set store.tokenEnv in pipeline.yaml to the name of an environment variable that"
                    + " holds a token with write access to bucket '" + store.bucket() + "'"
                    : tokenSent
                    ? "set " + tokenVariable + " to a valid token with write access to bucket '" + store.bucket() + "'"
                    : tokenVariable + " is not set, so no token was sent; set it to a token with write access to bucket '"
                    + store.bucket() + "'");
            case 403 -> where + "the token " + (tokenVariable == null ? "" : "in " + tokenVariable + " ")
                    + "may not write to bucket '" + store.bucket() + "' of org '" + store.org() + "'; grant it write access";
            case 404 -> where + "bucket '" + store.bucket() + "' or org '" + store.org() + "' does not exist there;"
                    + " create it, or fix store.bucket / store.org in pipeline.yaml, and check that store.url is the"
                    + " server's base URL (without /api/v2/write)";
            default -> where + "check store.url, store.org and store.bucket in pipeline.yaml";
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The store answered that some line of the batch is unacceptable. */
    private static final class RejectedPoints extends Exception {
        final InfluxException cause;

        RejectedPoints(InfluxException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
