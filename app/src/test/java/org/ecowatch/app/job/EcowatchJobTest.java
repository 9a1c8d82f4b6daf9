package org.ecowatch.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import java.time.ZoneId;
import org.ecowatch.ingest.gateway.Hj212Gateway;
import org.ecowatch.ingest.gateway.Hj212GatewayOptions;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Version;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled ingestion job against real servers: the embedded broker (HiveMQ) and a Mosquitto of the
 * test's own, the embedded store (QuestDB). Each test uses its own enterprise of the demo district so the
 * counts of one test are not disturbed by another's.
 */
class EcowatchJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final SharedQuestDb STORE = new SharedQuestDb();

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path checkpoints;

    @Test
    void storesEveryReadingPublishedAtQos1ExactlyOnceAndDeadLettersEachBadMessageWithItsReason() throws Exception {
        verifyIngestion(SharedEmbeddedBroker.url(), true, "ent-001");
    }

    @Test
    void doesTheSameThroughMosquitto() throws Exception {
        try (MosquittoServer mosquitto = MosquittoServer.start(false)) {
            verifyIngestion(mosquitto.url(), false, "ent-002");
        }
    }

    private void verifyIngestion(String brokerUrl, boolean embedded, String enterprise) throws Exception {
        String device = "ww-01";
        String topic = PipelineHarness.prefix() + "/telemetry/" + enterprise + "/" + device;
        List<String> valid = Batches.valid(150, Batches.MORNING, "w01018", "w21003");
        try (PipelineHarness pipeline = new PipelineHarness(brokerUrl, embedded);
             TestPublisher publisher = new TestPublisher(brokerUrl)) {
            pipeline.start(STORE.httpUrl(), sink -> sink, checkpoints);

            publisher.send(topic, valid.subList(0, 75));
            publisher.send(topic, List.of("{\"ts\":1764201600000,\"readings\":[{\"metric\""));
            publisher.send(topic, List.of("{\"ts\":1764201600000,\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}" + " ".repeat(70_000)));
            publisher.send(PipelineHarness.prefix() + "/telemetry/" + enterprise + "/no-such-device", valid.subList(0, 1));
            publisher.send(topic, List.of("{\"device\":\"ent-999/ww-01\",\"ts\":1764201600000,\"readings\":[{\"metric\":\"w01018\",\"value\":1}]}"));
            publisher.send(topic, valid.subList(75, 150));

            awaitStored(enterprise, device, 300);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(pipeline.deadLetterReasons())
                    .containsExactlyInAnyOrder("json.malformed", "payload.too-large", "device.unknown", "device.mismatch"));
            assertThat(STORE.queryLong(PipelineHarness.countDistinctRows(enterprise, device))).isEqualTo(300);
            assertThat(pipeline.deadLetters).hasSizeGreaterThan(4).allSatisfy(dl -> {
                assertThat(dl.get("schema").asText()).isEqualTo("ecowatch.deadletter/1");
                assertThat(dl.get("payloadBase64").asText()).isNotEmpty();
                assertThat(dl.get("detail").asText()).isNotBlank();
            });
        }
    }

    @Test
    void storesHj212FramesPublishedOverMqttWholeOrSplitAndSentThroughTheGateway() throws Exception {
        String enterprise = "ent-004";
        String device = "ww-01";
        String topic = PipelineHarness.prefix() + "/hj212/" + enterprise + "/" + device;
        try (PipelineHarness pipeline = new PipelineHarness(SharedEmbeddedBroker.url(), true);
             TestPublisher publisher = new TestPublisher(SharedEmbeddedBroker.url());
             Hj212Gateway gateway = new Hj212Gateway(Hj212GatewayOptions.defaults(
                     MqttConnectionSettings.of(SharedEmbeddedBroker.url()), PipelineHarness.prefix(), PipelineHarness.DEMO.registry()))) {
            pipeline.start(STORE.httpUrl(), sink -> sink, checkpoints);
            gateway.start();

            List<String> overMqtt = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                overMqtt.add(new String(Hj212Encoder.encode(Frames.outlet(i)), java.nio.charset.StandardCharsets.US_ASCII));
            }
            publisher.send(topic, overMqtt);
            List<byte[]> packets = Hj212Encoder.encodeSplit(Frames.outlet(10), 160);
            assertThat(packets).as("packets of the split frame").hasSizeGreaterThan(1);
            for (byte[] packet : packets) {
                publisher.send(topic, List.of(new String(packet, java.nio.charset.StandardCharsets.US_ASCII)));
            }
            try (java.net.Socket logger = new java.net.Socket("127.0.0.1", gateway.port())) {
                for (int i = 11; i < 21; i++) {
                    logger.getOutputStream().write(Hj212Encoder.encode(Frames.outlet(i).withAckRequested(true)));
                }
                logger.getOutputStream().flush();
                await().atMost(PATIENCE).until(() -> gateway.stats().acksSent() == 10);
            }

            awaitStored(enterprise, device, 21 * 3);
            assertThat(pipeline.deadLetterReasons()).isEmpty();
        }
    }

    /** HJ 212 real-time frames of ent-004's outlet, one a minute. */
    static final class Frames {
        static Hj212Frame outlet(int minute) {
            long ts = Batches.MORNING.plusSeconds(60L * minute).toEpochMilli();
            ZoneId cst = ZoneId.of("Asia/Shanghai");
            List<Reading> readings = List.of(
                    Reading.realTime("ent-004", "ww-01", "w01018", ts, 40 + minute, "N"),
                    Reading.realTime("ent-004", "ww-01", "w21003", ts, 2.5, "N"),
                    Reading.realTime("ent-004", "ww-01", "w01001", ts, 7.0, "N"));
            return new Hj212Encoder.DataSource(Hj212Version.HJ_212_2017, cst, "32", "43011200000004", null)
                    .dataFrame(Hj212Encoder.qn(ts, cst), readings);
        }
    }

    @Test
    void afterAFailureBetweenCheckpointsRestoresAndStoresEveryReadingOnce() throws Exception {
        String enterprise = "ent-003";
        String device = PipelineHarness.DEMO.registry().enterprise(enterprise).orElseThrow().devices().get(0).id();
        List<String> metrics = PipelineHarness.DEMO.registry().device(enterprise, device).orElseThrow().metrics().subList(0, 2);
        String topic = PipelineHarness.prefix() + "/telemetry/" + enterprise + "/" + device;
        List<String> batches = Batches.valid(400, Batches.MORNING, metrics.toArray(String[]::new));
        FailOnce.reset(300);
        try (PipelineHarness pipeline = new PipelineHarness(SharedEmbeddedBroker.url(), true);
             TestPublisher publisher = new TestPublisher(SharedEmbeddedBroker.url())) {
            pipeline.start(STORE.httpUrl(), FailOnce::new, checkpoints);

            publisher.send(topic, batches.subList(0, 200));
            await().atMost(PATIENCE).until(FailOnce.FAILED::get);
            publisher.send(topic, batches.subList(200, 400));

            awaitStored(enterprise, device, 800);
            assertThat(STORE.queryLong(PipelineHarness.countDistinctRows(enterprise, device))).isEqualTo(800);
            assertThat(FailOnce.WRITTEN.get()).as("readings written, counting those replayed after the failure")
                    .isGreaterThan(800);
        }
    }

    /** Waits for the store to hold {@code expected} rows; on time-out says how far the pipeline got. */
    private static void awaitStored(String enterprise, String device, long expected) {
        try {
            STORE.awaitCount(PipelineHarness.countRows(enterprise, device), expected);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("store holds " + STORE.queryLong(PipelineHarness.countRows(enterprise, device))
                    + " of " + expected + " rows", e);
        }
    }

    /** Wraps the store sink and fails the job once, after some readings were written but before a checkpoint covered them. */
    record FailOnce(Sink<Reading> delegate) implements Sink<Reading> {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger WRITTEN = new AtomicInteger();
        static volatile int failAfter;

        static void reset(int after) {
            FAILED.set(false);
            WRITTEN.set(0);
            failAfter = after;
        }

        @Override
        public SinkWriter<Reading> createWriter(WriterInitContext context) throws java.io.IOException {
            SinkWriter<Reading> writer = delegate.createWriter(context);
            return new SinkWriter<>() {
                @Override
                public void write(Reading reading, Context ctx) throws java.io.IOException, InterruptedException {
                    writer.write(reading, ctx);
                    if (WRITTEN.incrementAndGet() >= failAfter && FAILED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure between checkpoints");
                    }
                }

                @Override
                public void flush(boolean endOfInput) throws java.io.IOException, InterruptedException {
                    writer.flush(endOfInput);
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}
