package org.ecowatch.ingest.mqtt.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MqttSourceBuilderTest {

    private static MqttSourceBuilder valid() {
        return MqttSource.builder().setServerUri("tcp://127.0.0.1:1883").setTopicFilters("ecowatch/v1/telemetry/#");
    }

    @Nested
    class Defaults {

        @Test
        void areTheDocumentedOnes() {
            MqttSourceConfig config = valid().build().config();
            assertThat(config.sharedGroup()).isEqualTo("ecowatch");
            assertThat(config.clientIdPrefix()).isEqualTo("ecowatch-source");
            assertThat(config.sessions()).as("the source parallelism, decided by the enumerator").isNull();
            assertThat(config.sessionExpiry()).isEqualTo(Duration.ofDays(1));
            assertThat(config.receiveMaximum()).isEqualTo(65535);
            assertThat(config.queueCapacity()).isEqualTo(131070);
            assertThat(config.qos()).isEqualTo(1);
        }

        @Test
        void makeAnUnboundedSourceOfSharedSubscriptions() {
            MqttSource source = valid().setTopicFilters("a/#", "b/+/c").setSharedGroup("g").build();
            assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
            assertThat(source.config().subscriptionFilters()).containsExactly("$share/g/a/#", "$share/g/b/+/c");
            assertThat(source.config().clientId(3)).isEqualTo("ecowatch-source-3");
        }
    }

    @Nested
    class Rejects {

        @Test
        void aMissingServerUriAndTopicFiltersNamingBothOptions() {
            assertThatThrownBy(() -> MqttSource.builder().build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mqtt.server-uri")
                    .hasMessageContaining("mqtt.source.topic-filters");
        }

        @Test
        void aServerUriWithoutAScheme() {
            assertThatThrownBy(() -> valid().setServerUri("127.0.0.1:1883").build())
                    .hasMessageContaining("mqtt.server-uri");
        }

        @Test
        void topicFiltersWithMisplacedWildcardsOrTheirOwnSharePrefix() {
            assertThatThrownBy(() -> valid().setTopicFilters("a/#/b", "a+/b", "$share/g/a").build())
                    .hasMessageContaining("'a/#/b'")
                    .hasMessageContaining("'a+/b'")
                    .hasMessageContaining("'$share/g/a'");
        }

        @Test
        void aReceiveMaximumOutOfRange() {
            assertThatThrownBy(() -> valid().setReceiveMaximum(0).build())
                    .hasMessageContaining("mqtt.source.receive-maximum");
            assertThatThrownBy(() -> valid().setReceiveMaximum(70_000).build())
                    .hasMessageContaining("mqtt.source.receive-maximum");
        }

        @Test
        void aQueueSmallerThanTheReceiveMaximum() {
            assertThatThrownBy(() -> valid().setReceiveMaximum(100).setQueueCapacity(99).build())
                    .hasMessageContaining("mqtt.source.queue-capacity");
        }

        @Test
        void qos2AndAnInvertedBackoffAndABadGroupAndPrefix() {
            assertThatThrownBy(() -> valid()
                            .setQos(2)
                            .setReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1))
                            .setSharedGroup("a/b")
                            .setClientIdPrefix("has space")
                            .build())
                    .hasMessageContaining("mqtt.source.qos")
                    .hasMessageContaining("mqtt.source.reconnect-backoff.max")
                    .hasMessageContaining("mqtt.source.shared-group")
                    .hasMessageContaining("mqtt.source.client-id-prefix");
        }

        @Test
        void aSessionExpiryOfZeroBecauseUnacknowledgedMessagesLiveInTheSession() {
            assertThatThrownBy(() -> valid().setSessionExpiry(Duration.ZERO).build())
                    .hasMessageContaining("mqtt.source.session-expiry");
        }

        @Test
        void plainSubscriptionsWithMoreThanOneSessionOrAnUnsetCount() {
            assertThatThrownBy(() -> valid().setSharedSubscription(false).build())
                    .hasMessageContaining("mqtt.source.shared-subscription");
            assertThatThrownBy(() -> valid().setSharedSubscription(false).setSessions(2).build())
                    .hasMessageContaining("mqtt.source.sessions = 1");
        }

        @Test
        void zeroSessions() {
            assertThatThrownBy(() -> valid().setSessions(0).build()).hasMessageContaining("mqtt.source.sessions");
        }
    }

    @Test
    void subscribesThePlainFiltersOfASingleSessionWhenSharingIsOff() {
        MqttSourceConfig config = valid().setSessions(1).setSharedSubscription(false).build().config();

        assertThat(config.subscriptionFilters()).containsExactly("ecowatch/v1/telemetry/#");
    }

    @Test
    void takesItsOptionsFromAFlinkConfiguration() {
        Configuration conf = new Configuration();
        conf.set(MqttSourceOptions.SERVER_URI, "ssl://broker.example:8883");
        conf.set(MqttSourceOptions.USERNAME, "ecowatch");
        conf.set(MqttSourceOptions.PASSWORD_ENV, "ECOWATCH_MQTT_PASSWORD");
        conf.set(MqttSourceOptions.TOPIC_FILTERS, List.of("x/#"));
        conf.set(MqttSourceOptions.SESSIONS, 4);

        MqttSourceConfig config = MqttSource.builder().setConfiguration(conf).build().config();

        assertThat(config.connection().serverUri()).isEqualTo("ssl://broker.example:8883");
        assertThat(config.connection().username()).isEqualTo("ecowatch");
        assertThat(config.connection().passwordEnv()).isEqualTo("ECOWATCH_MQTT_PASSWORD");
        assertThat(config.sessions()).isEqualTo(4);
    }
}
