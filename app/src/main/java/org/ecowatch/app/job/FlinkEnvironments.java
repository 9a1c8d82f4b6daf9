package org.ecowatch.app.job;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.app.progress.ProgressReporter;

/** The one place where ecowatch makes a Flink environment, so every job gets the same safety settings. */
public final class FlinkEnvironments {
    private FlinkEnvironments() {}

    /** Settings every ecowatch Flink job runs with on this machine: {@link #jobConfiguration} plus local checkpoints and progress. */
    public static Configuration baseConfiguration(Duration checkpointInterval, Path checkpointDir) {
        Configuration config = jobConfiguration(checkpointInterval);
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toAbsolutePath().toUri().toString());
        ProgressReporter.register(config);
        return config;
    }

    /**
     * Settings every ecowatch Flink job runs with, whatever the environment. Where checkpoints are kept is the
     * environment's business: a cluster names its shared storage in its own configuration.
     */
    public static Configuration jobConfiguration(Duration checkpointInterval) {
        Configuration config = new Configuration();
        // Wire and state types are records Flink serializes itself; Kryo would hide slow, fragile fallbacks.
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        config.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // A pipeline that watches a district runs for months: restart after failures, backing off.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        return config;
    }

    /** A local environment: the job runs on an in-process mini cluster. */
    public static StreamExecutionEnvironment local(Configuration config, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        return env;
    }
}
