package org.ecowatch.app.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.ecowatch.app.progress.ProgressPrinter;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.simulator.FleetPublisher;
import org.ecowatch.ingest.simulator.FleetSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./ecowatch simulate}: a simulated fleet publishing telemetry for a configuration's registry. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Publish simulated telemetry for every device of DIR's registry.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", required = true, description = "configuration directory")
    Path configDir;

    @Option(names = "--broker", paramLabel = "URL", required = true, description = "MQTT broker, e.g. tcp://127.0.0.1:1883")
    String broker;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "1",
            description = "simulated seconds per wall second (default ${DEFAULT-VALUE}: real time)")
    double rate;

    @Option(names = "--duration", paramLabel = "D", description = "stop after this much simulated time (ISO-8601, e.g. PT1H); default: run until stopped")
    Duration duration;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "simulated start time (ISO-8601, default now); readings more than a day ahead of the wall clock are rejected, so with --rate > 1 start in the past")
    Instant start;

    @Option(names = "--malformed-every", paramLabel = "D", defaultValue = "PT2M",
            description = "simulated time between malformed messages (default ${DEFAULT-VALUE}; PT0S for none)")
    Duration malformedEvery;

    @Option(names = "--hj212", description = "outlets with an MN send HJ 212 frames over MQTT (and to --gateway, if given) instead of JSON")
    boolean hj212;

    @Option(names = "--gateway", paramLabel = "HOST:PORT", description = "the HJ 212 gateway that a third of the HJ 212 outlets connect to (with --hj212)")
    String gateway;

    private InetSocketAddress gatewayAddress() {
        if (gateway == null) {
            return null;
        }
        int colon = gateway.lastIndexOf(':');
        try {
            return new InetSocketAddress(gateway.substring(0, colon), Integer.parseInt(gateway.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--gateway: \"" + gateway + "\" is not HOST:PORT, e.g. 127.0.0.1:9212");
        }
    }

    @Override
    public Integer call() throws Exception {
        EcowatchConfig config = ConfigurationProblem.load(configDir);
        MqttConnectionSettings settings;
        try {
            settings = new MqttConnectionSettings(broker, config.pipeline().mqtt().username(), config.pipeline().mqtt().passwordEnv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--broker: " + e.getMessage());
        }
        if (!(rate > 0)) {
            throw new ParameterException(spec.commandLine(), "--rate must be > 0");
        }
        Instant wallStart = Instant.now();
        Instant simStart = start != null ? start : wallStart;
        Duration malformed = malformedEvery.isZero() ? null : malformedEvery;
        FleetSimulator simulator = new FleetSimulator(config.registry(), config.thresholds(), config.pipeline().timeZone(),
                config.pipeline().mqtt().topicPrefix(), new FleetSimulator.Options(simStart, rate, malformed, 2026, hj212, List.of(), false), wallStart);
        PrintStream out = System.out;
        out.printf("ecowatch simulate: %d enterprises to %s at %sx real time%s%n", config.registry().enterprises().size(),
                broker, rate, duration == null ? "" : " for " + duration + " of simulated time");
        try (FleetPublisher publisher = new FleetPublisher(simulator, settings, "ecowatch-simulator-" + ProcessHandle.current().pid(),
                gatewayAddress());
             ProgressPrinter progress = new ProgressPrinter(out, 5, () -> String.format("published %,d messages (%,d malformed on purpose), simulated time %s",
                     publisher.published(), publisher.malformedPublished(), simulator.simulatedTime(Instant.now())))) {
            publisher.run(() -> false, duration == null ? null : simStart.plus(duration));
            out.printf("published %,d messages (%,d malformed on purpose)%n", publisher.published(), publisher.malformedPublished());
        }
        return 0;
    }
}
