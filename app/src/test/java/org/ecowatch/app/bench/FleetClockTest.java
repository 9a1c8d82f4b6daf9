package org.ecowatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecowatch.analytics.stage.Detection;
import org.junit.jupiter.api.Test;

/** The bench's event time: rounds of the fleet, a minute apart, and which round releases a reading to the rules. */
class FleetClockTest {
    static final long START = 1_764_201_600_000L;
    static final long MINUTE = 60_000;

    final FleetClock clock = new FleetClock(START, MINUTE, 100);

    @Test
    void messagesGoRoundTheFleetAMinuteOfEventTimeARound() {
        assertThat(clock.device(0)).isZero();
        assertThat(clock.device(250)).isEqualTo(50);
        assertThat(clock.ts(99)).isEqualTo(START);
        assertThat(clock.ts(100)).isEqualTo(START + MINUTE);
        assertThat(clock.ts(250)).isEqualTo(START + 2 * MINUTE);
    }

    @Test
    void aReadingIsReleasedByTheFirstRoundMoreThanTheOutOfOrdernessBoundLater() {
        long bound = Detection.MAX_OUT_OF_ORDERNESS.toMillis();
        long ts = START + 3 * MINUTE + 5;
        long release = clock.releaseRound(ts);

        // The watermark is the newest time seen minus the bound minus 1 ms: it passes ts once a reading that new arrives.
        assertThat(START + release * MINUTE - bound - 1).isGreaterThanOrEqualTo(ts);
        assertThat(START + (release - 1) * MINUTE - bound - 1).isLessThan(ts);
    }

    @Test
    void remembersWhenEachRoundBeganToBePublished() {
        clock.publishing(100, 5_000);
        clock.publishing(150, 6_000);
        clock.publishing(200, 7_000);

        assertThat(clock.roundStarted(1)).isEqualTo(5_000);
        assertThat(clock.roundStarted(2)).isEqualTo(7_000);
        assertThat(clock.roundStarted(3)).isNull();
    }
}
