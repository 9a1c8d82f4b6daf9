package org.ecowatch.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;
    ConfigDir dir;

    @BeforeEach
    void writeValidConfiguration() {
        dir = ConfigDir.in(tmp);
    }

    /** The only problem reported, checked for file and field. */
    private ConfigProblem onlyProblem(String file, String field) {
        List<ConfigProblem> problems = dir.problems();
        assertThat(problems).as(problems.toString()).hasSize(1);
        ConfigProblem p = problems.get(0);
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.field()).isEqualTo(field);
        return p;
    }

    @Nested
    class Directory {
        @Test
        void loadsTheSmallValidConfiguration() throws ConfigException {
            EcowatchConfig config = dir.load();
            assertThat(config.registry().enterprises()).hasSize(2);
            assertThat(config.thresholds().metrics()).containsKeys("w01018", "w21003");
        }

        @Test
        void aMissingDirectoryIsAProblemNamingIt() {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.load(tmp.resolve("nowhere")));
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).endsWith("nowhere");
                assertThat(p.problem()).isEqualTo("no such directory");
                assertThat(p.fix()).contains("configs/demo");
            });
        }

        @Test
        void aMissingFileIsAProblemAndTheOtherFilesAreStillChecked() {
            dir.without(ConfigLoader.THRESHOLDS_FILE).with(ConfigLoader.PIPELINE_FILE, "parallelism: 0\n");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::file, ConfigProblem::field)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("pipeline.yaml", "parallelism"),
                            org.assertj.core.groups.Tuple.tuple("thresholds.yaml", ""));
            assertThat(problems.get(1).problem()).startsWith("file not found in ");
            assertThat(problems.get(1).fix()).isEqualTo("create thresholds.yaml (configs/demo/thresholds.yaml is an example)");
        }

        @Test
        void invalidYamlIsReportedOnOneLineWithItsPosition() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  url: [embedded\nstore: x\n");
            ConfigProblem p = onlyProblem("pipeline.yaml", "");
            assertThat(p.problem()).startsWith("not valid YAML at line 3").doesNotContain("\n");
        }

        @Test
        void aKeyWrittenTwiceIsReportedRatherThanSilentlyOverwritten() {
            dir.with(ConfigLoader.PIPELINE_FILE, "parallelism: 2\nparallelism: 4\n");
            ConfigProblem p = onlyProblem("pipeline.yaml", "");
            assertThat(p.problem()).startsWith("duplicate key `parallelism` at line 2");
        }
    }

    @Nested
    class Pipeline {
        @Test
        void anEmptyPipelineFileMeansEveryDocumentedDefault() throws ConfigException {
            PipelineConfig p = dir.load().pipeline();
            assertThat(p.mqtt()).isEqualTo(new PipelineConfig.Mqtt("embedded", null, null, "ecowatch/v1"));
            assertThat(p.store()).isEqualTo(new PipelineConfig.Store("embedded", "ecowatch", "readings", null));
            assertThat(p.leadStore()).isEqualTo(new PipelineConfig.LeadStore("jdbc:h2:file:./data/leads", null, null));
            assertThat(p.checkpoints()).isEqualTo(new PipelineConfig.Checkpoints("./data/checkpoints", Duration.ofSeconds(5)));
            assertThat(p.parallelism()).isEqualTo(2);
            assertThat(p.http().port()).isEqualTo(8080);
            assertThat(p.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        }

        @Test
        void keepsWhatIsWrittenIncludingRelativePaths() throws ConfigException {
            dir.with(ConfigLoader.PIPELINE_FILE, """
                    mqtt: {url: "ssl://broker.example:8883", username: ecowatch, passwordEnv: MQTT_PW, topicPrefix: hn/ecowatch,
                           sharedSubscription: false}
                    store: {url: "https://influx.example", org: wangcheng, bucket: raw, tokenEnv: INFLUX_TOKEN}
                    leadStore: {jdbcUrl: "jdbc:postgresql://db:5432/ecowatch", usernameEnv: DB_USER, passwordEnv: DB_PW}
                    checkpoints: {dir: ../state, interval: PT30S}
                    parallelism: 4
                    http: {port: 9090}
                    timeZone: UTC
                    """);
            PipelineConfig p = dir.load().pipeline();
            assertThat(p.mqtt()).isEqualTo(new PipelineConfig.Mqtt("ssl://broker.example:8883", "ecowatch", "MQTT_PW", "hn/ecowatch",
                    false));
            assertThat(p.store().tokenEnv()).isEqualTo("INFLUX_TOKEN");
            assertThat(p.leadStore().passwordEnv()).isEqualTo("DB_PW");
            assertThat(p.checkpoints().dir()).isEqualTo("../state");
            assertThat(p.parallelism()).isEqualTo(4);
            assertThat(p.timeZone()).isEqualTo(ZoneId.of("UTC"));
        }

        @Test
        void aLiteralPasswordIsAnErrorWhoseFixNamesTheEnvKeyAndThatDoesNotEchoTheSecret() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  password: hunter2\n");
            ConfigProblem p = onlyProblem("pipeline.yaml", "mqtt.password");
            assertThat(p.problem()).contains("literal secret");
            assertThat(p.fix()).contains("`passwordEnv: ECOWATCH_MQTT_PASSWORD`");
            assertThat(p.toString()).doesNotContain("hunter2");
        }

        @Test
        void aLiteralStoreTokenPointsToTokenEnv() {
            dir.with(ConfigLoader.PIPELINE_FILE, "store:\n  token: abc\n");
            assertThat(onlyProblem("pipeline.yaml", "store.token").fix()).contains("`tokenEnv: ECOWATCH_STORE_TOKEN`");
        }

        @Test
        void aSecretInASectionWithoutEnvKeysIsStillRejected() {
            dir.with(ConfigLoader.PIPELINE_FILE, "secret: abc\n");
            assertThat(onlyProblem("pipeline.yaml", "secret").fix()).contains("environment variables");
        }

        @Test
        void aPasswordInsideAUrlIsALiteralSecret() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  url: tcp://user:pw@127.0.0.1:1883\n"
                    + "leadStore:\n  jdbcUrl: jdbc:postgresql://db/ecowatch?user=a&password=b\n");
            assertThat(dir.problems()).extracting(ConfigProblem::field).containsExactly("mqtt.url", "leadStore.jdbcUrl");
        }

        @Test
        void anEnvKeyMustNameAVariableNotHoldTheSecret() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  passwordEnv: \"s3cr3t!\"\n");
            assertThat(onlyProblem("pipeline.yaml", "mqtt.passwordEnv").problem())
                    .contains("is not an environment variable name");
        }

        @Test
        void anMqttUrlMustBeABrokerUrlOrEmbeddedAndMqttSchemeSuggestsTcp() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  url: mqtt://127.0.0.1:1883\n");
            assertThat(onlyProblem("pipeline.yaml", "mqtt.url").fix()).isEqualTo("write `url: tcp://127.0.0.1:1883`");
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  url: http://127.0.0.1\n");
            assertThat(onlyProblem("pipeline.yaml", "mqtt.url").fix()).contains("tcp, ssl, ws, wss");
        }

        @Test
        void aStoreUrlMustBeHttpOrEmbedded() {
            dir.with(ConfigLoader.PIPELINE_FILE, "store:\n  url: questdb\n");
            assertThat(onlyProblem("pipeline.yaml", "store.url").fix()).contains("url: embedded");
        }

        @Test
        void theLeadStoreMustBeH2OrPostgres() {
            dir.with(ConfigLoader.PIPELINE_FILE, "leadStore:\n  jdbcUrl: jdbc:mysql://db/leads\n");
            onlyProblem("pipeline.yaml", "leadStore.jdbcUrl");
        }

        @Test
        void portParallelismAndIntervalMustBeInRange() {
            dir.with(ConfigLoader.PIPELINE_FILE, "http: {port: 70000}\nparallelism: 0\ncheckpoints: {interval: PT0S}\n");
            assertThat(dir.problems()).extracting(ConfigProblem::field, ConfigProblem::problem).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("checkpoints.interval", "must be longer than zero, got PT0S"),
                    org.assertj.core.groups.Tuple.tuple("parallelism", "must be from 1 to 10000, got 0"),
                    org.assertj.core.groups.Tuple.tuple("http.port", "must be from 1 to 65535, got 70000"));
        }

        @Test
        void aShorthandDurationGetsItsIsoSpellingAsTheFix() {
            dir.with(ConfigLoader.PIPELINE_FILE, "checkpoints:\n  interval: 30s\n");
            ConfigProblem p = onlyProblem("pipeline.yaml", "checkpoints.interval");
            assertThat(p.problem()).isEqualTo("\"30s\" is not an ISO-8601 duration");
            assertThat(p.fix()).isEqualTo("write `interval: PT30S`");
        }

        @Test
        void aMisspeltTimeZoneSuggestsTheRealOne() {
            dir.with(ConfigLoader.PIPELINE_FILE, "timeZone: Asia/Shangai\n");
            assertThat(onlyProblem("pipeline.yaml", "timeZone").fix()).isEqualTo("write `timeZone: Asia/Shanghai`");
        }

        @Test
        void aWildcardInTheTopicPrefixIsRejected() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  topicPrefix: ecowatch/#\n");
            onlyProblem("pipeline.yaml", "mqtt.topicPrefix");
        }

        @Test
        void aSectionThatIsNotAMappingSaysSo() {
            dir.with(ConfigLoader.PIPELINE_FILE, "http: 8080\n");
            assertThat(onlyProblem("pipeline.yaml", "http").problem())
                    .isEqualTo("expected a mapping of `key: value` lines, got the number 8080");
        }
    }

    @Nested
    class UnknownKeys {
        @Test
        void suggestTheClosestKnownKey() {
            dir.with(ConfigLoader.PIPELINE_FILE, "mqtt:\n  passwrodEnv: X\n");
            ConfigProblem p = onlyProblem("pipeline.yaml", "mqtt.passwrodEnv");
            assertThat(p.problem()).isEqualTo("unknown key `passwrodEnv`");
            assertThat(p.fix()).startsWith("did you mean `passwordEnv`? known keys here: url, username, passwordEnv, topicPrefix");
        }

        @Test
        void ignoreCaseWhenSuggesting() {
            dir.with(ConfigLoader.PIPELINE_FILE, "TimeZone: UTC\n");
            assertThat(onlyProblem("pipeline.yaml", "TimeZone").fix()).startsWith("did you mean `timeZone`?");
        }

        @Test
        void listTheKnownKeysWhenNothingIsClose() {
            dir.with(ConfigLoader.PIPELINE_FILE, "kafka: {}\n");
            ConfigProblem p = onlyProblem("pipeline.yaml", "kafka");
            assertThat(p.fix()).doesNotContain("did you mean").startsWith("known keys here: mqtt, store");
        }

        @Test
        void areFoundDeepInTheRegistryWithTheirFullPath() {
            dir.with(ConfigLoader.REGISTRY_FILE, ConfigDir.REGISTRY.replace("interval: PT1M\n",
                    "interval: PT1M\n        intervall: PT1M\n"));
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::field)
                    .containsExactly("enterprises[0].devices[1].intervall", "enterprises[1].devices[0].intervall");
            assertThat(problems.get(0).fix()).startsWith("did you mean `interval`?");
        }
    }

    @Nested
    class Registry {
        private void registry(String from, String to) {
            assertThat(ConfigDir.REGISTRY).contains(from);
            dir.with(ConfigLoader.REGISTRY_FILE, ConfigDir.REGISTRY.replace(from, to));
        }

        @Test
        void aDuplicateMnNamesTheDeviceThatAlreadyHasIt() {
            registry("\"88888880000002\"", "\"88888880000001\"");
            ConfigProblem p = onlyProblem("registry.yaml", "enterprises[1].devices[0].mn");
            assertThat(p.toString()).isEqualTo("registry.yaml: enterprises[1].devices[0].mn: duplicate MN"
                    + " \"88888880000001\" also used by ent-001/ww-01 (fix: give each device its own MN)");
        }

        @Test
        void anUnquotedMnIsRejectedBecauseDigitsBecomeANumber() {
            registry("mn: \"88888880000001\"", "mn: 88888880000001");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[0].mn").fix())
                    .startsWith("quote it: `mn: \"88888880000001\"`");
        }

        @Test
        void duplicateIdsAreReportedWhereTheSecondOneIs() {
            registry("id: south", "id: north");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems.get(0).field()).isEqualTo("districts[1].id");
            assertThat(problems.get(0).problem()).isEqualTo("duplicate district id \"north\", also used by districts[0]");
            // and ent-002 now points at a district that no longer exists
            assertThat(problems).extracting(ConfigProblem::field).containsExactly("districts[1].id", "enterprises[1].district");
        }

        @Test
        void deviceIdsAreUniqueWithinAnEnterpriseOnly() throws ConfigException {
            dir.load(); // ent-001/ww-01 and ent-002/ww-01 share a device id legitimately
            registry("id: pm-prod", "id: ww-01");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[1].id").fix())
                    .isEqualTo("give each device its own id");
        }

        @Test
        void anIdWithCharactersTopicsCannotCarryIsRejectedWithAnExample() {
            registry("id: ent-002", "id: ent 002/x");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems.get(0).field()).isEqualTo("enterprises[1].id");
            assertThat(problems.get(0).fix()).endsWith("for example `ent-002-x`");
        }

        @Test
        void anEnterpriseInAnUnknownDistrictSuggestsTheClosest() {
            registry("district: south", "district: suoth");
            ConfigProblem p = onlyProblem("registry.yaml", "enterprises[1].district");
            assertThat(p.problem()).isEqualTo("no district \"suoth\" in `districts`");
            assertThat(p.fix()).startsWith("did you mean `south`? use one of north, south");
        }

        @Test
        void aRoleMustSuitTheMeterKind() {
            registry("role: PRODUCTION", "role: INTAKE");
            ConfigProblem p = onlyProblem("registry.yaml", "enterprises[0].devices[1].role");
            assertThat(p.problem()).isEqualTo("\"INTAKE\" is not allowed here; expected one of PRODUCTION | TREATMENT");
        }

        @Test
        void aLowerCaseEnumValueGetsItsExactSpellingAsTheFix() {
            registry("supervision: KEY", "supervision: key");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].supervision").fix()).isEqualTo("write `supervision: KEY`");
        }

        @Test
        void anUnknownKindSuggestsTheClosest() {
            registry("kind: POWER_METER", "kind: POWER_METRE");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems.get(0).field()).isEqualTo("enterprises[0].devices[1].kind");
            assertThat(problems.get(0).fix()).startsWith("did you mean `POWER_METER`?");
        }

        @Test
        void aMeterNeedsARoleAndAnOutletMustNotHaveOne() {
            registry("        role: PRODUCTION\n", "");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[1].role").fix()).isEqualTo("add `role: PRODUCTION`");
            registry("        interval: PT30S\n", "        interval: PT30S\n        role: TREATMENT\n");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[0].role").fix()).isEqualTo("remove `role`");
        }

        @Test
        void powerSettingsBelongToPowerMetersAndRunningIsBelowRated() {
            registry("ratedPower: 250.0", "ratedPower: 10.0");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[1].runningAbove").problem())
                    .contains("above the rated power");
            registry("        interval: PT30S\n", "        interval: PT30S\n        ratedPower: 10\n");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[0].ratedPower").problem())
                    .isEqualTo("`ratedPower` applies to POWER_METER devices only, not WASTEWATER_OUTLET");
        }

        @Test
        void anOutletMustListItsMetricsAndEachMustBeKnown() {
            registry("        metrics: [w01018, w21003]\n", "");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[0].metrics").fix())
                    .isEqualTo("add `metrics: [w01018, w21003, w01001, w00000]`");
            registry("metrics: [w01018, w21003]", "metrics: [w01018, w01019]");
            ConfigProblem p = onlyProblem("registry.yaml", "enterprises[0].devices[0].metrics[1]");
            assertThat(p.problem()).contains("unknown metric \"w01019\"");
            assertThat(p.fix()).startsWith("did you mean `w01018`?");
        }

        @Test
        void anOutletWithAnEmptyMetricsListIsReportedOnce() {
            registry("metrics: [w01018, w21003]", "metrics: []");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[0].metrics").problem())
                    .isEqualTo("an outlet must declare at least one metric");
        }

        @Test
        void meterMetricsAreKnownWithoutThresholds() throws ConfigException {
            registry("runningAbove: 20.0", "metrics: [power.active]\n        runningAbove: 20.0");
            assertThat(dir.load().registry().device("ent-001", "pm-prod").orElseThrow().metrics())
                    .containsExactly("power.active");
        }

        @Test
        void enterpriseTimeZoneAndModbusCrcAreOptional() throws ConfigException {
            Enterprise e = dir.load().registry().enterprise("ent-001").orElseThrow();
            assertThat(e.timeZone()).isNull();
            assertThat(e.devices().get(0).hj212ModbusCrc()).isFalse();
            dir.with(ConfigLoader.REGISTRY_FILE, ConfigDir.REGISTRY
                    .replace("supervision: KEY", "supervision: KEY\n    timeZone: Asia/Urumqi")
                    .replace("mn: \"88888880000001\"", "mn: \"88888880000001\"\n        hj212ModbusCrc: true"));
            e = dir.load().registry().enterprise("ent-001").orElseThrow();
            assertThat(e.timeZone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
            assertThat(e.devices().get(0).hj212ModbusCrc()).isTrue();
        }

        @Test
        void aMaintenanceWindowMustNameARegisteredDeviceAndEndAfterItStarts() {
            dir.with(ConfigLoader.REGISTRY_FILE, ConfigDir.REGISTRY + """
                    maintenance:
                      - device: ent-001/ww-1
                        from: 2026-11-20T12:00:00+08:00
                        to: 2026-11-20T09:00:00+08:00
                      - device: ent-001/ww-01
                        from: 2026-11-20T09:00:00
                        to: 2026-11-20T12:00:00+08:00
                    """);
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::field)
                    .containsExactly("maintenance[0].device", "maintenance[0].to", "maintenance[1].from");
            assertThat(problems.get(0).fix()).startsWith("did you mean `ent-001/ww-01`?");
            assertThat(problems.get(2).fix()).isEqualTo("append the offset: `from: 2026-11-20T09:00:00+08:00`"
                    + " (for China Standard Time)");
        }

        @Test
        void aMissingRequiredFieldSaysWhatToWrite() {
            registry("        interval: PT30S\n", "");
            ConfigProblem p = onlyProblem("registry.yaml", "enterprises[0].devices[0].interval");
            assertThat(p.toString()).isEqualTo("registry.yaml: enterprises[0].devices[0].interval: missing required key"
                    + " `interval` (fix: add `interval: PT30S`)");
        }

        @Test
        void aNegativeIntervalIsRejected() {
            registry("interval: PT30S", "interval: -PT30S");
            assertThat(onlyProblem("registry.yaml", "enterprises[0].devices[0].interval").problem())
                    .isEqualTo("must be longer than zero, got -PT30S");
        }

        @Test
        void theDeviceProtocolPasswordIsAllowedInTheRegistry() throws ConfigException {
            registry("mn: \"88888880000001\"", "mn: \"88888880000001\"\n        hj212Password: \"123456\"");
            assertThat(dir.load().registry().device("ent-001", "ww-01").orElseThrow().hj212Password()).isEqualTo("123456");
        }
    }

    @Nested
    class Thresholds {
        private void thresholds(String extra) {
            dir.with(ConfigLoader.THRESHOLDS_FILE, ConfigDir.THRESHOLDS + extra);
        }

        @Test
        void aMetricWithoutAveragingAveragesOverAnHour() throws ConfigException {
            assertThat(dir.load().thresholds().metrics().get("w21003"))
                    .isEqualTo(new MetricLimits("mg/L", 15.0, Duration.ofHours(1), 0.0, 100.0));
        }

        @Test
        void anUnknownRuleSuggestsTheClosestRuleName() {
            thresholds("rules:\n  FLAT_LINE: {minDuration: PT4H}\n");
            ConfigProblem p = onlyProblem("thresholds.yaml", "rules.FLAT_LINE");
            assertThat(p.fix()).startsWith("did you mean `FLATLINE`?");
        }

        @Test
        void ruleParametersStayRawForTheRulesToRead() throws ConfigException {
            thresholds("rules:\n  OFFLINE: {intervals: 3, leadAfter: PT12H}\n  EXCEEDANCE: {criticalFactor: 1.5}\n"
                    + "  FLATLINE:\n");
            var t = dir.load().thresholds();
            assertThat(t.ruleParameters("OFFLINE")).containsEntry("intervals", 3).containsEntry("leadAfter", "PT12H");
            assertThat(t.ruleParameters("EXCEEDANCE")).containsEntry("criticalFactor", 1.5);
            assertThat(t.ruleParameters("FLATLINE")).isEmpty();
            assertThat(t.ruleParameters("WATER_BALANCE")).isEmpty();
        }

        @Test
        void overridesMustNameRegisteredEnterprisesAndDevices() {
            thresholds("enterprises:\n  ent-003: {w01018: {limit: 60}}\ndevices:\n  ent-001/ww-02: {w01018: {range: [0, 500]}}\n");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::field)
                    .containsExactly("enterprises.ent-003", "devices[\"ent-001/ww-02\"]");
            assertThat(problems.get(0).problem()).isEqualTo("no enterprise id \"ent-003\" in registry.yaml");
            assertThat(problems.get(1).fix()).startsWith("did you mean `ent-001/ww-01`?");
        }

        @Test
        void anOverrideOfAnEnterpriseWithOtherProblemsIsNotReportedAsMissingToo() {
            dir.with(ConfigLoader.REGISTRY_FILE, ConfigDir.REGISTRY.replace("supervision: KEY", "supervision: TOP"));
            thresholds("enterprises:\n  ent-001: {w01018: {limit: 60}}\ndevices:\n  ent-001/ww-01: {w01018: {range: [0, 500]}}\n");
            onlyProblem("registry.yaml", "enterprises[0].supervision");
        }

        @Test
        void industriesAreFreeText() throws ConfigException {
            thresholds("industries:\n  tannery: {w01018: {limit: 100}}\n");
            assertThat(dir.load().thresholds().industries()).containsKey("tannery");
        }

        @Test
        void overridesMayOnlyTouchDefinedMetricsAndNeverTheUnit() {
            thresholds("industries:\n  paper: {w01019: {limit: 90}, w21003: {unit: g/L}}\n");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::field)
                    .containsExactly("industries.paper.w01019", "industries.paper.w21003.unit");
            assertThat(problems.get(0).fix()).startsWith("did you mean `w01018`?");
        }

        @Test
        void aRangeNeedsTwoNumbersLowestFirst() {
            dir.with(ConfigLoader.THRESHOLDS_FILE, """
                    metrics:
                      w01018: {unit: mg/L, limit: 100.0, range: [1000, 0]}
                      w21003: {unit: mg/L, limit: 15.0, range: [0]}
                    """);
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::field).containsExactly("metrics.w01018.range", "metrics.w21003.range");
            assertThat(problems.get(0).fix()).startsWith("write `range: [0, 1000]`");
        }

        @Test
        void limitsArePositiveNumbers() {
            dir.with(ConfigLoader.THRESHOLDS_FILE, """
                    metrics:
                      w01018: {unit: mg/L, limit: 0}
                      w21003: {unit: mg/L, limit: "15"}
                    """);
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).extracting(ConfigProblem::field).containsExactly("metrics.w01018.limit", "metrics.w21003.limit");
            assertThat(problems.get(1).fix()).isEqualTo("remove the quotes: `limit: 15`");
        }

        @Test
        void aLimitTheInstrumentCannotMeasureIsRejected() {
            dir.with(ConfigLoader.THRESHOLDS_FILE, ConfigDir.THRESHOLDS.replace("range: [0, 100]", "range: [0, 10]"));
            assertThat(onlyProblem("thresholds.yaml", "metrics.w21003.limit").problem())
                    .contains("above the instrument range");
        }

        @Test
        void aMeterMetricKeepsItsFixedUnit() {
            thresholds("  power.active: {unit: W}\n");
            assertThat(onlyProblem("thresholds.yaml", "metrics[\"power.active\"].unit").fix())
                    .isEqualTo("write `unit: kW` or leave `unit` out");
        }

        @Test
        void aSectionOfTheWrongTypeIsReportedOnce() {
            dir.with(ConfigLoader.THRESHOLDS_FILE, "metrics: [w01018]\n");
            List<ConfigProblem> problems = dir.problems();
            assertThat(problems).filteredOn(p -> p.file().equals("thresholds.yaml")).singleElement()
                    .satisfies(p -> assertThat(p.problem()).isEqualTo("expected a mapping of `key: value` lines, got a list"));
        }

        @Test
        void aMetricNeedsAUnit() {
            thresholds("  w01001: {limit: 9}\n");
            assertThat(onlyProblem("thresholds.yaml", "metrics.w01001.unit").fix()).isEqualTo("add `unit: mg/L`");
        }
    }

    @Nested
    class Message {
        @Test
        void listsOneTerminalLinePerProblem() {
            dir.with(ConfigLoader.PIPELINE_FILE, "parallelism: 0\nhttp: {port: 0}\n");
            ConfigException e = catchThrowableOfType(ConfigException.class, dir::load);
            assertThat(e.getMessage()).isEqualTo("""
                    2 configuration problem(s):
                      - pipeline.yaml: parallelism: must be from 1 to 10000, got 0 (fix: write a whole number from 1 to 10000)
                      - pipeline.yaml: http.port: must be from 1 to 65535, got 0 (fix: write a whole number from 1 to 65535)""");
        }
    }
}
