package org.ecowatch.analytics.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class ClockBoundedWatermarksTest {
    private static final long NOW = Instant.parse("2026-11-28T02:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };
    private final ClockBoundedWatermarks<String> generator =
            new ClockBoundedWatermarks<>(Duration.ofMinutes(5), Duration.ofMinutes(1), () -> NOW);

    @Test
    void trailsTheNewestReadingByTheOutOfOrderness() {
        generator.onEvent("a", NOW - 10 * MINUTE, output);
        generator.onEvent("b", NOW - 12 * MINUTE, output);
        generator.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(NOW - 15 * MINUTE - 1);
    }

    @Test
    void aReadingFromAFastClockMovesEventTimeNoFurtherThanTheWallClock() {
        generator.onEvent("a", NOW - MINUTE, output);
        generator.onEvent("fast clock", NOW + 60 * MINUTE, output);
        generator.onPeriodicEmit(output);

        // Readings of the other devices, stamped now, are still ahead of event time: judged, not late.
        assertThat(emitted).containsExactly(NOW + MINUTE - 5 * MINUTE - 1);
        assertThat(NOW).isGreaterThan(emitted.get(0));
    }
}
