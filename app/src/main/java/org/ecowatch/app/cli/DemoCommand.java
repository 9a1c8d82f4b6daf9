package org.ecowatch.app.cli;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ecowatch.alerts.service.LeadService;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.app.job.FlinkEnvironments;
import org.ecowatch.app.job.EcowatchJob;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.app.job.PipelineConnectors;
import org.ecowatch.app.progress.StationPrinter;
import org.ecowatch.app.progress.PipelineProgress;
import org.ecowatch.app.progress.ProgressPrinter;
import org.ecowatch.app.servers.PipelineServers;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.gateway.Hj212Gateway;
import org.ecowatch.ingest.simulator.DemoViolations;
import org.ecowatch.ingest.simulator.FleetPublisher;
import org.ecowatch.ingest.simulator.FleetSimulator;
import org.apache.commons.io.file.PathUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./ecowatch demo}: the whole system in one process on embedded defaults, with a simulated district. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything in one process: embedded MQTT broker and store, the Flink pipeline, a simulated district.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--mqtt-port", paramLabel = "N", defaultValue = "1883",
            description = "port of the embedded MQTT broker on 127.0.0.1; a free one when taken (default ${DEFAULT-VALUE})")
    int mqttPort;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080",
            description = "port of the lead service (HTTP API and web console) on 127.0.0.1; a free one when taken (default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--config", paramLabel = "DIR", description = "configuration directory (default: configs/demo)")
    Path configDir;

    @Option(names = "--malformed-every", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "how often the simulator slips in a malformed message (default ${DEFAULT-VALUE})")
    Duration malformedEvery;

    @Option(names = "--replay", paramLabel = "DURATION", defaultValue = "PT6H",
            description = "how much of the district's recent past the simulator replays before running live (default ${DEFAULT-VALUE})")
    Duration replay;

    @Option(names = "--replay-rate", paramLabel = "N", defaultValue = "60",
            description = "simulated seconds per wall second while replaying (default ${DEFAULT-VALUE})")
    double replayRate;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        JobSettings settings = ConfigurationProblem.loadForJob(configDir != null ? configDir : Locations.home().resolve("configs/demo"));
        EcowatchConfig config = settings.config();
        Path data = Locations.data().resolve("demo");
        // A demo starts from a clean slate: its broker is in memory, its store and checkpoints would be stale.
        if (data.toFile().exists()) {
            PathUtils.deleteDirectory(data);
        }
        out.println("ecowatch demo: starting the embedded broker, store and pipeline (files in " + data + ")");

        try (PipelineServers servers = PipelineServers.start(config, data, mqttPort)) {
            PipelineConnectors connectors = new PipelineConnectors(config, servers.brokerUrl(), servers.brokerEmbedded(), servers.storeUrl());
            StreamExecutionEnvironment env = FlinkEnvironments.local(
                    FlinkEnvironments.baseConfiguration(config.pipeline().checkpoints().interval(), data.resolve("checkpoints")),
                    config.pipeline().parallelism());
            EcowatchJob.assemble(env, settings, connectors.sources(), connectors.sinks());
            JobClient job = env.executeAsync("ecowatch demo");
            Hj212Gateway gateway = new Hj212Gateway(GatewayCommand.options(config, connectors.broker()).withPort(0));
            gateway.start();
            awaitRunning(job);
            // The lead service subscribes before the fleet talks, so it sees the first lead.
            LeadService leads = LeadService.start(new LeadService.Settings(config, connectors.broker(), servers.brokerEmbedded(),
                    "jdbc:h2:file:" + data.resolve("leads").toAbsolutePath(), ApiTokens.demo(config.registry()), "127.0.0.1",
                    LeadServices.portPreferring(httpPort), servers.storeUrl()));

            // Replay the district's last hours fast, with its scripted violations, then run live.
            Instant now = Instant.now();
            FleetSimulator simulator = new FleetSimulator(config.registry(), config.thresholds(), config.pipeline().timeZone(),
                    config.pipeline().mqtt().topicPrefix(), new FleetSimulator.Options(now.minus(replay), replayRate, malformedEvery,
                    2026, true, DemoViolations.all(), true), now);
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch stopped = new CountDownLatch(1);
            InetSocketAddress gatewayAddress = new InetSocketAddress("127.0.0.1", gateway.port());
            Thread publisher = new Thread(() -> publish(simulator, connectors, gatewayAddress, stop, stopped), "ecowatch-simulator");
            publisher.setDaemon(true);
            publisher.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.set(true);
                job.cancel();
                awaitQuietly(stopped);
                gateway.close();
                leads.close();
            }));

            printWhereToLook(out, config, servers, gateway.port(), leads.url());
            try (StationPrinter station = new StationPrinter(connectors.broker(), config.pipeline().mqtt().topicPrefix(), out);
                 ProgressPrinter progress = new ProgressPrinter(out, 5,
                    () -> PipelineProgress.now().line() + " · gateway: " + gateway.stats().line())) {
                job.getJobExecutionResult().get();
            }
        }
        return 0;
    }

    private static void publish(FleetSimulator simulator, PipelineConnectors connectors, InetSocketAddress gateway,
                                AtomicBoolean stop, CountDownLatch stopped) {
        try (FleetPublisher publisher = new FleetPublisher(simulator, connectors.broker(), "ecowatch-demo-simulator", gateway)) {
            publisher.run(stop::get, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void printWhereToLook(PrintStream out, EcowatchConfig config, PipelineServers servers, int gatewayPort, String leadService) {
        String prefix = config.pipeline().mqtt().topicPrefix();
        int devices = config.registry().enterprises().stream().mapToInt(e -> e.devices().size()).sum();
        out.println();
        out.printf("  simulated district  %d enterprises, %d devices, %d districts (%s)%n",
                config.registry().enterprises().size(), devices, config.registry().districts().size(), config.directory());
        out.printf("                      replaying the last %s at %sx with scripted violations, then live%n",
                replay.toString().substring(2).toLowerCase(), replayRate);
        out.printf("  MQTT broker         %s   watch: mosquitto_sub -L '%s/%s/#' -v%n",
                servers.brokerUrl(), servers.brokerUrl().replace("tcp://", "mqtt://"), prefix);
        out.printf("  alerts, leads       topics %s/alerts/{enterpriseId} and %s/leads/{district}, printed below as they change%n",
                prefix, prefix);
        out.printf("  dead letters        topic %s/deadletter%n", prefix);
        out.printf("  HJ 212 gateway      tcp://127.0.0.1:%d   (a third of the outlets log through it, a third send HJ 212 over MQTT)%n", gatewayPort);
        out.printf("  readings store      %s   SQL: curl -G %s/exec --data-urlencode 'query=SELECT * FROM wastewater_outlet LATEST ON ts PARTITION BY device, metric'%n",
                servers.storeUrl(), servers.storeUrl());
        out.printf("                      or PostgreSQL wire %s (user admin, password quest: demo only)%n", servers.storeJdbcUrl());
        out.printf("  web console         %s/   open it in a browser and sign in with a demo token   (docs/CONSOLE.md)%n", leadService);
        out.printf("  lead service        %s   e.g. curl -H 'Authorization: Bearer %s' %s/api/leads   (docs/API.md)%n",
                leadService, ApiTokens.DEMO_STATION_TOKEN, leadService);
        out.printf("  demo tokens         station %s; officers %s%n", ApiTokens.DEMO_STATION_TOKEN, officerTokens(config));
        out.printf("  logs                %s%n", Locations.logFile());
        out.println("  progress every 5 s; Ctrl-C stops the demo");
        out.println();
    }

    /** {@code demo-officer-01-token (jingkai), …}: each officer's token and district. */
    private static String officerTokens(EcowatchConfig config) {
        return config.registry().districts().stream()
                .flatMap(d -> d.officers().stream().map(o -> ApiTokens.demoOfficerToken(o.id()) + " (" + d.id() + ")"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * A broker drops what is published before anybody subscribed: let the job's sessions subscribe before the
     * fleet starts talking (at later starts their persistent sessions would keep the messages anyway).
     */
    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (job.getJobStatus().get() != org.apache.flink.api.common.JobStatus.RUNNING && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
