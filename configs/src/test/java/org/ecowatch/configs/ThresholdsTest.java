package org.ecowatch.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The most-specific-wins lookup: device &gt; enterprise &gt; industry &gt; metrics, field by field. */
class ThresholdsTest {
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    static MetricLimits limit(double limit) {
        return new MetricLimits(null, limit, null, null, null);
    }

    static final Thresholds THRESHOLDS = new Thresholds(
            Map.of("w01018", new MetricLimits("mg/L", 100.0, HOUR, 0.0, 1000.0),
                    "w21003", new MetricLimits("mg/L", 15.0, HOUR, 0.0, 100.0)),
            Map.of("paper", Map.of("w01018", limit(90.0))),
            Map.of("ent-001", Map.of("w01018", new MetricLimits(null, 60.0, DAY, null, null)),
                    "ent-002", Map.of("w01018", limit(70.0))),
            Map.of("ent-001/ww-01", Map.of("w01018", new MetricLimits(null, null, null, 0.0, 500.0)),
                    "ent-002/ww-02", Map.of("w01018", limit(50.0))),
            Map.of());

    @Nested
    class Effective {
        @Test
        void withoutOverridesIsTheMetricsEntry() {
            assertThat(THRESHOLDS.effective("w01018", "food", "ent-009", "ww-01"))
                    .contains(new MetricLimits("mg/L", 100.0, HOUR, 0.0, 1000.0));
        }

        @Test
        void anIndustryOverridesTheMetricsEntry() {
            assertThat(THRESHOLDS.effective("w01018", "paper", "ent-009", "ww-01").orElseThrow().limit()).isEqualTo(90.0);
        }

        @Test
        void anEnterpriseOverridesItsIndustry() {
            assertThat(THRESHOLDS.effective("w01018", "paper", "ent-002", "ww-01").orElseThrow().limit()).isEqualTo(70.0);
        }

        @Test
        void aDeviceOverridesItsEnterprise() {
            assertThat(THRESHOLDS.effective("w01018", "paper", "ent-002", "ww-02").orElseThrow().limit()).isEqualTo(50.0);
        }

        @Test
        void eachFieldComesFromTheMostSpecificLevelThatSetsIt() {
            assertThat(THRESHOLDS.effective("w01018", "paper", "ent-001", "ww-01"))
                    .contains(new MetricLimits("mg/L", 60.0, DAY, 0.0, 500.0));
        }

        @Test
        void aDeviceOverrideAppliesOnlyToThatEnterprisesDevice() {
            // ww-02 of ent-001 is not ent-002/ww-02
            assertThat(THRESHOLDS.effective("w01018", "paper", "ent-001", "ww-02").orElseThrow().limit()).isEqualTo(60.0);
        }

        @Test
        void anUndefinedMetricHasNoLimits() {
            assertThat(THRESHOLDS.effective("w01019", "paper", "ent-001", "ww-01")).isEmpty();
        }

        @Test
        void overridesOfOtherMetricsDoNotLeak() {
            assertThat(THRESHOLDS.effective("w21003", "paper", "ent-001", "ww-01").orElseThrow().limit()).isEqualTo(15.0);
        }
    }

    @Nested
    class Units {
        @Test
        void meterMetricsHaveFixedUnitsAndOthersTheirConfiguredOne() {
            assertThat(THRESHOLDS.unitOf(MeterMetrics.POWER_ACTIVE)).contains("kW");
            assertThat(THRESHOLDS.unitOf("w21003")).contains("mg/L");
            assertThat(THRESHOLDS.unitOf("a21026")).isEmpty();
        }
    }
}
