package org.ecowatch.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.ConfigProblem;
import org.ecowatch.configs.Thresholds;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleParametersTest {

    static Thresholds withRules(Map<String, Map<String, Object>> rules) {
        return new Thresholds(Map.of(), Map.of(), Map.of(), Map.of(), rules);
    }

    static ConfigException rejected(Map<String, Map<String, Object>> rules) {
        return catchThrowableOfType(ConfigException.class, () -> RuleParameters.from(withRules(rules)));
    }

    @Nested
    class Defaults {
        @Test
        void areDomainMdsNumbersWhenThresholdsYamlWritesNoRules() throws ConfigException {
            RuleParameters p = RuleParameters.from(withRules(Map.of()));

            assertThat(p).isEqualTo(RuleParameters.defaults());
            assertThat(p.exceedance()).isEqualTo(new RuleParameters.Exceedance(1.5, 0.9));
            assertThat(p.earlyWarning()).isEqualTo(new RuleParameters.EarlyWarning(0.8, Duration.ofMinutes(15), 0.9));
            assertThat(p.flatline()).isEqualTo(new RuleParameters.Flatline(Duration.ofHours(4), 0.001));
            assertThat(p.zeroValue().minDuration()).isEqualTo(Duration.ofHours(1));
            assertThat(p.outOfRange().minDuration()).isEqualTo(Duration.ofMinutes(15));
            assertThat(p.instrumentFlag()).isEqualTo(new RuleParameters.InstrumentFlag(Duration.ofHours(1), Duration.ofHours(4)));
            assertThat(p.offline()).isEqualTo(new RuleParameters.Offline(3, Duration.ofMinutes(10), Duration.ofHours(12),
                    Duration.ofHours(1)));
            assertThat(p.treatmentOff()).isEqualTo(new RuleParameters.TreatmentOff(Duration.ofMinutes(15), 0.3));
            assertThat(p.waterBalance()).isEqualTo(new RuleParameters.WaterBalance(0.5, Duration.ofHours(2)));
        }

        @Test
        void areWhatTheDemoThresholdsWriteOut() throws ConfigException {
            Thresholds demo = ConfigLoader.load(Path.of("..", "configs", "demo")).thresholds();

            assertThat(RuleParameters.from(demo)).isEqualTo(RuleParameters.defaults());
        }
    }

    @Nested
    class WrittenValues {
        @Test
        void overrideOnlyTheParametersWritten() throws ConfigException {
            RuleParameters p = RuleParameters.from(withRules(Map.of(
                    "FLATLINE", Map.of("minDuration", "PT6H"),
                    "EXCEEDANCE", Map.of("criticalFactor", 2),
                    "OFFLINE", Map.of("intervals", 5))));

            assertThat(p.flatline()).isEqualTo(new RuleParameters.Flatline(Duration.ofHours(6), 0.001));
            assertThat(p.exceedance().criticalFactor()).isEqualTo(2.0);
            assertThat(p.offline().intervals()).isEqualTo(5);
            assertThat(p.offline().minimum()).isEqualTo(Duration.ofMinutes(10));
        }

        @Test
        void offlineStartupGraceDefaultsToTwiceTheMinimumWrittenUnlessWrittenItself() throws ConfigException {
            RuleParameters p = RuleParameters.from(withRules(Map.of("OFFLINE", Map.of("minimum", "PT15M"))));
            RuleParameters q = RuleParameters.from(withRules(Map.of("OFFLINE", Map.of("startupGrace", "PT5M"))));

            assertThat(RuleParameters.defaults().offline().startupGrace()).isEqualTo(Duration.ofMinutes(20));
            assertThat(p.offline().startupGrace()).isEqualTo(Duration.ofMinutes(30));
            assertThat(q.offline().startupGrace()).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void offlineWindowIsIntervalsTimesTheIntervalButAtLeastTheMinimum() {
            RuleParameters.Offline offline = RuleParameters.defaults().offline();

            assertThat(offline.window(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(10));
            assertThat(offline.window(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(15));
        }
    }

    @Nested
    class BadValues {
        @Test
        void nameTheFileTheParameterAndTheFix() {
            ConfigException e = rejected(Map.of("FLATLINE", Map.of("minDuration", "4 hours")));

            assertThat(e.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.file()).isEqualTo("thresholds.yaml");
                assertThat(problem.field()).isEqualTo("rules.FLATLINE.minDuration");
                assertThat(problem.problem()).contains("\"4 hours\"").contains("ISO-8601");
                assertThat(problem.fix()).contains("PT4H");
            });
            assertThat(e.getMessage()).contains("thresholds.yaml: rules.FLATLINE.minDuration:");
        }

        @Test
        void areAllReportedAtOnce() {
            Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
            rules.put("EXCEEDANCE", Map.of("criticalFactor", 0.5));
            rules.put("EARLY_WARNING", Map.of("fraction", 1.2));
            rules.put("OUT_OF_RANGE", Map.of("minDuration", "PT0S"));
            rules.put("OFFLINE", Map.of("intervals", 2.5));
            rules.put("WATER_BALANCE", Map.of("dischargeFraction", "half"));

            assertThat(rejected(rules).problems()).extracting(ConfigProblem::field).containsExactlyInAnyOrder(
                    "rules.EXCEEDANCE.criticalFactor", "rules.EARLY_WARNING.fraction", "rules.OUT_OF_RANGE.minDuration",
                    "rules.OFFLINE.intervals", "rules.WATER_BALANCE.dischargeFraction");
        }

        @Test
        void includeAMisspeltParameterNameThatWouldOtherwiseSilentlyFallBackToTheDefault() {
            ConfigException e = rejected(Map.of("ZERO_VALUE", Map.of("minDurration", "PT2H")));

            assertThat(e.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.field()).isEqualTo("rules.ZERO_VALUE.minDurration");
                assertThat(problem.fix()).contains("minDuration");
            });
        }

        @Test
        void includeAMaintenanceAllowanceOfAWholeDay() {
            assertThat(rejected(Map.of("INSTRUMENT_FLAG", Map.of("maintenancePerDay", "P1D"))).problems())
                    .extracting(ConfigProblem::field).containsExactly("rules.INSTRUMENT_FLAG.maintenancePerDay");
        }
    }
}
