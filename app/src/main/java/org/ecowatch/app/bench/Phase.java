package org.ecowatch.app.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.commons.io.file.PathUtils;
import org.apache.flink.api.common.JobStatus;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.store.EmbeddedQuestDb;

/**
 * One measured phase: the fleet publishes through the broker to either the baseline subscriber or the pipeline;
 * after a warm-up, the window measures what the receiver takes, CPU and heap; then a tail lets the last probes be
 * timed, the load stops, and the receiver must have taken everything that was published.
 */
final class Phase {
    enum Kind { BASELINE, PIPELINE }

    /**
     * Acknowledged but untaken messages above which publishers wait: enough that the receiver never runs dry, few
     * enough that the broker's queue drains in about a second (the pipeline's Receive Maximum is far larger).
     */
    static final long MAX_BACKLOG = 4_000;
    /** The share of the measured throughput offered while latency is timed. */
    static final double LATENCY_LOAD = 0.8;
    private static final long PROGRESS_SECONDS = 5;
    private static final Duration TAIL = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration READY = Duration.ofSeconds(120);

    /** What every phase of a run shares. */
    record Bench(BenchSettings settings, BenchBroker broker, EmbeddedQuestDb store, Path dataDir, String runId, PrintWriter out) {}

    private final Bench bench;
    private final Kind kind;
    private final BenchFleet fleet;
    private final FleetClock clock;
    private final int repeat;
    private final String name;
    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    Phase(Bench bench, Kind kind, BenchFleet fleet, FleetClock clock, int repeat, int number) {
        this.bench = bench;
        this.kind = kind;
        this.fleet = fleet;
        this.clock = clock;
        this.repeat = repeat;
        this.name = String.format("%-8s %,d devices #%d", kind.name().toLowerCase(), fleet.devices, repeat);
        this.prefix = "ecowatch-bench/" + bench.runId() + "/" + number;
    }

    PhaseResult run() throws Exception {
        MqttConnectionSettings broker = bench.broker().settings;
        String clients = clientIds();
        String readinessTopic = TelemetryTopic.jsonTopic(prefix, "bench-readiness", "ping");
        PipelineOutputs outputs = null;
        Receiver receiver = null;
        try (Probes probes = new Probes(broker, clients + "-probes", fleet, clock, prefix)) {
            if (kind == Kind.BASELINE) {
                receiver = new BaselineSubscriber(broker, clients + "-subscriber", prefix);
            } else {
                outputs = new PipelineOutputs(broker, clients + "-station", prefix, readinessTopic);
                PipelineJob job = PipelineJob.start(config(), broker.serverUri(), bench.broker().embedded, bench.store().httpUrl(),
                        checkpoints(), clients + "-source");
                receiver = job;
                awaitReady(job, outputs, probes, readinessTopic);
            }
            return measure(receiver, probes, outputs, clients + "-load");
        } finally {
            if (receiver != null) {
                receiver.close();
            }
            if (outputs != null) {
                outputs.close();
            }
            // A phase's state is not resumed: its checkpoints would only fill the disk.
            if (Files.isDirectory(checkpoints())) {
                PathUtils.deleteDirectory(checkpoints());
            }
        }
    }

    private String clientIds() {
        return "ecowatch-bench-" + bench.runId() + "-" + prefix.substring(prefix.lastIndexOf('/') + 1);
    }

    private PhaseResult measure(Receiver receiver, Probes probes, PipelineOutputs outputs, String loadClients) throws Exception {
        Receiver taken = receiver;
        try (StoredMarkers markers = outputs == null ? null : new StoredMarkers(bench.store().jdbcUrl(), probes);
             LoadPublisher load = new LoadPublisher(bench.broker().settings, loadClients, fleet, clock, prefix,
                     () -> taken.messages() - probes.published(), MAX_BACKLOG)) {
            load.start();
            probes.start();
            observe("warm-up", bench.settings().warmup(), load, receiver, () -> false);
            Window throughput = observe("measuring", bench.settings().duration(), load, receiver, () -> false);
            long backlog = load.backlog();
            Window latency = null;
            if (outputs != null) {
                // Latency at saturation would only measure the queue in front of the pipeline: time the probes at a load
                // the pipeline sustains with room to spare, then keep that load on until the last probes are timed.
                // The saturated window left a full queue at the broker: let the pipeline empty it first.
                load.pause();
                observe("settle", TAIL, load, receiver, () -> load.backlog() <= 0);
                load.pace(LATENCY_LOAD * throughput.messagesPerSecond());
                probes.measuring(true);
                latency = observe("latency", latencyWindow(), load, receiver, () -> false);
                probes.measuring(false);
                PipelineOutputs station = outputs;
                observe("tail", TAIL, load, receiver, () -> markers.allStored() && allReleasedAndAlerted(probes, station));
            }
            long rounds = clock.rounds();
            FlinkLeftovers.release();
            long heapAfterGc = Resources.heapAfterGc();
            load.stop();
            probes.close();
            drain(load, probes, receiver);
            checkFailures(load.failure(), probes.failure(), markers == null ? null : markers.failure());
            return new PhaseResult(kind, fleet.devices, fleet.series(), repeat, throughput.messagesPerSecond(),
                    throughput.readingsPerSecond(), throughput.cpuCores(), throughput.brokerCpuCores(), heapAfterGc,
                    Math.max(throughput.heapPeak(), latency == null ? 0 : latency.heapPeak()), backlog,
                    throughput.gatedShare(), rounds, latency == null ? 0 : latency.messagesPerSecond(),
                    outputs == null ? Latencies.of(List.of()) : storeLatencies(probes, markers), probes.markers().size(),
                    outputs == null ? Latencies.of(List.of()) : alertLatencies(probes, outputs), probes.violations().size(),
                    unreleased(probes), outputs == null ? 0 : outputs.leads(), problems);
        }
    }

