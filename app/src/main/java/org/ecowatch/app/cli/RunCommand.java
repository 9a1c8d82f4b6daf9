package org.ecowatch.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.app.job.FlinkEnvironments;
import org.ecowatch.app.job.EcowatchJob;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.app.job.PipelineConnectors;
import org.ecowatch.app.progress.PipelineProgress;
import org.ecowatch.app.progress.ProgressPrinter;
import org.ecowatch.app.servers.PipelineServers;
import org.ecowatch.configs.EcowatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ecowatch run --config DIR}: the pipeline against the servers the configuration names. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline against the servers DIR's pipeline.yaml names (\"embedded\" ones are started in-process).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "DIR", required = true, description = "configuration directory")
    Path configDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        JobSettings settings = ConfigurationProblem.loadForJob(configDir);
        EcowatchConfig config = settings.config();
        Path checkpoints = Path.of(config.pipeline().checkpoints().dir());
        try (PipelineServers servers = PipelineServers.start(config, Locations.data().resolve("run"), 1883)) {
            PipelineConnectors connectors = new PipelineConnectors(config, servers.brokerUrl(), servers.brokerEmbedded(), servers.storeUrl());
            StreamExecutionEnvironment env = FlinkEnvironments.local(
                    FlinkEnvironments.baseConfiguration(config.pipeline().checkpoints().interval(), checkpoints),
                    config.pipeline().parallelism());
            EcowatchJob.assemble(env, settings, connectors.source(), connectors.sinks());
            out.printf("ecowatch run: broker %s, store %s, checkpoints %s, parallelism %d; logs in %s%n",
                    servers.brokerUrl(), servers.storeUrl(), checkpoints.toAbsolutePath(), config.pipeline().parallelism(),
                    Locations.logFile());
            try (ProgressPrinter progress = new ProgressPrinter(out, 10, () -> PipelineProgress.now().line())) {
                env.execute("ecowatch");
            }
        }
        return 0;
    }
}
