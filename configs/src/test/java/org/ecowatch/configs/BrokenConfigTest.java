package org.ecowatch.configs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** src/test/resources/broken: one directory with many mistakes, every one reported in a single run. */
class BrokenConfigTest {
    static ConfigException failure;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path broken = Path.of(BrokenConfigTest.class.getResource("/broken").toURI());
        failure = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(broken));
    }

    @Test
    void reportsEveryProblemOfAllThreeFilesAtOnceInFileOrder() {
        assertThat(failure.problems()).extracting(ConfigProblem::file, ConfigProblem::field).containsExactly(
                tuple("pipeline.yaml", "mqtt.password"),
                tuple("pipeline.yaml", "mqtt.url"),
                tuple("pipeline.yaml", "store.buckett"),
                tuple("pipeline.yaml", "checkpoints.interval"),
                tuple("pipeline.yaml", "parallelism"),
                tuple("pipeline.yaml", "http.port"),
                tuple("pipeline.yaml", "timeZone"),
                tuple("registry.yaml", "districts[1].id"),
                tuple("registry.yaml", "enterprises[0].district"),
                tuple("registry.yaml", "enterprises[0].supervision"),
                tuple("registry.yaml", "enterprises[0].devices[0].metrics[1]"),
                tuple("registry.yaml", "enterprises[0].devices[1].role"),
                tuple("registry.yaml", "enterprises[1].devices[0].interval"),
                tuple("registry.yaml", "enterprises[1].devices[0].mn"),
                tuple("registry.yaml", "maintenance[0].device"),
                tuple("registry.yaml", "maintenance[0].to"),
                tuple("thresholds.yaml", "metrics.w01018.limit"),
                tuple("thresholds.yaml", "metrics.w21003.range"),
                tuple("thresholds.yaml", "enterprises.ent-009"),
                tuple("thresholds.yaml", "rules.EXCEEDENCE"));
    }

    @Test
    void eachFixSaysWhatToWrite() {
        List<String> fixes = failure.problems().stream().map(ConfigProblem::fix).toList();
        assertThat(fixes).contains(
                "write `url: tcp://127.0.0.1:1883`",
                "write `interval: PT5S`",
                "write `timeZone: Asia/Shanghai`",
                "write `supervision: KEY`",
                "give each device its own MN",
                "write `range: [0, 100]` with the lower bound first");
        assertThat(fixes).anyMatch(f -> f.startsWith("did you mean `bucket`?"))
                .anyMatch(f -> f.startsWith("did you mean `north`?"))
                .anyMatch(f -> f.startsWith("did you mean `EXCEEDANCE`?"))
                .anyMatch(f -> f.contains("`passwordEnv: ECOWATCH_MQTT_PASSWORD`"));
    }

    @Test
    void theMessageHasOneLinePerProblemAndNeverTheSecret() {
        String[] lines = failure.getMessage().split("\n");
        assertThat(lines).hasSize(1 + failure.problems().size());
        assertThat(lines[0]).isEqualTo("20 configuration problem(s):");
        assertThat(lines).contains("  - registry.yaml: enterprises[1].devices[0].mn: duplicate MN \"88888880000001\""
                + " also used by ent-001/ww-01 (fix: give each device its own MN)");
        assertThat(failure.getMessage()).doesNotContain("hunter2");
    }
}