    private Duration latencyWindow() {
        return Duration.ofMillis(Math.max(3_000, bench.settings().duration().toMillis() / 2));
    }

    private Latencies storeLatencies(Probes probes, StoredMarkers markers) {
        List<Long> stored = new ArrayList<>();
        for (Probes.Marker marker : probes.markers()) {
            Long at = markers.storedAt(marker);
            if (at != null) {
                stored.add((at - marker.publishedNanos()) / 1_000_000);
            }
        }
        if (stored.size() < probes.markers().size()) {
            problems.add((probes.markers().size() - stored.size()) + " of " + probes.markers().size()
                    + " markers not found in the store by the end of the " + TAIL.toSeconds() + " s tail");
        }
        return Latencies.of(stored);
    }

    /** From the later of the violation's publication and the start of the round that releases it, to its alert. */
    private Latencies alertLatencies(Probes probes, PipelineOutputs outputs) {
        List<Long> alerted = new ArrayList<>();
        for (Probes.Violation violation : probes.violations()) {
            Long released = clock.roundStarted(violation.releaseRound());
            Long arrived = outputs.probeAlertArrival(violation.enterpriseId(), violation.metric());
            if (released != null && arrived == null) {
                problems.add("no alert for the manual value of " + violation.enterpriseId() + " " + violation.metric());
            } else if (released != null) {
                alerted.add((arrived - Math.max(violation.publishedNanos(), released)) / 1_000_000);
            }
        }
        if (!outputs.deadLetters().isEmpty()) {
            problems.add("dead letters " + outputs.deadLetters());
        }
        return Latencies.of(alerted);
    }

    private int unreleased(Probes probes) {
        return (int) probes.violations().stream().filter(v -> clock.roundStarted(v.releaseRound()) == null).count();
    }

    private boolean allReleasedAndAlerted(Probes probes, PipelineOutputs outputs) {
        return probes.violations().stream().allMatch(v -> clock.roundStarted(v.releaseRound()) != null
                && outputs.probeAlertArrival(v.enterpriseId(), v.metric()) != null);
    }

    /** After the load stopped, the receiver must take every message, and the pipeline store every reading. */
    private void drain(LoadPublisher load, Probes probes, Receiver receiver) throws Exception {
        long published = load.published() + probes.published();
        awaitUntil(DRAIN, () -> receiver.messages() >= published);
        if (receiver.messages() < published) {
            problems.add(String.format("%,d of %,d published messages not taken within %d s of the load's end",
                    published - receiver.messages(), published, DRAIN.toSeconds()));
        }
        if (receiver instanceof PipelineJob job) {
            long readings = published * BenchFleet.READINGS_PER_MESSAGE;
            awaitUntil(DRAIN, () -> job.readings() >= readings);
            if (job.readings() < readings) {
                problems.add(String.format("%,d of %,d published readings not stored (%,d valid, %,d messages rejected)",
                        readings - job.readings(), readings, job.readingsValid(), job.rejected()));
            }
            JobStatus status = job.status();
            if (status != JobStatus.RUNNING) {
                problems.add("the job was " + status + " at the end (see the log)");
            }
        }
    }

    private void checkFailures(Throwable... failures) {
        for (Throwable failure : failures) {
            if (failure != null) {
                problems.add("failed: " + failure);
            }
        }
    }

    /** What the receiver took and the process used over a stretch of a phase. */
    private record Window(double seconds, long messages, long readings, long cpuNanos, Long brokerCpuNanos, long gatedNanos,
                          long heapPeak) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double readingsPerSecond() {
            return readings / seconds;
        }

