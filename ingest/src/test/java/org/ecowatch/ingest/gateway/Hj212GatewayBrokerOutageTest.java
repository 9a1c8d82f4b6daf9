package org.ecowatch.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecowatch.ingest.gateway.GatewayFixtures.bytes;
import static org.ecowatch.ingest.gateway.GatewayFixtures.outletFrame;
import static org.ecowatch.ingest.gateway.GatewayFixtures.outletTopic;
import static org.ecowatch.ingest.gateway.GatewayFixtures.text;

import java.time.Duration;
import java.util.UUID;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.TestSubscriber;
import org.junit.jupiter.api.Test;

/**
 * Acks only after the broker accepted the frame: against a Mosquitto of the test's own, stopped and restarted while a
 * logger is connected. Skipped without Mosquitto (unless ECOWATCH_REQUIRE_SERVICES=true).
 */
class Hj212GatewayBrokerOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void whileTheBrokerIsDownAFrameIsNotAcknowledgedAndOnceItIsBackTheFrameIsPublishedAndAcknowledged() throws Exception {
        String prefix = GatewayFixtures.uniquePrefix();
        String subscriberId = "gw-outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (MosquittoServer mosquitto = MosquittoServer.start(true)) {
            // A session that survives the restart, so what the gateway publishes meanwhile is kept for us.
            TestSubscriber.persistent(mosquitto.url(), subscriberId, outletTopic(prefix)).close();
            try (Hj212Gateway gateway = new Hj212Gateway(GatewayFixtures.options(mosquitto.url(), prefix))) {
                gateway.start();
                try (LoggerSocket logger = LoggerSocket.connect(gateway.port())) {
                    Hj212Frame before = outletFrame(1, true);
                    logger.send(bytes(before));
                    assertThat(logger.awaitFrame(WAIT).qn()).isEqualTo(before.qn());

                    mosquitto.stop();
                    await().atMost(WAIT).until(() -> !gateway.stats().brokerConnected());
                    Hj212Frame during = outletFrame(2, true);
                    logger.send(bytes(during));
                    assertThat(logger.silentFor(Duration.ofMillis(1500))).as("no ack while the broker is down").isTrue();
                    assertThat(gateway.stats().framesPublished()).isEqualTo(1);

                    mosquitto.restart();
                    assertThat(logger.awaitFrame(WAIT).qn()).as("acked once the broker took it").isEqualTo(during.qn());
                    assertThat(gateway.stats().brokerConnected()).isTrue();
                    assertThat(gateway.stats().framesPublished()).isEqualTo(2);
                    assertThat(gateway.stats().publishFailures()).isZero();

                    try (TestSubscriber outlet = TestSubscriber.persistent(mosquitto.url(), subscriberId, outletTopic(prefix))) {
                        assertThat(outlet.await(2, WAIT)).containsSubsequence(text(before), text(during));
                    }
                }
            }
        }
    }

    @Test
    void aFramePublishedToAStalledBrokerIsAcknowledgedOnlyOnceTheBrokerAcknowledgesIt() throws Exception {
        String prefix = GatewayFixtures.uniquePrefix();
        try (MosquittoServer mosquitto = MosquittoServer.start(false);
             Hj212Gateway gateway = new Hj212Gateway(GatewayFixtures.options(mosquitto.url(), prefix))) {
            gateway.start();
            await().atMost(WAIT).until(() -> gateway.stats().brokerConnected());
            try (LoggerSocket logger = LoggerSocket.connect(gateway.port());
                 TestSubscriber outlet = TestSubscriber.subscribe(mosquitto.url(), outletTopic(prefix))) {
                // The connection stays up, so the gateway reads and publishes the frame, but no PUBACK comes.
                mosquitto.freeze();
                Hj212Frame frame = outletFrame(1, true);
                logger.send(bytes(frame));
                assertThat(logger.silentFor(Duration.ofMillis(1500))).as("no ack before the PUBACK").isTrue();
                assertThat(gateway.stats().brokerConnected()).isTrue();

                mosquitto.thaw();
                assertThat(logger.awaitFrame(WAIT).qn()).isEqualTo(frame.qn());
                assertThat(outlet.await(1, WAIT)).containsExactly(text(frame));
            }
        }
    }

    @Test
    void aGatewayStartedWhileTheBrokerIsDownAcceptsLoggersAndDeliversTheirFramesOnceItComesUp() throws Exception {
        String prefix = GatewayFixtures.uniquePrefix();
        try (MosquittoServer mosquitto = MosquittoServer.start(false)) {
            mosquitto.stop();
            try (Hj212Gateway gateway = new Hj212Gateway(GatewayFixtures.options(mosquitto.url(), prefix))) {
                gateway.start();
                try (LoggerSocket logger = LoggerSocket.connect(gateway.port())) {
                    Hj212Frame frame = outletFrame(1, true);
                    logger.send(bytes(frame));
                    assertThat(logger.silentFor(Duration.ofMillis(1000))).isTrue();

                    mosquitto.restart();
                    assertThat(logger.awaitFrame(WAIT).qn()).isEqualTo(frame.qn());
                    assertThat(gateway.stats().framesPublished()).isEqualTo(1);
                }
            }
        }
    }
}
