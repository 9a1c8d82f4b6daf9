package org.ecowatch.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** configs/demo: the directory `./ecowatch demo` runs on must load and describe a believable district. */
class DemoConfigTest {
    static final Path DEMO = Path.of("demo");
    static EcowatchConfig config;

    @BeforeAll
    static void load() throws ConfigException {
        config = ConfigLoader.load(DEMO);
    }

    @Nested
    class Pipeline {
        @Test
        void runsOnEmbeddedServersWithShortCheckpoints() {
            PipelineConfig p = config.pipeline();
            assertThat(p.mqtt().embedded()).isTrue();
            assertThat(p.mqtt().topicPrefix()).isEqualTo("ecowatch/v1");
            assertThat(p.store().embedded()).isTrue();
            assertThat(p.leadStore().jdbcUrl()).startsWith("jdbc:h2:file:./data/");
            assertThat(p.checkpoints().dir()).isEqualTo("./data/checkpoints");
            assertThat(p.checkpoints().interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.parallelism()).isEqualTo(2);
            assertThat(p.http().port()).isEqualTo(8080);
            assertThat(p.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        }

        @Test
        void recordsTheAbsoluteDirectoryItWasLoadedFrom() {
            assertThat(Path.of(config.directory())).isAbsolute().endsWith(Path.of("configs", "demo"));
        }
    }

    @Nested
    class Registry {
        @Test
        void hasAtLeastTwelveEnterprisesOverThreeDistrictsWithOfficers() {
            assertThat(config.registry().districts()).hasSize(3)
                    .allSatisfy(d -> assertThat(d.officers()).isNotEmpty());
            assertThat(config.registry().enterprises()).hasSizeGreaterThanOrEqualTo(12);
            Set<String> used = config.registry().enterprises().stream().map(Enterprise::district)
                    .collect(Collectors.toSet());
            assertThat(used).hasSize(3);
        }

        @Test
        void mixesSupervisionClassesPositiveListAndIndustries() {
            List<Enterprise> all = config.registry().enterprises();
            assertThat(all).extracting(Enterprise::supervision)
                    .contains(Enterprise.Supervision.KEY, Enterprise.Supervision.GENERAL);
            assertThat(all).anyMatch(Enterprise::positiveList).anyMatch(e -> !e.positiveList());
            assertThat(all).extracting(Enterprise::industry).contains("paper", "dyeing", "electroplating",
                    "chemicals", "food", "cement", "thermal-power", "brick");
        }

        @Test
        void everyEnterpriseHasAnOutletWithAnMnAndSeveralPollutants() {
            for (Enterprise e : config.registry().enterprises()) {
                List<Device> outlets = e.devices().stream().filter(d -> !d.kind().isMeter()).toList();
                assertThat(outlets).as(e.id()).isNotEmpty().allSatisfy(d -> {
                    assertThat(d.mn()).matches("\\d{14,24}");
                    assertThat(d.metrics()).hasSizeGreaterThanOrEqualTo(4);
                    assertThat(d.interval()).isIn(Duration.ofSeconds(30), Duration.ofMinutes(1));
                });
            }
        }

        @Test
        void hasProductionAndTreatmentPowerMetersAndIntakeAndDischargeWaterMeters() {
            List<Device> devices = config.registry().enterprises().stream().flatMap(e -> e.devices().stream()).toList();
            assertThat(devices).extracting(Device::role).contains(Device.Role.PRODUCTION, Device.Role.TREATMENT,
                    Device.Role.INTAKE, Device.Role.DISCHARGE);
            assertThat(devices).filteredOn(d -> d.kind() == Device.Kind.POWER_METER)
                    .allSatisfy(d -> assertThat(d.runningAbove()).isPositive().isLessThan(d.ratedPower()));
        }

        @Test
        void metersWithoutAMetricsListReportTheirKindsDefaults() {
            Device waterMeter = config.registry().device("ent-001", "wm-in").orElseThrow();
            assertThat(waterMeter.metrics()).containsExactly(MeterMetrics.WATER_FLOW, MeterMetrics.WATER_VOLUME);
        }

        @Test
        void mapsAnMnBackToItsDevice() {
            Device outlet = config.registry().device("ent-005", "fg-01").orElseThrow();
            assertThat(config.registry().deviceByMn(outlet.mn()).orElseThrow().key()).isEqualTo("ent-005/fg-01");
        }
    }

    @Nested
    class Thresholds {
        @Test
        void aPaperMillGetsTheStricterPaperStandardAndItsPermitOverride() {
            var t = config.thresholds();
            assertThat(t.effective("w01018", "paper", "ent-009", "ww-01").orElseThrow().limit()).isEqualTo(90.0);
            assertThat(t.effective("w01018", "paper", "ent-001", "ww-01").orElseThrow().limit()).isEqualTo(60.0);
            assertThat(t.effective("w01018", "food", "ent-011", "ww-01").orElseThrow().limit()).isEqualTo(100.0);
        }

        @Test
        void aDeviceRangeOverrideKeepsTheInheritedLimit() {
            MetricLimits cod = config.thresholds().effective("w01018", "food", "ent-004", "ww-01").orElseThrow();
            assertThat(cod.rangeMax()).isEqualTo(500.0);
            assertThat(cod.limit()).isEqualTo(100.0);
            assertThat(cod.unit()).isEqualTo("mg/L");
        }

        @Test
        void everyMetricAnOutletDeclaresHasAUnit() {
            config.registry().enterprises().forEach(e -> e.devices().forEach(d -> d.metrics().forEach(
                    m -> assertThat(config.thresholds().unitOf(m)).as(e.id() + "/" + d.id() + " " + m).isPresent())));
        }

        @Test
        void writesOutParametersForEveryRule() {
            Map<String, Map<String, Object>> rules = config.thresholds().rules();
            assertThat(rules.keySet()).containsExactlyInAnyOrderElementsOf(
                    org.ecowatch.configs.Thresholds.RULE_NAMES);
            assertThat(config.thresholds().ruleParameters("EXCEEDANCE")).containsEntry("criticalFactor", 1.5);
            assertThat(config.thresholds().ruleParameters("OFFLINE")).containsEntry("intervals", 3)
                    .containsEntry("leadAfterKey", "PT1H");
        }
    }
}
