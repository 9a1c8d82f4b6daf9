package org.ecowatch.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ecowatch.app.job.LatestCheckpoint;

/**
 * {@code ecowatch run --config DIR --no-lead-service} (the pipeline alone) in a JVM of its own, as the launcher starts it ({@code java -cp …
 * org.ecowatch.app.cli.Ecowatch run}), on the test's classpath. It can be killed with SIGKILL, the way a machine
 * losing power or the kernel's OOM killer ends a process: no shutdown hook, no final checkpoint, sockets dropped.
 * Started again, {@code run} resumes from the newest checkpoint it finds in {@code checkpoints.dir}.
 */
final class PipelineProcess implements AutoCloseable {
    private final Path configDir;
    private final Path workDir;
    private final Path checkpoints;
    private final List<Long> pids = new ArrayList<>();
    private Process process;
    private long startedAtMillis;

    /**
     * Writes the configuration directory under {@code workDir}: the demo district's registry and thresholds, and a
     * pipeline.yaml naming the test's broker and store.
     */
    PipelineProcess(Path workDir, String brokerUrl, String storeUrl, Duration checkpointInterval) {
        this.workDir = workDir;
        this.configDir = workDir.resolve("config");
        this.checkpoints = workDir.resolve("checkpoints");
        try {
            Files.createDirectories(configDir);
            Path demo = Path.of("../configs/demo");
            Files.copy(demo.resolve("registry.yaml"), configDir.resolve("registry.yaml"));
            Files.copy(demo.resolve("thresholds.yaml"), configDir.resolve("thresholds.yaml"));
            Files.writeString(configDir.resolve("pipeline.yaml"), String.join("\n",
                    "mqtt:",
                    "  url: " + brokerUrl,
                    "  topicPrefix: ecowatch/v1",
                    "store:",
                    "  url: " + storeUrl,
                    "leadStore:",
                    "  jdbcUrl: jdbc:h2:file:" + workDir.resolve("leads").toAbsolutePath(),
                    "checkpoints:",
                    "  dir: " + checkpoints.toAbsolutePath(),
                    "  interval: " + checkpointInterval,
                    "parallelism: 2",
                    "timeZone: Asia/Shanghai",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code ecowatch run}; its output goes to {@code run-N.out} in the work directory. */
    synchronized void start() {
        if (alive()) {
            throw new IllegalStateException("the pipeline process " + process.pid() + " is still running");
        }
        Path data = workDir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs tests from a manifest-only jar; it names the real test classpath in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(java, "-Xmx1g",
                "-Djava.io.tmpdir=" + data.resolve("tmp"), "-Decowatch.dataDir=" + data, "-Decowatch.logDir=" + data.resolve("logs"),
                "-Dlogback.configurationFile=ecowatch-logback.xml",
                "-cp", classpath, "org.ecowatch.app.cli.Ecowatch", "run", "--config", configDir.toString(), "--no-lead-service");
        try {
            Files.createDirectories(data.resolve("tmp"));
            Path out = workDir.resolve("run-" + (pids.size() + 1) + ".out");
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            startedAtMillis = System.currentTimeMillis();
            pids.add(process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux), then waits until the process is gone. */
    synchronized void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pipeline process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits until a checkpoint completed after {@code afterMillis} (wall clock); returns when it was written. */
    long awaitCheckpointAfter(long afterMillis, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (true) {
            long newest = newestCheckpointMillis();
            if (newest > afterMillis) {
                return newest;
            }
            if (!alive()) {
                throw new IllegalStateException("the pipeline process died:\n" + lastOutput());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no checkpoint completed within " + timeout + "; the pipeline said:\n" + lastOutput());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the process, since it was last started, completed a checkpoint of its own. */
    long awaitOwnCheckpoint(Duration timeout) throws InterruptedException {
        return awaitCheckpointAfter(startedAtMillis, timeout);
    }

    private long newestCheckpointMillis() {
        Optional<Path> newest = LatestCheckpoint.in(checkpoints);
        try {
            return newest.isEmpty() ? Long.MIN_VALUE : Files.getLastModifiedTime(newest.get().resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE; // deleted meanwhile: a newer one exists
        }
    }

    /** Process ids of every start, in order. */
    List<Long> pids() {
        return List.copyOf(pids);
    }

    /** The last lines the current (or last) process printed. */
    String lastOutput() {
        Path out = workDir.resolve("run-" + pids.size() + ".out");
        try {
            List<String> lines = Files.exists(out) ? Files.readAllLines(out) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + out + ": " + e + ")";
        }
    }

    /** Stops the pipeline the way an operator does (SIGTERM), or kills it after 30 s. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
