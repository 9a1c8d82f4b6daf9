package org.ecowatch.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ecowatch.app.progress.ProgressPrinter;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.gateway.Hj212Gateway;
import org.ecowatch.ingest.gateway.Hj212GatewayOptions;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./ecowatch gateway --config DIR}: the HJ 212 TCP gateway for legacy data loggers, into MQTT. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Accept HJ 212 frames from data loggers over TCP and publish them to their devices' hj212 topics (docs/GATEWAY.md).")
final class GatewayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", required = true, description = "configuration directory (pipeline.yaml gateway: and mqtt:, registry.yaml)")
    Path configDir;

    @Override
    public Integer call() throws Exception {
        EcowatchConfig config = ConfigurationProblem.load(configDir);
        PipelineConfig.Mqtt mqtt = config.pipeline().mqtt();
        if (mqtt.embedded()) {
            throw new ParameterException(spec.commandLine(), configDir.resolve("pipeline.yaml") + ": mqtt.url is `embedded`: the gateway"
                    + " publishes to a broker of its own process's choosing only inside `./ecowatch demo`; write the broker's URL, e.g."
                    + " `url: tcp://127.0.0.1:1883`");
        }
        try (Hj212Gateway gateway = new Hj212Gateway(options(config, new MqttConnectionSettings(mqtt.url(), mqtt.username(), mqtt.passwordEnv())))) {
            gateway.start();
            Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
            System.out.printf("ecowatch gateway: HJ 212 over TCP on %s:%d → %s (%s/hj212/…); logs in %s%n",
                    config.pipeline().gateway().bind(), gateway.port(), mqtt.url(), mqtt.topicPrefix(), Locations.logFile());
            try (ProgressPrinter progress = new ProgressPrinter(System.out, 10, () -> gateway.stats().line())) {
                gateway.awaitClosed();
            }
        }
        return 0;
    }

    /** The gateway's options from {@code pipeline.yaml}'s {@code gateway:} section. */
    static Hj212GatewayOptions options(EcowatchConfig config, MqttConnectionSettings broker) {
        PipelineConfig.Gateway g = config.pipeline().gateway();
        return Hj212GatewayOptions.defaults(broker, config.pipeline().mqtt().topicPrefix(), config.registry())
                .withBindHost(g.bind())
                .withPort(g.port())
                .withMaxConnections(g.maxConnections())
                .withIdleTimeout(g.idleTimeout())
                .withMaxDataLength(g.maxFrameBytes());
    }
}
