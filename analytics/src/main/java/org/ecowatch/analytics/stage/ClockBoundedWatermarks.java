package org.ecowatch.analytics.stage;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time with bounded out-of-orderness, as Flink's own generator, except that no reading moves it past the wall
 * clock (plus {@code clockDrift}). A device whose clock runs an hour fast would otherwise move event time an hour
 * ahead for the whole job, and every other device's readings would arrive late and be judged by no rule (the fault
 * suite's fuzzing found this, docs/RELIABILITY.md). Such a reading is still stored and waits for event time like any
 * other. Replays of the past are not protected: their readings are all behind the clock.
 */
final class ClockBoundedWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMillis;
    private final long clockDriftMillis;
    private final LongSupplier clock;
    private long maxTimestamp;

    ClockBoundedWatermarks(Duration outOfOrderness, Duration clockDrift, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.clockDriftMillis = clockDrift.toMillis();
        this.clock = clock;
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, Math.min(eventTimestamp, clock.getAsLong() + clockDriftMillis));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(maxTimestamp - outOfOrdernessMillis - 1));
    }
}
