package org.ecowatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.app.faults.FaultReport.n;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadJson;
import org.ecowatch.alerts.leads.LeadTopic;
import org.ecowatch.alerts.service.intake.PipelineIntake;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.LeadStoreDataSource;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.simulator.SimulatedMessage;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.Services;
import org.junit.jupiter.api.Test;

/**
 * Fault 5: a slow consumer. The pipeline publishes leads faster than the lead service can store them: the lead
 * service's intake ({@link PipelineIntake}, its real PostgreSQL lead store) is slowed to a crawl while thousands of
 * leads arrive. The intake stores on the MQTT client's thread and acknowledges only once stored, and asks the broker
 * for at most Receive Maximum (100) messages in flight, so the backlog must wait at the broker, not in the service's
 * memory. Then the store is fast again, and every lead must be stored.
 */
class SlowConsumerFaultTest {
    private static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    private static final int LEADS = FaultScale.pick(3_000, 40_000);
    /** Per transaction while slow: about 20 leads a second. */
    private static final long SLOW_MILLIS = 50;
    private static final Duration STALL = Duration.ofSeconds(120);

    @Test
    void leadsPublishedFasterThanTheLeadServiceStoresThemWaitAtTheBrokerNotInItsMemory() throws Exception {
        Services.assumeOrFail(Services.reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432");
        EcowatchConfig demo = ConfigLoader.load(Path.of("../configs/demo"));
        String prefix = demo.pipeline().mqtt().topicPrefix();
        List<SimulatedMessage> leads = leads(demo, prefix);
        long payloadBytes = leads.stream().mapToLong(m -> m.payload().length).sum();
        String schema = "faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (HikariDataSource pool = LeadStoreDataSource.create(
                new PipelineConfig.LeadStore(DATABASE + "?currentSchema=" + schema, "ECOWATCH_DB_USER", null), Map.of("ECOWATCH_DB_USER", USER)::get);
             MosquittoServer mosquitto = MosquittoServer.start(false)) {
            SlowDataSource slow = new SlowDataSource(pool);
            try (LeadStore store = LeadStore.open(slow);
                 PipelineIntake intake = new PipelineIntake(new PipelineIntake.Settings(MqttConnectionSettings.of(mosquitto.url()), prefix,
                         "fault-lead-service", true), store, demo.registry(), meters, Clock.systemUTC())) {
                intake.start();
                long baseline = heapAfterGc();
                slow.delay(SLOW_MILLIS);
                long maxHeap = baseline;
                long maxBacklog = 0;
                long maxInIntake = 0;
                int samples = 0;
                try (PacedPublisher publisher = new PacedPublisher(mosquitto.url(), leads, 0)) {
                    long slowUntil = Long.MAX_VALUE;
                    long lastPublished = -1;
                    long lastProgress = System.currentTimeMillis();
                    while (System.currentTimeMillis() < slowUntil && System.currentTimeMillis() - lastProgress < STALL.toMillis()) {
                        Thread.sleep(500);
                        if (publisher.published() != lastPublished) {
                            lastPublished = publisher.published();
                            lastProgress = System.currentTimeMillis();
                        }
                        maxHeap = Math.max(maxHeap, heapAfterGc());
                        // Taken before stored: the difference can only understate what was in the intake, never overstate it.
                        long taken = count(meters, "ecowatch_leadservice_messages");
                        long stored = count(meters, "ecowatch_leadservice_upserts");
                        maxBacklog = Math.max(maxBacklog, publisher.published() - stored);
                        maxInIntake = Math.max(maxInIntake, taken - stored);
                        samples++;
                        if (publisher.done() && slowUntil == Long.MAX_VALUE) {
                            slowUntil = System.currentTimeMillis() + 3_000; // a few more samples with everything published
                        }
                    }
                    publisher.awaitDone(STALL); // fails here if the broker stopped taking leads
                }
                long storedWhileSlow = count(meters, "ecowatch_leadservice_upserts");
                slow.delay(0);
                long fastAgain = System.nanoTime();
                FaultAwait.until(() -> count(meters, "ecowatch_leadservice_upserts") >= LEADS,
                        () -> count(meters, "ecowatch_leadservice_upserts"), STALL,
                        () -> count(meters, "ecowatch_leadservice_upserts") + " of " + LEADS + " leads stored");
                double catchUpSeconds = (System.nanoTime() - fastAgain) / 1e9;
                long rows = queryLong("SELECT count(*) FROM " + schema + ".leads");
                long growth = maxHeap - baseline;

                FaultReport.record("slow consumer", String.format(
                        "%s leads (%s MB of ecowatch.lead/1) published at once while the lead store took %d ms per transaction;"
                                + " the intake stored %s of them meanwhile; backlog up to %s leads (%.1f MB), waiting at the broker:"
                                + " the intake held at most %d being stored, and the test JVM's heap after GC grew by at most %.1f MB"
                                + " (%d samples); once the store was fast again every lead was stored in %.1f s: %s rows, %s rejected",
                        n(LEADS), String.format("%.1f", payloadBytes / 1e6), SLOW_MILLIS, n(storedWhileSlow), n(maxBacklog),
                        maxBacklog * (payloadBytes / (double) LEADS) / 1e6, maxInIntake, growth / 1e6, samples, catchUpSeconds,
                        n(rows), n(count(meters, "ecowatch_leadservice_rejected"))));

                assertThat(maxBacklog).as("leads published but not yet stored at some point").isGreaterThan(LEADS / 2);
                assertThat(maxInIntake).as("leads the intake had taken but not stored").isLessThanOrEqualTo(1);
                // Had the backlog piled up in this JVM, the heap would have grown by its size (MBs); 100 in flight are ~0.3 MB.
                assertThat(growth).as("heap growth while the backlog waited (bytes)")
                        .isLessThan(Math.max(4_000_000, maxBacklog * (payloadBytes / LEADS) / 4));
                assertThat(rows).as("leads in the lead store").isEqualTo(LEADS);
            }
        } finally {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** Distinct leads of the demo district, each a real ecowatch.lead/1 message with twenty evidence readings. */
    private static List<SimulatedMessage> leads(EcowatchConfig demo, String prefix) {
        LeadTopic topics = new LeadTopic(prefix);
        List<Enterprise> enterprises = demo.registry().enterprises();
        Instant start = ReplayInput.START;
        List<SimulatedMessage> messages = new ArrayList<>(LEADS);
        for (int i = 0; i < LEADS; i++) {
            Enterprise e = enterprises.get(i % enterprises.size());
            long openedAt = start.plusSeconds(60L * i).toEpochMilli();
            List<Evidence> evidence = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                evidence.add(new Evidence(e.devices().get(0).id(), "w01018", openedAt + 60_000L * k, 100 + k, "N"));
            }
            Lead lead = new Lead(UUID.nameUUIDFromBytes(("fault-lead-" + i).getBytes()).toString(), 1, e.id(), e.name(), e.district(),
                    Lead.Priority.P2, Lead.Action.ONSITE_INSPECTION, "EXCEEDANCE", openedAt, openedAt + 48 * 3_600_000L,
                    List.of(UUID.nameUUIDFromBytes(("fault-alert-" + i).getBytes()).toString()), evidence,
                    e.name() + " (" + e.id() + "): w01018 at " + e.devices().get(0).id() + " is 120.0 against the limit 100.0 since lead " + i + ".",
                    false, "Asia/Shanghai");
            messages.add(new SimulatedMessage(topics.apply(lead).topic(), LeadJson.toBytes(lead), 0, null));
        }
        return messages;
    }

    private static long count(SimpleMeterRegistry meters, String name) {
        return (long) meters.find(name).tag("kind", "lead").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, null); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, null); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
