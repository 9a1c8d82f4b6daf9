package org.ecowatch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher's commands as a user types them (module directory: the repository is one level up). */
class EcowatchCliTest {
    record Run(int status, List<String> out, String err) {}

    static Run run(String... args) {
        CommandLine cli = Ecowatch.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, Arrays.stream(out.toString().split("\n")).filter(l -> !l.isBlank()).toList(), err.toString());
    }

    @Nested
    class Decode {
        @Test
        void printsOneNormalizedReadingPerLineForTheShippedJsonSample() {
            Run run = run("decode", "--config", "../configs/demo", "../examples/decode/batches.jsonl");

            assertThat(run.status()).isZero();
            assertThat(run.out()).hasSize(5).allSatisfy(line -> assertThat(line).contains("\"metric\"", "\"ts\"", "\"value\"", "\"flag\"", "\"kind\":\"Rtd\""));
            assertThat(run.out().get(0)).contains("\"deviceId\":\"ww-01\"", "\"ts\":\"2026-11-27T08:00+08:00\"");
        }

        @Test
        void detectsHj212FramesAndNamesTheirMn() {
            Run run = run("decode", "--config", "../configs/demo", "../examples/decode/frames.hj212");

            assertThat(run.status()).isZero();
            assertThat(run.out()).hasSize(6);
            assertThat(run.out()).anySatisfy(line -> assertThat(line).contains("\"mn\":\"43011200000001\"", "\"kind\":\"Rtd\""));
            assertThat(run.out()).anySatisfy(line -> assertThat(line).contains("\"kind\":\"Avg\"", "\"deviceId\":\"fg-01\""));
        }

        @Test
        void reportsWhyInputWasRejectedAndExitsWithStatus1() {
            Run json = run("decode", "../examples/decode/rejected.jsonl");
            Run frames = run("decode", "../examples/decode/rejected.hj212");

            assertThat(json.status()).isEqualTo(1);
            assertThat(json.out()).anySatisfy(line -> assertThat(line).contains("\"reason\":\"timestamp.invalid\""));
            assertThat(frames.status()).isEqualTo(1);
            assertThat(frames.out()).singleElement().satisfies(line -> assertThat(line).contains("hj212.crc", "computed 48C0"));
        }

        @Test
        void checksDevicesAgainstTheRegistryWhenGivenATopic() {
            Run run = run("decode", "--config", "../configs/demo", "--topic", "ecowatch/v1/telemetry/ent-001/nope",
                    "../examples/decode/batches.jsonl");

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.out()).allSatisfy(line -> assertThat(line).contains("device.unknown"));
        }
    }

    @Nested
    class BadConfiguration {
        @Test
        void exitsWithStatus2NamingFileFieldAndFix() {
            Run run = run("decode", "--config", "../configs/src/test/resources/broken", "../examples/decode/batches.jsonl");

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("pipeline.yaml: store.buckett: unknown key", "did you mean `bucket`?",
                    "registry.yaml:", "thresholds.yaml:", "fix:");
        }

        @Test
        void exitsWithStatus2ForAMissingDirectory() {
            Run run = run("run", "--config", "../configs/no-such-dir");

            assertThat(run.status()).isEqualTo(2);
            assertThat(run.err()).contains("no-such-dir");
        }

        @Test
        void exitsWithStatus2ForBadUsage() {
            assertThat(run("simulate", "--config", "../configs/demo").status()).isEqualTo(2);
            assertThat(run("no-such-command").status()).isEqualTo(2);
        }
    }
}
