package org.ecowatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.app.faults.FaultReport.n;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.app.progress.PipelineProgress;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3: the readings store unreachable in the middle of a run. QuestDB is shut down, so that every write is
 * refused, and after the outage started again on the same ports with the same data directory, while the fleet keeps
 * publishing. The store sink retries with backoff and blocks meanwhile (docs/STORE.md), the job backpressures to its
 * MQTT source, and the broker keeps what the pipeline has not acknowledged.
 */
class StoreOutageFaultTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = InProcessPipeline.cluster();

    private static final long READINGS = FaultScale.pick(10_000L, 100_000L);
    private static final double RATE = FaultScale.pick(1_000, 5_000);
    private static final Duration OUTAGE = Duration.ofSeconds(FaultScale.pick(5, 30));
    /** How long the pipeline may make no progress before the test calls it stalled. */
    private static final Duration STALL = Duration.ofSeconds(120);

    @TempDir
    Path checkpoints;

    @Test
    void whileTheStoreIsDownTheJobWaitsThenCatchesUpStoringEveryReadingOnceWithoutFailing() throws Exception {
        EcowatchConfig demo = ConfigLoader.load(Path.of("../configs/demo"));
        ReplayInput input = ReplayInput.demoDistrict(demo, READINGS);
        Path root = SharedQuestDb.newRoot("store-outage");
        EmbeddedQuestDb store = EmbeddedQuestDb.start(root);
        ReadingsTables.create(store.httpUrl());
        int httpPort = store.httpPort();
        int pgPort = store.pgPort();
        try (MosquittoServer mosquitto = MosquittoServer.start(false);
             InProcessPipeline pipeline = InProcessPipeline.start(CLUSTER, demo, mosquitto.url(), store.httpUrl(), checkpoints,
                     Duration.ofSeconds(1))) {
            try (PipelineOutputs outputs = new PipelineOutputs(mosquitto.url(), demo.pipeline().mqtt().topicPrefix())) {
                outputs.awaitPipelineListening(60);
            }
            try (PacedPublisher publisher = new PacedPublisher(mosquitto.url(), input.messages(), RATE)) {
                FaultAwait.until(() -> publisher.progress() >= 0.3, publisher::published, STALL,
                        () -> "published " + publisher.published() + " messages");
                long publishedAtStop = publisher.published();
                long stoppedAt = System.nanoTime();
                store.close();
                PipelineProgress atStop = PipelineProgress.now();
                Thread.sleep(OUTAGE.toMillis());
                PipelineProgress atRestart = PipelineProgress.now();
                long publishedAtRestart = publisher.published();
                boolean runningThroughout = pipeline.running();
                store = EmbeddedQuestDb.start(root, httpPort, pgPort);
                long restartedAt = System.nanoTime();

                publisher.awaitDone(STALL);
                FaultAwait.stored(store, input.readings(), STALL);
                double catchUpSeconds = (System.nanoTime() - restartedAt) / 1e9;

                assertThat(StoredReadings.perSeries(store)).as("rows and distinct readings per series")
                        .isEqualTo(StoredReadings.exactlyOnce(input.expected()));
                assertThat(runningThroughout).as("job running at the end of the outage").isTrue();
                assertThat(pipeline.failures()).as("failures of the job (each a restart from its checkpoint)").isEmpty();
                FaultReport.record("store unreachable", String.format(
                        "published %s readings in %s messages at %s readings/s; QuestDB shut down at %.0f %% of the input and"
                                + " started again on its ports and data %.1f s later; meanwhile the fleet published %s messages, the"
                                + " pipeline took %s of them into its buffers and the store acknowledged %s readings; the store held"
                                + " every reading %.1f s after it was back; %s rows = %s distinct readings in %d series, each exactly"
                                + " once; the job did not fail",
                        n(input.readings()), n(input.messages().size()), n((long) RATE), 100.0 * publishedAtStop / input.messages().size(),
                        (restartedAt - stoppedAt) / 1e9, n(publishedAtRestart - publishedAtStop),
                        n(atRestart.messagesReceived() - atStop.messagesReceived()), n(atRestart.readingsStored() - atStop.readingsStored()),
                        catchUpSeconds, n(StoredReadings.total(store)), n(input.readings()), input.expected().size()));
            }
        } finally {
            store.close();
            SharedQuestDb.deleteExceptLogs(root);
        }
    }
}