        double cpuCores() {
            return cpuNanos / (seconds * 1e9);
        }

        Double brokerCpuCores() {
            return brokerCpuNanos == null ? null : brokerCpuNanos / (seconds * 1e9);
        }

        double gatedShare() {
            return gatedNanos / (seconds * 1e9) / LoadPublisher.CLIENTS;
        }
    }

    /** Runs {@code length} (or until {@code done}), printing a progress line every few seconds. */
    private Window observe(String stage, Duration length, LoadPublisher load, Receiver receiver, BooleanSupplier done)
            throws InterruptedException {
        long start = System.nanoTime();
        long messages0 = receiver.messages();
        long readings0 = receiver.readings();
        long cpu0 = Resources.processCpuNanos();
        Long brokerCpu0 = bench.broker().cpu().map(Duration::toNanos).orElse(null);
        long gated0 = load.gatedNanos();
        long end = start + length.toNanos();
        long nextLine = start + Duration.ofSeconds(PROGRESS_SECONDS).toNanos();
        long lastMessages = messages0;
        long lastLine = start;
        long heapPeak = 0;
        while (System.nanoTime() < end && !done.getAsBoolean() && load.failure() == null) {
            Thread.sleep(100);
            heapPeak = Math.max(heapPeak, Resources.heapUsed());
            long now = System.nanoTime();
            if (now >= nextLine) {
                long messages = receiver.messages();
                bench.out().printf("  %s  %s  %-9s %3d s  published %,d · taken %,d (%,.0f msg/s) · backlog %,d · %s %,d readings · heap %,d MB%n",
                        LocalTime.now().truncatedTo(ChronoUnit.SECONDS), name, stage, (now - start) / 1_000_000_000L, load.published(),
                        messages, (messages - lastMessages) / ((now - lastLine) / 1e9), load.backlog(),
                        kind == Kind.PIPELINE ? "stored" : "carried", receiver.readings(), Resources.heapUsed() >> 20);
                bench.out().flush();
                lastMessages = messages;
                lastLine = now;
                nextLine += Duration.ofSeconds(PROGRESS_SECONDS).toNanos();
            }
        }
        long elapsed = System.nanoTime() - start;
        Long brokerCpu = brokerCpu0 == null ? null : bench.broker().cpu().orElseThrow().toNanos() - brokerCpu0;
        return new Window(elapsed / 1e9, receiver.messages() - messages0, receiver.readings() - readings0,
                Resources.processCpuNanos() - cpu0, brokerCpu, load.gatedNanos() - gated0, heapPeak);
    }

    /**
     * A broker drops what is published before anybody subscribed, and the job subscribes a while after it is
     * submitted: ping a topic of an unknown enterprise until its dead letter comes back.
     */
    private void awaitReady(PipelineJob job, PipelineOutputs outputs, Probes probes, String readinessTopic) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!outputs.ready()) {
            JobStatus status = job.status();
            if (status == JobStatus.FAILING || status == JobStatus.FAILED || status == JobStatus.RESTARTING) {
                throw new IllegalStateException("the pipeline job is " + status + " before it subscribed; data/logs/ecowatch.log says why"
                        + " (e.g. java.lang.OutOfMemoryError: a bigger heap with ECOWATCH_JAVA_OPTS=-Xmx…)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pipeline did not subscribe within " + READY.toSeconds() + " s (job " + status + ")");
            }
            probes.ping(readinessTopic, "{}".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
        }
        Thread.sleep(500);
        job.resetCounts();
    }

    private static void awaitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private Path checkpoints() {
        return bench.dataDir().resolve("checkpoints").resolve(prefix.substring(prefix.lastIndexOf('/') + 1));
    }

    /** The generated district with this phase's broker, store, topic prefix and checkpoints. */
    private EcowatchConfig config() {
        PipelineConfig pipeline = new PipelineConfig(
                new PipelineConfig.Mqtt(bench.broker().settings.serverUri(), bench.broker().settings.username(),
                        bench.broker().settings.passwordEnv(), prefix),
                new PipelineConfig.Store(bench.store().httpUrl(), "ecowatch", "readings", null),
                new PipelineConfig.LeadStore("jdbc:h2:mem:bench", null, null),
                new PipelineConfig.Checkpoints(checkpoints().toString(), bench.settings().checkpointInterval()),
                bench.settings().parallelism(),
                new PipelineConfig.Http("127.0.0.1", 0, null),
                BenchFleet.ZONE,
                new PipelineConfig.Gateway("127.0.0.1", 0, 1, Duration.ofMinutes(5), 4096));
        return new EcowatchConfig("(generated by ./ecowatch bench)", pipeline, fleet.registry, fleet.thresholds);
    }
}
