package org.ecowatch.app.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.ecowatch.ingest.store.EmbeddedQuestDb;

/**
 * Waiting for the pipeline's results. A wait fails when the pipeline stalls (makes no progress for a while), not
 * after a fixed time: the suite runs on a shared 2-core machine whose load can stretch a run severalfold.
 */
final class FaultAwait {
    private FaultAwait() {}

    /** Waits until the store holds {@code expected} rows; fails at once if it holds more, or when it stops growing. */
    static void stored(EmbeddedQuestDb store, long expected, Duration stall) throws InterruptedException {
        stored(store, expected, stall, () -> true, () -> "");
    }

    /**
     * @param alive     whether the pipeline still runs: waiting for a dead one fails at once
     * @param diagnosis what to add to a failure (e.g. the pipeline's last output)
     */
    static void stored(EmbeddedQuestDb store, long expected, Duration stall, BooleanSupplier alive, Supplier<String> diagnosis)
            throws InterruptedException {
        long last = -1;
        long lastChange = System.currentTimeMillis();
        long stored;
        while ((stored = StoredReadings.total(store)) != expected) {
            if (stored > expected) {
                throw new AssertionError("the store holds " + stored + " rows, more than the " + expected + " readings published");
            }
            if (stored != last) {
                last = stored;
                lastChange = System.currentTimeMillis();
            }
            if (!alive.getAsBoolean()) {
                throw new AssertionError("the pipeline died; the store holds " + stored + " of " + expected + " readings\n" + diagnosis.get());
            }
            if (System.currentTimeMillis() - lastChange > stall.toMillis()) {
                throw new AssertionError("the store has held " + stored + " of " + expected + " readings for " + stall
                        + " without a new one\n" + diagnosis.get());
            }
            Thread.sleep(200);
        }
    }

    /** Waits until {@code done} holds; fails when {@code progress} has not changed for {@code stall}. */
    static void until(BooleanSupplier done, Supplier<Long> progress, Duration stall, Supplier<String> what) throws InterruptedException {
        long last = progress.get();
        long lastChange = System.currentTimeMillis();
        while (!done.getAsBoolean()) {
            long now = progress.get();
            if (now != last) {
                last = now;
                lastChange = System.currentTimeMillis();
            }
            if (System.currentTimeMillis() - lastChange > stall.toMillis()) {
                throw new AssertionError("no progress for " + stall + ": " + what.get());
            }
            Thread.sleep(100);
        }
    }
}
