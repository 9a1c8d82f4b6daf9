package org.ecowatch.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.app.job.EcowatchJob;
import org.ecowatch.app.job.FlinkEnvironments;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.app.job.PipelineConnectors;
import org.ecowatch.app.progress.ProgressReporter;
import org.ecowatch.configs.EcowatchConfig;

/**
 * The whole job, assembled as {@code ecowatch run} assembles it, on the test's mini cluster, for faults outside
 * the pipeline (the broker, the store, the input): the test can read the job's own counters
 * ({@link org.ecowatch.app.progress.PipelineProgress}) while it runs, and Flink's record of every failure of the job
 * (its REST exception history) afterwards.
 */
final class InProcessPipeline implements AutoCloseable {
    private final MiniClusterExtension cluster;
    private final JobClient job;

    private InProcessPipeline(MiniClusterExtension cluster, JobClient job) {
        this.cluster = cluster;
        this.job = job;
    }

    /** A mini cluster with ecowatch's progress counters reported in-process; two slots, as parallelism 2 needs. */
    static MiniClusterExtension cluster() {
        Configuration config = new Configuration();
        ProgressReporter.register(config);
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder().setConfiguration(config)
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** Starts the job of {@code config} against the given broker (not the embedded one) and store. */
    static InProcessPipeline start(MiniClusterExtension cluster, EcowatchConfig config, String brokerUrl, String storeUrl,
                                   Path checkpoints, Duration checkpointInterval) throws Exception {
        PipelineConnectors connectors = new PipelineConnectors(config, brokerUrl, false, storeUrl);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FlinkEnvironments.baseConfiguration(checkpointInterval, checkpoints));
        env.setParallelism(2);
        EcowatchJob.assemble(env, JobSettings.from(config), connectors.sources(), connectors.sinks());
        return new InProcessPipeline(cluster, env.executeAsync("ecowatch fault test"));
    }

    /**
     * Every failure Flink recorded for the job (each one restarted it from its last checkpoint), as "exception
     * name: message" of the root cause; empty when the job never failed.
     */
    List<String> failures() throws IOException, InterruptedException {
        Configuration client = cluster.getClientConfiguration();
        URI uri = URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT)
                + "/jobs/" + job.getJobID() + "/exceptions");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        List<String> failures = new ArrayList<>();
        for (JsonNode entry : PipelineOutputs.JSON.readTree(response.body()).path("exceptionHistory").path("entries")) {
            failures.add(entry.path("exceptionName").asText() + ": " + entry.path("stacktrace").asText().lines().findFirst().orElse(""));
        }
        return failures;
    }

    boolean running() throws Exception {
        return job.getJobStatus().get().name().equals("RUNNING");
    }

    /** Cancels the job and waits until it stopped (its tasks must not write checkpoints into a deleted directory). */
    @Override
    public void close() throws Exception {
        job.cancel().get();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!job.getJobStatus().get().isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job.getJobID() + " did not stop within 60 s of cancel");
            }
            Thread.sleep(50);
        }
    }
}
