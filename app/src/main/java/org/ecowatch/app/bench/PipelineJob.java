package org.ecowatch.app.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.app.job.EcowatchJob;
import org.ecowatch.app.job.FlinkEnvironments;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.app.job.PipelineConnectors;
import org.ecowatch.app.progress.PipelineProgress;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.EcowatchConfig;

/**
 * The real ecowatch job, assembled as {@code ./ecowatch run} assembles it (the same connectors: MQTT source, store
 * sink, alert, lead and dead-letter publishers) on a local mini cluster, under a session name of its own so it can
 * share a broker with a production pipeline. Its counters are read through the launcher's progress reporter.
 */
final class PipelineJob implements Receiver {
    private final JobClient job;
    private final PipelineConnectors connectors;
    private final String sessionName;
    private PipelineProgress start = new PipelineProgress(0, 0, 0, java.util.Map.of());

    private PipelineJob(JobClient job, PipelineConnectors connectors, String sessionName) {
        this.job = job;
        this.connectors = connectors;
        this.sessionName = sessionName;
    }

    static PipelineJob start(EcowatchConfig config, String brokerUrl, boolean embeddedBroker, String storeUrl, Path checkpoints,
                             String sessionName) throws Exception {
        JobSettings settings = settings(config);
        PipelineConnectors connectors = new PipelineConnectors(config, brokerUrl, embeddedBroker, storeUrl);
        StreamExecutionEnvironment env = FlinkEnvironments.local(
                FlinkEnvironments.baseConfiguration(config.pipeline().checkpoints().interval(), checkpoints),
                config.pipeline().parallelism());
        EcowatchJob.assemble(env, settings, new EcowatchJob.Sources(connectors.source(sessionName), connectors.outcomesSource()), connectors.sinks());
        return new PipelineJob(env.executeAsync("ecowatch bench"), connectors, sessionName);
    }

    private static JobSettings settings(EcowatchConfig config) {
        try {
            return JobSettings.from(config);
        } catch (ConfigException e) {
            throw new IllegalStateException("the bench's generated configuration is invalid: " + e.getMessage(), e);
        }
    }

    /** From now on, counts start at zero (the counters are JVM-wide and the readiness pings count too). */
    void resetCounts() {
        start = PipelineProgress.now();
    }

    @Override
    public long messages() {
        return PipelineProgress.now().messagesReceived() - start.messagesReceived();
    }

    @Override
    public long readings() {
        return PipelineProgress.now().readingsStored() - start.readingsStored();
    }

    long readingsValid() {
        return PipelineProgress.now().readingsValid() - start.readingsValid();
    }

    long rejected() {
        return PipelineProgress.now().rejected() - start.rejected();
    }

    /** RUNNING, or what went wrong (RESTARTING after a failure, FAILED …). */
    JobStatus status() throws Exception {
        return job.getJobStatus().get();
    }

    /** Cancels the job, waits until it stopped, ends its broker-side sessions and lets its heap be collected. */
    @Override
    public void close() {
        try {
            job.cancel().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!job.getJobStatus().get().isGloballyTerminalState() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Already stopped (failed or finished): nothing to cancel.
        }
        BenchMqtt.discardSessions(connectors.broker(), sessionName, connectors.sessions());
        FlinkLeftovers.release();
    }
}
