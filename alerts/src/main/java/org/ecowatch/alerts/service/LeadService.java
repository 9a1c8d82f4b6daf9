package org.ecowatch.alerts.service;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ecowatch.alerts.outcomes.ConfirmedOutcome;
import org.ecowatch.alerts.outcomes.ConfirmedOutcomesPublisher;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.http.LeadApi;
import org.ecowatch.alerts.service.intake.PipelineIntake;
import org.ecowatch.alerts.service.readings.Readings;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.LeadStoreDataSource;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead service in one piece (docs/API.md): the lead store, the MQTT intake of the pipeline's leads and alerts,
 * the HTTP API with the web console (docs/CONSOLE.md), and the confirmed outcomes it hands back to the pipeline. Stateless apart from the store, so
 * several replicas can share one PostgreSQL and one shared subscription.
 *
 * <pre>{@code
 * try (LeadService service = LeadService.start(new LeadService.Settings(config, broker, false, jdbcUrl, tokens, "127.0.0.1", 8080,
 *         storeUrl))) {
 *     service.url();
 * }
 * }</pre>
 */
public final class LeadService implements AutoCloseable {
    /** How far back confirmed violations are handed to the pipeline: more than the 90 days a repeat looks back. */
    static final Duration OUTCOME_HISTORY = Duration.ofDays(365);
    private static final Logger LOG = LoggerFactory.getLogger(LeadService.class);

    private final Settings settings;
    private final Clock clock;
    private final HikariDataSource dataSource;
    private final LeadStore store;
    private final ConfirmedOutcomesPublisher outcomes;
    // Outcomes go to the broker off the request thread, one at a time, in the order officers reported them.
    private final ExecutorService outcomePublishing = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ecowatch-outcomes-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private PipelineIntake intake;
    private LeadApi api;

    /**
     * @param broker         the broker the pipeline publishes leads and alerts on
     * @param brokerEmbedded the embedded HiveMQ, whose shared subscriptions starve (docs/ARCHITECTURE.md): subscribe plainly
     * @param jdbcUrl        the lead store: {@code leadStore.jdbcUrl}, or the demo's own
     * @param bind           the HTTP API's address; {@code port} 0 takes a free port
     * @param readingsStore  the readings store's base URL, where the console's charts read from ({@code /api/readings});
     *                       null when this process cannot reach it (those routes then answer 503)
     */
    public record Settings(EcowatchConfig config, MqttConnectionSettings broker, boolean brokerEmbedded, String jdbcUrl,
                           ApiTokens tokens, String bind, int port, String readingsStore) {}

    private LeadService(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        PipelineConfig.LeadStore leadStore = settings.config().pipeline().leadStore();
        this.dataSource = LeadStoreDataSource.create(
                new PipelineConfig.LeadStore(settings.jdbcUrl(), leadStore.usernameEnv(), leadStore.passwordEnv()), System::getenv);
        this.store = LeadStore.open(dataSource);
        this.outcomes = new ConfirmedOutcomesPublisher(settings.broker(), topicPrefix());
    }

    /** Opens the store (migrating it), subscribes to the pipeline's topics, and starts the HTTP API. */
    public static LeadService start(Settings settings) throws Exception {
        return start(settings, Clock.systemUTC());
    }

    static LeadService start(Settings settings, Clock clock) throws Exception {
        LeadService service = new LeadService(settings, clock);
        try {
            service.startParts();
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    private void startParts() throws Exception {
        api = new LeadApi(store, settings.config(), settings.tokens(), clock, () -> intake != null && intake.connected())
                .onConfirmedViolation(enterpriseId -> outcomePublishing.execute(() -> publishOutcomes(enterpriseId)));
        if (settings.readingsStore() != null) {
            EcowatchConfig config = settings.config();
            api.readings(new Readings(settings.readingsStore(), config.registry(), config.thresholds(), config.pipeline().timeZone()));
        }
        intake = new PipelineIntake(new PipelineIntake.Settings(settings.broker(), topicPrefix(), clientId(settings.port()),
                !settings.brokerEmbedded()), store, settings.config().registry(), api.meterRegistry(), clock);
        intake.start();
        api.start(settings.bind(), settings.port());
        // Retained outcomes may be gone (a broker without persistence restarted): publish them all again.
        for (Enterprise enterprise : settings.config().registry().enterprises()) {
            outcomePublishing.execute(() -> publishOutcomes(enterprise.id(), false));
        }
    }

    /** The HTTP API's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + settings.bind() + ":" + api.port();
    }

    public int port() {
        return api.port();
    }

    private void publishOutcomes(String enterpriseId) {
        publishOutcomes(enterpriseId, true);
    }

    /** Hands the enterprise's confirmed violations of the last year to the pipeline (a retained message). */
    private void publishOutcomes(String enterpriseId, boolean evenIfNone) {
        try {
            List<ConfirmedOutcome> confirmed = store.confirmedViolations(enterpriseId, clock.instant().minus(OUTCOME_HISTORY))
                    .stream()
                    .map(v -> new ConfirmedOutcome(v.leadId(), v.enterpriseId(), v.openedAt(), v.reportedAt()))
                    .toList();
            if (evenIfNone || !confirmed.isEmpty()) {
                outcomes.publish(enterpriseId, confirmed);
            }
        } catch (IOException | RuntimeException e) {
            // The next start publishes every enterprise's outcomes again.
            LOG.warn("could not hand the confirmed outcomes of {} to the pipeline: {}", enterpriseId, e.getMessage());
        }
    }

    private String topicPrefix() {
        return settings.config().pipeline().mqtt().topicPrefix();
    }

    /** Stable per replica (host and port), so that a restarted replica resumes its MQTT session. */
    private static String clientId(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String id = "ecowatch-lead-service-" + host.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + port;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /** Stops the API and the subscription, then closes the store; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (api != null) {
            api.close();
        }
        if (intake != null) {
            intake.close();
        }
        outcomePublishing.shutdown();
        try {
            outcomePublishing.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outcomes.close();
        store.close();
        dataSource.close();
    }
}
