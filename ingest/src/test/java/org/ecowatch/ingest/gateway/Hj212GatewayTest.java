package org.ecowatch.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecowatch.ingest.gateway.GatewayFixtures.OUTLET_MN;
import static org.ecowatch.ingest.gateway.GatewayFixtures.STACK_MN;
import static org.ecowatch.ingest.gateway.GatewayFixtures.UNKNOWN_MN;
import static org.ecowatch.ingest.gateway.GatewayFixtures.bytes;
import static org.ecowatch.ingest.gateway.GatewayFixtures.concat;
import static org.ecowatch.ingest.gateway.GatewayFixtures.frame;
import static org.ecowatch.ingest.gateway.GatewayFixtures.json;
import static org.ecowatch.ingest.gateway.GatewayFixtures.outletFrame;
import static org.ecowatch.ingest.gateway.GatewayFixtures.outletTopic;
import static org.ecowatch.ingest.gateway.GatewayFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Reasons;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.ecowatch.ingest.testing.TestSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway between real TCP sockets on loopback and the shared embedded HiveMQ. */
class Hj212GatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String prefix;
    private TestSubscriber deviceTopic;
    private TestSubscriber deadLetters;

    @BeforeEach
    void subscribe() throws Exception {
        prefix = GatewayFixtures.uniquePrefix();
        deviceTopic = closing(TestSubscriber.subscribe(SharedEmbeddedBroker.url(), prefix + "/hj212/#"));
        deadLetters = closing(TestSubscriber.subscribe(SharedEmbeddedBroker.url(), prefix + "/deadletter"));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void framesArriveByteIdenticalOnTheirDevicesTopicAndOnlyThoseAskingForAnAckAreAcknowledged() throws Exception {
        Hj212Gateway gateway = gateway(o -> o);
        LoggerSocket logger = closing(LoggerSocket.connect(gateway.port()));
        try (TestSubscriber outlet = TestSubscriber.subscribe(SharedEmbeddedBroker.url(), outletTopic(prefix))) {
            Hj212Frame noAck = outletFrame(1, false);
            Hj212Frame withAck = outletFrame(2, true);
            logger.send(bytes(noAck));
            logger.send(bytes(withAck));

            assertThat(outlet.await(2, WAIT)).containsExactly(text(noAck), text(withAck));
        }
        // Acks go out in publish order, so an ack for the first frame would come first.
        Hj212Frame ack = logger.awaitFrame(WAIT);
        assertThat(ack.cn()).isEqualTo("9014");
        assertThat(ack.st()).isEqualTo("91");
        assertThat(ack.qn()).isEqualTo(outletFrame(2, true).qn());
        assertThat(ack.mn()).isEqualTo(OUTLET_MN);
        assertThat(ack.flag()).isEqualTo(4);
        assertThat(ack.ackRequested()).isFalse();
        assertThat(logger.silentFor(QUIET)).isTrue();
        assertThat(gateway.stats().framesPublished()).isEqualTo(2);
        assertThat(gateway.stats().acksSent()).isEqualTo(1);
        assertThat(deadLetters.payloads()).isEmpty();
    }

    @Test
    void framesOfTwoDevicesOnOneConnectionGoToEachDevicesOwnTopic() throws Exception {
        Hj212Gateway gateway = gateway(o -> o);
        LoggerSocket logger = closing(LoggerSocket.connect(gateway.port()));
        Hj212Frame stack = frame(STACK_MN, null, 3, true);
        logger.send(concat(bytes(outletFrame(1, true)), bytes(stack)));

        assertThat(logger.awaitFrame(WAIT).mn()).isEqualTo(OUTLET_MN);
        assertThat(logger.awaitFrame(WAIT).mn()).isEqualTo(STACK_MN);
        try (TestSubscriber stackTopic = TestSubscriber.subscribe(SharedEmbeddedBroker.url(),
                TelemetryTopic.hj212Topic(prefix, GatewayFixtures.ENTERPRISE, GatewayFixtures.STACK))) {
            logger.send(bytes(stack));
            assertThat(stackTopic.await(1, WAIT)).containsExactly(text(stack));
        }
    }

    @Test
    void framesSplitByteByByteOrGluedInOneWriteAllArriveAndAreAcknowledged() throws Exception {
        Hj212Gateway gateway = gateway(o -> o);
        LoggerSocket logger = closing(LoggerSocket.connect(gateway.port()));
        Hj212Frame first = outletFrame(1, true);
        Hj212Frame second = outletFrame(2, true);
        Hj212Frame third = outletFrame(3, true);
        Hj212Frame fourth = outletFrame(4, true);
        byte[] glued = concat(bytes(first), bytes(second), bytes(third));
        // and one glued without its CRLF, as some loggers do
        byte[] fourthWithoutCrLf = java.util.Arrays.copyOf(bytes(fourth), bytes(fourth).length - 2);

        logger.sendByteByByte(bytes(first));
        logger.send(concat(glued, fourthWithoutCrLf));
        logger.sendByteByByte(bytes(second));

        assertThat(deviceTopic.await(6, WAIT)).containsExactly(
                text(first), text(first), text(second), text(third), text(fourth), text(second));
        List<String> ackedQns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ackedQns.add(logger.awaitFrame(WAIT).qn());
        }
        assertThat(ackedQns).containsExactly(first.qn(), first.qn(), second.qn(), third.qn(), fourth.qn(), second.qn());
        assertThat(deadLetters.payloads()).isEmpty();
    }

    @Test
    void anUnknownMnABadCrcOrAWrongPasswordIsDeadLetteredNeverPublishedAndNeverAcknowledged() throws Exception {
        Hj212Gateway gateway = gateway(o -> o);
        LoggerSocket logger = closing(LoggerSocket.connect(gateway.port()));
        byte[] unknown = bytes(frame(UNKNOWN_MN, "123456", 1, true));
        byte[] badCrc = bytes(outletFrame(2, true));
        int crcDigit = badCrc.length - 3; // the last CRC digit, before CRLF
        badCrc[crcDigit] = (byte) (badCrc[crcDigit] == '0' ? '1' : '0');
        byte[] wrongPassword = bytes(frame(OUTLET_MN, "654321", 3, true));
        Hj212Frame good = outletFrame(4, true);

        logger.send(concat(unknown, badCrc, wrongPassword));
        logger.send(bytes(good));

        assertThat(logger.awaitFrame(WAIT).qn()).as("the first ack is the good frame's").isEqualTo(good.qn());
        List<String> letters = deadLetters.await(3, WAIT);
        assertThat(letters).extracting(l -> json(l).get("reason").asText())
                .containsExactly(Hj212Reasons.MN_UNKNOWN, Hj212Reasons.CRC, Hj212Reasons.PASSWORD);
        for (int i = 0; i < 3; i++) {
            JsonNode letter = json(letters.get(i));
            assertThat(letter.get("schema").asText()).isEqualTo("ecowatch.deadletter/1");
            assertThat(letter.get("topic").asText()).startsWith("tcp://127.0.0.1:");
            assertThat(letter.get("detail").asText()).isNotBlank().doesNotContain(GatewayFixtures.OUTLET_PW);
            byte[] sent = List.of(unknown, badCrc, wrongPassword).get(i);
            assertThat(Base64.getDecoder().decode(letter.get("payloadBase64").asText()))
                    .as("the frame as received, without its CRLF")
                    .isEqualTo(java.util.Arrays.copyOf(sent, sent.length - 2));
        }
        assertThat(deviceTopic.await(1, WAIT)).containsExactly(text(good));
        assertThat(logger.silentFor(QUIET)).isTrue();
        assertThat(deviceTopic.payloads()).hasSize(1);
        assertThat(gateway.stats().rejectedByReason()).containsEntry(Hj212Reasons.MN_UNKNOWN, 1L)
                .containsEntry(Hj212Reasons.CRC, 1L).containsEntry(Hj212Reasons.PASSWORD, 1L);
    }

    @Test
    void garbageAroundFramesIsDeadLetteredAndTheFramesAfterItStillArrive() throws Exception {
        Hj212Gateway gateway = gateway(o -> o);
        LoggerSocket logger = closing(LoggerSocket.connect(gateway.port()));
        Hj212Frame good = outletFrame(1, true);

        logger.send(concat("AT+CSQ\r\nOK\r\n".getBytes(StandardCharsets.US_ASCII), bytes(good)));

        assertThat(logger.awaitFrame(WAIT).qn()).isEqualTo(good.qn());
        assertThat(deviceTopic.await(1, WAIT)).containsExactly(text(good));
        JsonNode letter = json(deadLetters.await(1, WAIT).get(0));
        assertThat(letter.get("reason").asText()).isEqualTo(Hj212Reasons.GARBAGE);
        assertThat(letter.get("detail").asText()).contains("AT+CSQ");
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeoutButATalkativeOneIsNot() throws Exception {
        Hj212Gateway gateway = gateway(o -> o.withIdleTimeout(Duration.ofMillis(400)));
        LoggerSocket silent = closing(LoggerSocket.connect(gateway.port()));
        LoggerSocket talkative = closing(LoggerSocket.connect(gateway.port()));

        for (int i = 0; i < 8; i++) {
            talkative.send(bytes(outletFrame(i, true)));
            assertThat(talkative.awaitFrame(WAIT).qn()).isEqualTo(outletFrame(i, true).qn());
            Thread.sleep(150);
        }

        assertThat(silent.closedWithin(Duration.ofSeconds(3))).isTrue();
        talkative.send(bytes(outletFrame(9, true)));
        assertThat(talkative.awaitFrame(WAIT).qn()).isEqualTo(outletFrame(9, true).qn());
        assertThat(talkative.closedWithin(Duration.ofSeconds(3))).as("idle once it stops talking").isTrue();
        assertThat(gateway.stats().connectionsClosedIdle()).isEqualTo(2);
    }

    @Test
    void connectionsBeyondTheMaximumAreClosedAtOnceWhileTheOthersCarryOn() throws Exception {
        Hj212Gateway gateway = gateway(o -> o.withMaxConnections(2));
        LoggerSocket first = closing(LoggerSocket.connect(gateway.port()));
        LoggerSocket second = closing(LoggerSocket.connect(gateway.port()));
        await().atMost(WAIT).until(() -> gateway.stats().connectionsOpen() == 2);

        LoggerSocket third = closing(LoggerSocket.connect(gateway.port()));
        assertThat(third.closedWithin(Duration.ofSeconds(3))).isTrue();

        first.send(bytes(outletFrame(1, true)));
        second.send(bytes(outletFrame(2, true)));
        assertThat(first.awaitFrame(WAIT).qn()).isEqualTo(outletFrame(1, true).qn());
        assertThat(second.awaitFrame(WAIT).qn()).isEqualTo(outletFrame(2, true).qn());
        assertThat(gateway.stats().connectionsRefused()).isEqualTo(1);
        assertThat(gateway.stats().connectionsAccepted()).isEqualTo(2);

        first.close();
        await().atMost(WAIT).until(() -> gateway.stats().connectionsOpen() == 1);
        LoggerSocket fourth = closing(LoggerSocket.connect(gateway.port()));
        fourth.send(bytes(outletFrame(4, true)));
        assertThat(fourth.awaitFrame(WAIT).qn()).as("a freed place is taken again").isEqualTo(outletFrame(4, true).qn());
    }

    @Test
    void anOversizeFrameIsSkippedWithoutBeingBufferedAndTheConnectionCarriesOn() throws Exception {
        Hj212Gateway gateway = gateway(o -> o.withMaxDataLength(1024));
        LoggerSocket logger = closing(LoggerSocket.connect(gateway.port()));
        StringBuilder cp = new StringBuilder("QN=20261127080000001;ST=32;CN=2011;PW=123456;MN=" + OUTLET_MN
                + ";Flag=5;CP=&&DataTime=20261127080000");
        for (int i = 0; cp.length() < 6000; i++) {
            cp.append(";w").append(90000 + i).append("-Rtd=1.0,w").append(90000 + i).append("-Flag=N");
        }
        byte[] oversize = Hj212Encoder.frame(cp.append("&&").toString());
        int half = oversize.length / 2;

        logger.send(java.util.Arrays.copyOf(oversize, half));
        await().atMost(WAIT).until(() -> gateway.stats().rejected(Hj212Reasons.TOO_LARGE) == 1);
        assertThat(gateway.largestHeldFrame()).as("bytes held while the oversize frame streams in").isZero();
        logger.send(java.util.Arrays.copyOfRange(oversize, half, oversize.length));
        Hj212Frame good = outletFrame(1, true);
        logger.send(bytes(good));

        assertThat(logger.awaitFrame(WAIT).qn()).isEqualTo(good.qn());
        assertThat(deviceTopic.await(1, WAIT)).containsExactly(text(good));
        assertThat(json(deadLetters.await(1, WAIT).get(0)).get("reason").asText()).isEqualTo(Hj212Reasons.TOO_LARGE);
        assertThat(gateway.stats().rejected()).as("the skipped bytes are not reported again as garbage").isEqualTo(1);
    }

    @Test
    void aClientThatNeverReadsItsAcksIsClosedInsteadOfBufferingThemWithoutBound() throws Exception {
        Hj212Gateway gateway = gateway(o -> o.withMaxDataLength(1024).withMaxBufferedBytesPerConnection(4096));
        LoggerSocket deaf = closing(LoggerSocket.connect(gateway.port(), 1024));
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        byte[] frame = bytes(outletFrame(1, true));
        Thread writer = new Thread(() -> {
            try {
                while (sent.get() < 50_000) {
                    deaf.send(frame);
                    sent.incrementAndGet();
                }
            } catch (IOException e) {
                stopped.set(e);
            }
        }, "deaf-logger");
        writer.setDaemon(true);
        writer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.stats().connectionsClosedUnreadAcks() == 1);
        writer.join(10_000);
        assertThat(stopped.get()).as("the deaf logger's writes fail once it is closed").isInstanceOf(IOException.class);
        assertThat(gateway.stats().connectionsOpen()).isZero();
        assertThat(sent.get()).isLessThan(50_000);
    }

    private Hj212Gateway gateway(UnaryOperator<Hj212GatewayOptions> adjust) {
        Hj212Gateway gateway = closing(new Hj212Gateway(adjust.apply(GatewayFixtures.options(SharedEmbeddedBroker.url(), prefix))));
        gateway.start();
        await().atMost(WAIT).until(() -> gateway.stats().brokerConnected());
        return gateway;
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
