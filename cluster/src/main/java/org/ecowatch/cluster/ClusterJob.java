package org.ecowatch.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.app.job.EcowatchJob;
import org.ecowatch.app.job.FlinkEnvironments;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.app.job.PipelineConnectors;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;

/**
 * The pipeline as a Flink cluster runs it: {@code flink run ecowatch-cluster.jar --config DIR}, or the same jar
 * through the REST API. DIR must be readable where the job's main method runs (the client, or the JobManager for a
 * REST submission). The broker and the store must be real servers: a cluster's task managers cannot reach a broker
 * embedded in somebody's launcher. Checkpoint storage is the cluster's own ({@code execution.checkpointing.dir} in
 * its Flink configuration), as is parallelism unless {@code pipeline.yaml} sets one (docs/DEPLOY.md).
 */
public final class ClusterJob {
    private ClusterJob() {}

    public static void main(String[] args) throws Exception {
        JobSettings settings = settings(configDir(args));
        EcowatchConfig config = settings.config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(FlinkEnvironments.jobConfiguration(config.pipeline().checkpoints().interval()));
        env.setParallelism(config.pipeline().parallelism());
        PipelineConnectors connectors = new PipelineConnectors(config, config.pipeline().mqtt().url(), false, config.pipeline().store().url());
        EcowatchJob.assemble(env, settings, connectors.sources(), connectors.sinks());
        env.execute("ecowatch");
    }

    static Path configDir(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if ("--config".equals(args[i])) {
                return Path.of(args[i + 1]);
            }
        }
        throw new IllegalArgumentException("usage: flink run ecowatch-cluster.jar --config DIR (the directory of pipeline.yaml,"
                + " registry.yaml and thresholds.yaml)");
    }

    /** The configuration, refused when it names an embedded server, which no task manager could reach. */
    static JobSettings settings(Path dir) throws ConfigException {
        EcowatchConfig config = ConfigLoader.load(dir);
        List<String> problems = new ArrayList<>();
        if (config.pipeline().mqtt().embedded()) {
            problems.add("mqtt.url: \"embedded\" cannot be reached from a cluster's task managers; name the broker, e.g."
                    + " `url: tcp://mqtt.example:1883`");
        }
        if (config.pipeline().store().embedded()) {
            problems.add("store.url: \"embedded\" cannot be reached from a cluster's task managers; name the store's"
                    + " InfluxDB-v2-compatible endpoint, e.g. `url: http://influxdb.example:8086`");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve("pipeline.yaml") + ": " + String.join("; ", problems));
        }
        return JobSettings.from(config);
    }
}
