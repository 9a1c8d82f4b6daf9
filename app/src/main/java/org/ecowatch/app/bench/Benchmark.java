package org.ecowatch.app.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.file.PathUtils;
import org.ecowatch.ingest.mqtt.source.MqttSourceOptions;
import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;

/**
 * {@code ./ecowatch bench}: for each fleet size, the baseline (publishers → broker → a subscriber that only counts)
 * and the pipeline (the same publishers → broker → the ecowatch job: decode, validate, store, every rule, alerts,
 * leads) in turn, repeated; then the tables of {@link BenchReport}. docs/BENCHMARKS.md explains each figure.
 */
public final class Benchmark {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private Benchmark() {}

    /**
     * @param dataDir where the bench keeps its store, broker files and checkpoints; emptied first
     * @return whether every phase ran without a problem
     */
    public static boolean run(BenchSettings settings, Path dataDir, PrintWriter out) throws Exception {
        if (Files.exists(dataDir)) {
            PathUtils.deleteDirectory(dataDir);
        }
        Files.createDirectories(dataDir);
        Instant started = Instant.now();
        printMachine(out, started);
        List<PhaseResult> results = new ArrayList<>();
        List<String> failedPhases = new ArrayList<>();
        try (EmbeddedQuestDb store = EmbeddedQuestDb.start(dataDir.resolve("store"));
             BenchBroker broker = BenchBroker.start(settings.broker(), dataDir)) {
            ReadingsTables.create(store.httpUrl());
            printSetup(out, settings, broker, store);
            Phase.Bench bench = new Phase.Bench(settings, broker, store, dataDir, RUN_ID.format(started), out);
            // Event time runs ahead from a past hour and on across phases, so no phase overwrites another's rows.
            long eventTime = started.minus(Duration.ofDays(365)).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
            int number = 0;
            for (int devices : settings.fleets()) {
                BenchFleet fleet = new BenchFleet(devices, probes(settings.duration()));
                for (int repeat = 1; repeat <= settings.repeat(); repeat++) {
                    for (Phase.Kind kind : Phase.Kind.values()) {
                        FleetClock clock = new FleetClock(eventTime, BenchFleet.INTERVAL.toMillis(), devices);
                        long phaseStart = System.nanoTime();
                        try {
                            PhaseResult result = new Phase(bench, kind, fleet, clock, repeat, ++number).run();
                            results.add(result);
                            printSummary(out, result, Duration.ofNanos(System.nanoTime() - phaseStart));
                        } catch (Exception e) {
                            String failed = String.format("%s %,d devices #%d FAILED: %s", kind.name().toLowerCase(), devices, repeat,
                                    e.getMessage());
                            failedPhases.add(failed);
                            out.printf("  %s (details in the log)%n%n", failed);
                            org.slf4j.LoggerFactory.getLogger(Benchmark.class).error("bench phase failed", e);
                        }
                        eventTime = Instant.ofEpochMilli(clock.newest()).plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
                    }
                }
            }
        }
        new BenchReport(settings.fleets(), results, failedPhases).print(out);
        out.printf("%nFinished in %s; load average %.2f at the end (%d cores).%n",
                Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS), Resources.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return failedPhases.isEmpty() && results.stream().allMatch(r -> r.problems().isEmpty());
    }

    /** Enough probe devices that every violation of a phase gets a device/metric pair of its own. */
    static int probes(Duration window) {
        long violations = window.toMillis() / (Probes.PERIOD_MILLIS * Probes.VIOLATION_EVERY) + 1;
        return (int) Math.max(16, (violations + BenchFleet.READINGS_PER_MESSAGE - 1) / BenchFleet.READINGS_PER_MESSAGE);
    }

    private static void printMachine(PrintWriter out, Instant started) {
        out.printf("ecowatch bench, %s%n", started.truncatedTo(ChronoUnit.SECONDS));
        out.printf("  machine   %d cores, %.1f GiB RAM, %s %s %s, %s %s, max heap %,d MB; load average %.2f at the start%n",
                Runtime.getRuntime().availableProcessors(), Resources.totalMemory() / (double) (1L << 30), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), Resources.maxHeap() >> 20, Resources.loadAverage());
        out.flush();
    }

    private static void printSetup(PrintWriter out, BenchSettings settings, BenchBroker broker, EmbeddedQuestDb store) {
        int sessions = broker.embedded ? 1 : settings.parallelism();
        int receiveMaximum = MqttSourceOptions.RECEIVE_MAXIMUM.defaultValue();
        out.printf("  broker    %s%n", broker.description);
        out.printf("  store     embedded QuestDB, %s%n", store.httpUrl());
        out.printf("  pipeline  the ecowatch job on a local mini cluster, parallelism %d, checkpoints every %s; %d MQTT session%s"
                        + " with Receive Maximum %,d, acknowledged when a checkpoint completes: at most %,d messages per checkpoint%n",
                settings.parallelism(), settings.checkpointInterval(), sessions, sessions == 1 ? "" : "s", receiveMaximum,
                sessions * receiveMaximum);
        out.printf("  load      QoS 1 from %d publisher clients (up to 1,000 unacknowledged each), waiting while %,d messages are"
                        + " untaken; messages of %d readings, one device in %d sends HJ 212 frames (2017, CN 2011), the others JSON"
                        + " batches; each device's readings %s apart in event time%n",
                LoadPublisher.CLIENTS, Phase.MAX_BACKLOG, BenchFleet.READINGS_PER_MESSAGE, BenchFleet.HJ212_EVERY,
                BenchFleet.INTERVAL.toString().substring(2).toLowerCase());
        out.printf("  phases    per fleet size (%s devices): baseline then pipeline, %d time%s; each %s of warm-up, then %s measured%n",
                String.join(", ", settings.fleets().stream().map(n -> String.format("%,d", n)).toList()), settings.repeat(),
                settings.repeat() == 1 ? "" : "s", settings.warmup(), settings.duration());
        out.println();
        out.flush();
    }

    private static void printSummary(PrintWriter out, PhaseResult r, Duration took) {
        StringBuilder line = new StringBuilder(String.format("  => %s %,d devices #%d (%d s): %,.0f msg/s, %,.0f readings/s, CPU %.2f cores",
                r.kind().name().toLowerCase(), r.devices(), r.repeat(), took.toSeconds(), r.messagesPerSecond(), r.readingsPerSecond(),
                r.cpuCores()));
        if (r.brokerCpuCores() != null) {
            line.append(String.format(" (broker %.2f)", r.brokerCpuCores()));
        }
        line.append(String.format(", heap after GC %,d MB, publishers waited %.0f %% of the window, backlog %,d",
                r.heapAfterGc() >> 20, 100 * r.gatedShare(), r.backlog()));
        if (r.kind() == Phase.Kind.PIPELINE) {
            line.append(String.format("; at %,.0f msg/s: stored %s (%d), alert %s (%d of %d), %d leads", r.latencyLoad(),
                    r.stored().summary(), r.stored().count(), r.alerts().summary(), r.alerts().count(), r.violations(), r.leads()));
        }
        r.problems().forEach(p -> line.append("\n     problem: ").append(p));
        out.println(line);
        out.println();
        out.flush();
    }
}
