package org.ecowatch.alerts.service.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadJson;
import org.ecowatch.alerts.message.AlertJson;
import org.ecowatch.alerts.service.store.HistoryEntry;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.testing.Services;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake on the Mosquitto of this machine with a shared subscription, into a real lead store (H2): duplicates
 * and older versions change nothing, a bad message is counted and does not stall the ones behind it, and what is
 * published while the service is down arrives when it is back (its persistent session kept it).
 */
class PipelineIntakeTest {
    static final String BROKER = "tcp://127.0.0.1:1883";

    @TempDir
    Path dir;

    final String prefix = "intake-test-" + UUID.randomUUID().toString().substring(0, 8);
    final String clientId = "ecowatch-lead-service-" + prefix;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Registry registry;
    LeadStore store;
    PipelineIntake intake;

    @BeforeEach
    void start() throws Exception {
        Services.assumeOrFail(Services.reachable(1883), "no MQTT broker on 127.0.0.1:1883");
        registry = ConfigLoader.load(Path.of("../configs/demo")).registry();
        store = LeadStore.open(new PipelineConfig.LeadStore("jdbc:h2:file:" + dir.resolve("leads").toAbsolutePath(), null, null),
                System::getenv);
        intake = startIntake();
    }

    PipelineIntake startIntake() throws Exception {
        PipelineIntake started = new PipelineIntake(new PipelineIntake.Settings(MqttConnectionSettings.of(BROKER), prefix, clientId, true),
                store, registry, meters, Clock.systemUTC());
        started.start();
        return started;
    }

    @AfterEach
    void stop() throws Exception {
        if (intake != null) {
            intake.close();
            // Leave no persistent session behind on the machine's broker.
            MqttClients.closeQuietly(MqttClients.connect(MqttConnectionSettings.of(BROKER), clientId, o -> o.setSessionExpiryInterval(0L)));
        }
        if (store != null) {
            store.close();
        }
    }

    static String lead(int version) {
        Lead lead = PipelineMessagesTest.lead();
        return new String(LeadJson.toBytes(new Lead(lead.leadId(), version, lead.enterpriseId(), lead.enterpriseName(),
                lead.district(), lead.priority(), lead.action(), lead.category(), lead.openedAt(), lead.dueBy(), lead.alerts(),
                lead.evidence(), lead.summary(), lead.repeat(), lead.zone())), StandardCharsets.UTF_8);
    }

    void publish(String kind, String... payloads) throws Exception {
        TestPublisher.publish(BROKER, prefix + "/" + kind + "/jingkai", List.of(payloads));
    }

    double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aDuplicatedOrOlderLeadMessageChangesNothing() throws Exception {
        publish("leads", lead(1), lead(2), lead(2), lead(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> count("ecowatch_leadservice_messages", "kind", "lead") == 4);
        assertThat(store.lead("lead-1").orElseThrow().message().version()).isEqualTo(2);
        assertThat(store.history("lead-1")).extracting(HistoryEntry::action).containsExactly("PUBLISHED", "UPDATED");
        assertThat(count("ecowatch_leadservice_upserts", "kind", "lead", "result", "unchanged")).isEqualTo(1);
        assertThat(count("ecowatch_leadservice_upserts", "kind", "lead", "result", "stale")).isEqualTo(1);
    }

    @Test
    void aBadMessageIsCountedAndTheNextOneIsStillStored() throws Exception {
        publish("alerts", "{not json", new String(AlertJson.toBytes(PipelineMessagesTest.alert("ent-001")), StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(20)).until(() -> store.alert("alert-1").isPresent());
        assertThat(count("ecowatch_leadservice_rejected", "kind", "alert")).isEqualTo(1);
        assertThat(store.alert("alert-1").orElseThrow().message().district()).isEqualTo("jingkai");
    }

    @Test
    void whatIsPublishedWhileTheServiceIsDownArrivesWhenItIsBack() throws Exception {
        intake.close();
        publish("leads", lead(1), lead(2));
        assertThat(store.lead("lead-1")).isEmpty();

        intake = startIntake();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(store.lead("lead-1")).hasValueSatisfying(l -> assertThat(l.message().version()).isEqualTo(2)));
        assertThat(intake.connected()).isTrue();
    }
}
