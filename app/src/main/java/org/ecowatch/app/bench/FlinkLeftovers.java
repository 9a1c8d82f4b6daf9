package org.ecowatch.app.bench;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.LoggerFactory;

/**
 * Lets a finished mini cluster be collected before the next phase measures the heap. Flink's futures schedule their
 * time-outs on one JVM-wide executor ({@code FutureUtils.Delayer}) that keeps a cancelled time-out queued until it
 * would have fired; measured here, one such entry kept a cancelled job's TaskExecutor, with all its tasks and state,
 * reachable for minutes, so the next baseline's heap included the previous pipeline's state. Purging the executor's
 * cancelled entries releases it. Only the bench needs this: a pipeline process runs one job for its lifetime.
 */
final class FlinkLeftovers {
    private FlinkLeftovers() {}

    static void release() {
        try {
            Field delayer = Class.forName("org.apache.flink.util.concurrent.FutureUtils$Delayer").getDeclaredField("DELAYER");
            delayer.setAccessible(true);
            ((ScheduledThreadPoolExecutor) delayer.get(null)).purge();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(FlinkLeftovers.class).warn("Cannot purge Flink's time-out executor ({}): the next phase's heap"
                    + " may still hold the previous pipeline's state", e.toString());
        }
    }
}
