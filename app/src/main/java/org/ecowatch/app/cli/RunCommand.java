package org.ecowatch.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.app.job.FlinkEnvironments;
import org.ecowatch.app.job.EcowatchJob;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.app.job.LatestCheckpoint;
import org.ecowatch.app.job.PipelineConnectors;
import org.ecowatch.app.progress.PipelineProgress;
import org.ecowatch.app.progress.ProgressPrinter;
import org.ecowatch.app.servers.PipelineServers;
import org.ecowatch.alerts.service.LeadService;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.configs.EcowatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ecowatch run --config DIR}: the pipeline against the servers the configuration names. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline against the servers DIR's pipeline.yaml names (\"embedded\" ones are started in-process).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "DIR", required = true, description = "configuration directory")
    Path configDir;

    @Option(names = "--fresh", description = "start from scratch instead of resuming from the latest checkpoint in checkpoints.dir")
    boolean fresh;

    @Option(names = "--no-lead-service", description = "run the pipeline only; the lead service runs elsewhere (./ecowatch serve)")
    boolean noLeadService;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        JobSettings settings = ConfigurationProblem.loadForJob(configDir);
        EcowatchConfig config = settings.config();
        Path checkpoints = Path.of(config.pipeline().checkpoints().dir()).toAbsolutePath().normalize();
        ApiTokens tokens = noLeadService ? null : LeadServices.tokensFromEnvironment(config, "./ecowatch run --no-lead-service");
        try (PipelineServers servers = PipelineServers.start(config, Locations.data().resolve("run"), 1883);
             LeadService leads = tokens == null ? null : LeadServices.start(config, connectorsOf(config, servers).broker(),
                     servers.brokerEmbedded(), tokens, servers.storeUrl())) {
            PipelineConnectors connectors = connectorsOf(config, servers);
            Configuration flink = FlinkEnvironments.baseConfiguration(config.pipeline().checkpoints().interval(), checkpoints);
            Optional<Path> resumeFrom = fresh ? Optional.empty() : LatestCheckpoint.in(checkpoints);
            // After a crash or a stop the job resumes where it was: alert state, pending split packets, MQTT sessions.
            resumeFrom.ifPresent(checkpoint -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString()));
            StreamExecutionEnvironment env = FlinkEnvironments.local(flink, config.pipeline().parallelism());
            EcowatchJob.assemble(env, settings, connectors.sources(), connectors.sinks());
            out.printf("ecowatch run: broker %s, store %s, checkpoints %s, parallelism %d; logs in %s%n",
                    servers.brokerUrl(), servers.storeUrl(), checkpoints.toAbsolutePath(), config.pipeline().parallelism(),
                    Locations.logFile());
            if (leads != null) {
                out.printf("lead service: %s (API: docs/API.md; tokens from %s), lead store %s%n", leads.url(),
                        config.pipeline().http().tokensEnv(), config.pipeline().leadStore().jdbcUrl());
            }
            out.println(resumeFrom.map(c -> "resuming from checkpoint " + c + " (--fresh starts from scratch)")
                    .orElse("starting from scratch: no checkpoint to resume from" + (fresh ? " (--fresh)" : "")));
            try (ProgressPrinter progress = new ProgressPrinter(out, 10, () -> PipelineProgress.now().line())) {
                env.execute("ecowatch");
            }
        }
        return 0;
    }

    private static PipelineConnectors connectorsOf(EcowatchConfig config, PipelineServers servers) {
        return new PipelineConnectors(config, servers.brokerUrl(), servers.brokerEmbedded(), servers.storeUrl());
    }
}
