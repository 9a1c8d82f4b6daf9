package org.ecowatch.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ecowatch.alerts.service.LeadService;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./ecowatch serve --config DIR}: the lead service alone, for a pipeline that runs elsewhere (a Flink cluster,
 * or {@code run --no-lead-service}); start several to have replicas (docs/DEPLOY.md).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the lead service alone: leads and alerts from the broker into the lead store, the HTTP API (docs/API.md).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", required = true, description = "configuration directory (pipeline.yaml mqtt:, leadStore:, http:)")
    Path configDir;

    @Override
    public Integer call() throws Exception {
        EcowatchConfig config = ConfigurationProblem.load(configDir);
        PipelineConfig.Mqtt mqtt = config.pipeline().mqtt();
        if (mqtt.embedded()) {
            throw new ParameterException(spec.commandLine(), configDir.resolve("pipeline.yaml") + ": mqtt.url is `embedded`: the lead"
                    + " service alone has no pipeline publishing to it; write the broker's URL, e.g. `url: tcp://127.0.0.1:1883`,"
                    + " or use `./ecowatch run`, which runs both");
        }
        var tokens = LeadServices.tokensFromEnvironment(config, null);
        // An embedded readings store lives in the pipeline's process: the console's charts cannot read it from here.
        PipelineConfig.Store store = config.pipeline().store();
        LeadService service = LeadServices.start(config, new MqttConnectionSettings(mqtt.url(), mqtt.username(), mqtt.passwordEnv()),
                false, tokens, store.embedded() ? null : store.url());
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the hook closes the service (unsubscribing cleanly, closing the store) while the JVM still waits for it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        System.out.printf("ecowatch serve: lead service on %s (API: docs/API.md), leads and alerts from %s, lead store %s; logs in %s%n",
                service.url(), mqtt.url(), config.pipeline().leadStore().jdbcUrl(), Locations.logFile());
        stopped.await();
        return 0;
    }
}
