package org.ecowatch.alerts.service.http;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.readings.Readings;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead service's HTTP API (docs/API.md) on Javalin: leads and officer actions, alerts, the registry's devices,
 * enterprises and districts, rule statistics, readings for charts, the live event stream, {@code /health} and
 * {@code /metrics}; and the web console (docs/CONSOLE.md), static files at {@code /} and {@code /console/} that need
 * no token (their data calls do), with the ECharts webjar at {@code /webjars/}.
 *
 * <pre>{@code
 * LeadApi api = new LeadApi(store, config, ApiTokens.fromEnvironment(config.pipeline().http().tokensEnv(), config.registry()),
 *         Clock.systemUTC(), intake::connected)
 *         .onConfirmedViolation(outcomes::publish)
 *         .readings(new Readings(storeUrl, config.registry(), config.thresholds(), config.pipeline().timeZone()));
 * api.meterRegistry();          // the MQTT intake adds its counters here
 * api.start();                  // http.bind and http.port of pipeline.yaml; or start(bind, port), port 0 = any free
 * api.port();
 * api.close();
 * }</pre>
 */
public final class LeadApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeadApi.class);
    /** The console is served at the root and, for links that name it, under /console/. */
    private static final String[] CONSOLE_PATHS = {"/", "/console"};

    private final LeadStore store;
    private final EcowatchConfig config;
    private final ApiTokens tokens;
    private final Clock clock;
    private final BooleanSupplier brokerConnected;
    private final ApiMetrics metrics;
    private Consumer<String> onConfirmedViolation = enterpriseId -> {};
    private Readings readings;
    private volatile EventHub events;
    private Javalin app;

    /**
     * @param config          the registry (districts, officers, enterprises, devices) and thresholds (their limits);
     *                        {@link #start()} listens where {@code http} of pipeline.yaml says
     * @param clock           the service clock: {@code overdue}, history times, the change log's 24 h
     * @param brokerConnected whether the MQTT subscription is connected, for {@code /health}
     */
    public LeadApi(LeadStore store, EcowatchConfig config, ApiTokens tokens, Clock clock,
            BooleanSupplier brokerConnected) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.brokerConnected = Objects.requireNonNull(brokerConnected, "brokerConnected");
        this.metrics = new ApiMetrics(store);
        metrics.sseClients(() -> {
            EventHub hub = events;
            return hub == null ? 0 : hub.clients();
        });
    }

    /**
     * Called with the enterprise id after an officer reports {@code CONFIRMED_VIOLATION} (the outcome is stored
     * first); it publishes the enterprise's confirmed violations to the pipeline. Set it before {@link #start}.
     */
    public LeadApi onConfirmedViolation(Consumer<String> hook) {
        this.onConfirmedViolation = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /**
     * Where {@code /api/readings} reads from: the readings store the pipeline writes to. Without it those routes
     * answer 503. Set it before {@link #start}.
     */
    public LeadApi readings(Readings readings) {
        this.readings = Objects.requireNonNull(readings, "readings");
        return this;
    }

    /** The service's Prometheus registry, served at {@code /metrics}: add the intake's counters to it. */
    public PrometheusMeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** Starts on {@code http.bind} and {@code http.port} of pipeline.yaml. */
    public LeadApi start() {
        PipelineConfig.Http http = config.pipeline().http();
        return start(http.bind(), http.port());
    }

    /** Starts on {@code bind}:{@code port}; port 0 takes a free port ({@link #port()} tells which). */
    public synchronized LeadApi start(String bind, int port) {
        if (app != null) {
            throw new IllegalStateException("the HTTP API is already started");
        }
        Districts districts = new Districts(config.registry());
        events = new EventHub(store, clock, metrics.registry());
        LeadRoutes leads = new LeadRoutes(store, clock, districts, onConfirmedViolation);
        AlertRoutes alerts = new AlertRoutes(store, districts);
        RegistryRoutes registry = new RegistryRoutes(store, config.registry(), config.thresholds(), districts);
        StatisticsRoutes statistics = new StatisticsRoutes(store, districts);
        EventRoutes stream = new EventRoutes(events);
        OperationRoutes operations = new OperationRoutes(store, brokerConnected, metrics, config.registry());
        ReadingsRoutes readingsRoutes = new ReadingsRoutes(readings, config.registry());
        app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            for (String hostedPath : CONSOLE_PATHS) {
                javalin.staticFiles.add(files -> {
                    files.hostedPath = hostedPath;
                    files.directory = "/console";
                    files.location = Location.CLASSPATH;
                });
            }
            javalin.staticFiles.enableWebjars();
            javalin.requestLogger.http(metrics::recordRequest);
            javalin.router.mount(router -> {
                ErrorHandling.install(router);
                router.beforeMatched(Access.authenticate(tokens));
                leads.addTo(router);
                alerts.addTo(router);
                registry.addTo(router);
                statistics.addTo(router);
                stream.addTo(router);
                operations.addTo(router);
                readingsRoutes.addTo(router);
            });
        });
        try {
            app.start(bind, port);
        } catch (RuntimeException e) {
            events.close();
            app.stop(); // Jetty's threads, should any have started
            app = null;
            throw new IllegalStateException("the HTTP API cannot listen on " + bind + ":" + port + ": "
                    + e.getMessage() + " (http.bind / http.port in pipeline.yaml)", e);
        }
        events.start();
        LOG.info("lead service HTTP API on http://{}:{} ({} tokens)", bind, app.port(), tokens.principals().size());
        return this;
    }

    /** The port it listens on (the free port taken for 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the HTTP API is not started");
        }
        return app.port();
    }

    /** Ends the event streams, then stops the server. The store stays open: it is the caller's. */
    @Override
    public synchronized void close() {
        if (app == null) {
            return;
        }
        events.close();
        app.stop();
        app = null;
    }
}
