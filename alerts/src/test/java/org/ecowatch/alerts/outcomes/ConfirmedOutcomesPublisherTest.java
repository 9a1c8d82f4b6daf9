package org.ecowatch.alerts.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.ecowatch.ingest.testing.TestSubscriber;
import org.junit.jupiter.api.Test;

/** The lead service's side, against real brokers: what it publishes is what a subscriber gets, later too. */
class ConfirmedOutcomesPublisherTest {
    static final String PREFIX = "publisher-test/v1";
    static final ConfirmedOutcomes TWO = new ConfirmedOutcomes("ent-001", List.of(OutcomesJsonTest.FIRST, OutcomesJsonTest.SECOND));

    /** What a subscriber that connects now receives on the enterprise's topic: the retained message, if any. */
    static List<ConfirmedOutcomes> retained(String brokerUrl) throws Exception {
        try (TestSubscriber later = TestSubscriber.subscribe(brokerUrl, OutcomesTopic.of(PREFIX, "ent-001"))) {
            later.await(1, Duration.ofSeconds(10));
            Thread.sleep(300); // a second message, if one were retained too, would be here by now
            List<ConfirmedOutcomes> received = new java.util.ArrayList<>();
            for (String payload : later.payloads()) {
                received.add(OutcomesJson.parse(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return received;
        }
    }

    @Test
    void aSubscriberThatComesLaterGetsOnlyTheNewestListAlsoAfterTheBrokerRestarted() throws Exception {
        try (MosquittoServer mosquitto = MosquittoServer.start(true);
             ConfirmedOutcomesPublisher publisher = new ConfirmedOutcomesPublisher(MqttConnectionSettings.of(mosquitto.url()), PREFIX)) {
            publisher.publish("ent-001", List.of(OutcomesJsonTest.FIRST));
            publisher.publish("ent-001", TWO.confirmed());
            assertThat(retained(mosquitto.url())).containsExactly(TWO);

            mosquitto.restart();
            publisher.publish("ent-001", List.of(OutcomesJsonTest.SECOND)); // on a new connection
            assertThat(retained(mosquitto.url())).containsExactly(new ConfirmedOutcomes("ent-001", List.of(OutcomesJsonTest.SECOND)));
        }
    }

    @Test
    void worksTheSameOnTheEmbeddedBroker() throws Exception {
        try (ConfirmedOutcomesPublisher publisher = new ConfirmedOutcomesPublisher(
                MqttConnectionSettings.of(SharedEmbeddedBroker.url()), PREFIX)) {
            publisher.publish("ent-001", TWO.confirmed());
            assertThat(retained(SharedEmbeddedBroker.url())).containsExactly(TWO);
            publisher.publish("ent-001", List.of());
            assertThat(retained(SharedEmbeddedBroker.url())).containsExactly(new ConfirmedOutcomes("ent-001", List.of()));
        }
    }

    @Test
    void refusesOutcomesOfAnotherEnterpriseAndBadIdsBeforeConnecting() {
        ConfirmedOutcomesPublisher publisher = new ConfirmedOutcomesPublisher(MqttConnectionSettings.of("tcp://127.0.0.1:1"), PREFIX);
        assertThatThrownBy(() -> publisher.publish("ent-002", List.of(OutcomesJsonTest.FIRST)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to ent-001, not to ent-002");
        assertThatThrownBy(() -> publisher.publish("ent/001", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysWhichBrokerItCouldNotReach() {
        try (ConfirmedOutcomesPublisher publisher = new ConfirmedOutcomesPublisher(MqttConnectionSettings.of("tcp://127.0.0.1:1"), PREFIX)) {
            assertThatThrownBy(() -> publisher.publish("ent-001", List.of()))
                    .isInstanceOf(IOException.class).hasMessageContaining("ent-001").hasMessageContaining("tcp://127.0.0.1:1");
        }
    }
}
