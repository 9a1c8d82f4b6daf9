package org.ecowatch.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.ecowatch.app.bench.BenchSettings;
import org.ecowatch.app.bench.Benchmark;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./ecowatch bench}: the pipeline's throughput, latency and memory against a raw broker baseline (docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the pipeline against a raw broker baseline, on the same broker, QoS 1 and message mix:",
                "sustained messages/s and readings/s, publish → stored and publish → alert latency, CPU and heap, per fleet size."})
final class BenchCommand implements Callable<Integer> {
    private static final List<Integer> FLEETS = List.of(1_000, 10_000, 100_000);
    private static final List<Integer> QUICK_FLEETS = List.of(1_000);
    /**
     * Heap the bench needs per device of its largest fleet: the full run peaked at 9.1 GB with 100,000 devices
     * (docs/BENCHMARKS.md). Refusing at once beats running out of memory half an hour into a run.
     */
    static final long HEAP_PER_DEVICE = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "one fleet of 1,000 devices, 3 s warm-up, 8 s windows, 2 repeats: under 2 minutes")
    boolean quick;

    @Option(names = "--broker", paramLabel = "URL",
            description = "an MQTT 5 broker to use, e.g. tcp://10.0.0.5:1883; default: a Mosquitto of the bench's own on a free"
                    + " loopback port when the mosquitto binary is installed, else the embedded broker")
    String broker;

    @Option(names = "--username", paramLabel = "NAME", description = "user name for --broker")
    String username;

    @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password for --broker")
    String passwordEnv;

    @Option(names = "--fleet", paramLabel = "N,N,…", split = ",", description = "fleet sizes in devices (default 1000,10000,100000)")
    List<Integer> fleets;

    @Option(names = "--duration", paramLabel = "D", description = "measuring window of each phase, ISO-8601 (default PT60S)")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "D", description = "load before each window (default PT15S)")
    Duration warmup;

    @Option(names = "--repeat", paramLabel = "N", description = "baseline/pipeline pairs per fleet size (default 3)")
    Integer repeat;

    @Option(names = "--checkpoint-interval", paramLabel = "D", defaultValue = "PT5S",
            description = "the pipeline's checkpoint interval; its MQTT sessions acknowledge on checkpoints (default ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "the pipeline's parallelism (default ${DEFAULT-VALUE})")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean clean = Benchmark.run(settings(), Locations.data().resolve("bench"), out);
        if (!clean) {
            out.println("Some phases had problems (listed above): exit status 1.");
            out.flush();
        }
        return clean ? 0 : Ecowatch.FAILED;
    }

    static void checkHeap(BenchSettings settings, long maxHeap) {
        int largest = settings.fleets().stream().max(Integer::compare).orElseThrow();
        long needed = largest * HEAP_PER_DEVICE;
        if (needed > maxHeap) {
            long gigabytes = (needed + (1L << 30) - 1) >> 30;
            throw new IllegalArgumentException(String.format("a fleet of %,d devices needs a heap of about %,d MB, and this JVM"
                    + " may use %,d MB: run it as ECOWATCH_JAVA_OPTS=-Xmx%dg ./ecowatch bench …, or leave that fleet out with"
                    + " --fleet", largest, needed >> 20, maxHeap >> 20, gigabytes + 1));
        }
    }

    private BenchSettings settings() {
        MqttConnectionSettings brokerSettings = null;
        try {
            if (broker != null) {
                brokerSettings = new MqttConnectionSettings(broker, username, passwordEnv);
            }
            BenchSettings settings = new BenchSettings(fleets != null ? fleets : quick ? QUICK_FLEETS : FLEETS,
                    warmup != null ? warmup : Duration.ofSeconds(quick ? 3 : 15),
                    duration != null ? duration : Duration.ofSeconds(quick ? 8 : 60),
                    repeat != null ? repeat : quick ? 2 : 3, brokerSettings, checkpointInterval, parallelism);
            checkHeap(settings, Runtime.getRuntime().maxMemory());
            return settings;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
