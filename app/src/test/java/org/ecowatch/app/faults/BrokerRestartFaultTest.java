package org.ecowatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.app.faults.FaultReport.n;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 2: the broker restarted in the middle of a run. Mosquitto (with persistence, as DESIGN.md says to run it) is
 * stopped the way an operator stops it and started again on the same port while the fleet keeps publishing; the
 * devices reconnect a second later and send again what the broker had not acknowledged. The pipeline runs on plain
 * subscriptions ({@code mqtt.sharedSubscription: false}), as docs/DEPLOY.md says for Mosquitto 2.0: it does not keep
 * shared subscriptions across its restart, so on them what devices publish before the pipeline has subscribed again is
 * dropped (this test once lost 332 readings so, when the fleet reconnected first).
 */
class BrokerRestartFaultTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = InProcessPipeline.cluster();

    @RegisterExtension
    static final SharedQuestDb STORE = new SharedQuestDb();

    private static final long READINGS = FaultScale.pick(10_000L, 100_000L);
    private static final double RATE = FaultScale.pick(1_000, 5_000);
    /** How long the pipeline may make no progress before the test calls it stalled. */
    private static final Duration STALL = Duration.ofSeconds(120);

    @TempDir
    Path checkpoints;

    @Test
    void afterTheBrokerRestartsMidRunThePipelineReconnectsAndStoresEveryPublishedReadingOnce() throws Exception {
        EcowatchConfig demo = onPlainSubscriptions(ConfigLoader.load(Path.of("../configs/demo")));
        ReplayInput input = ReplayInput.demoDistrict(demo, READINGS);
        try (MosquittoServer mosquitto = MosquittoServer.start(true);
             InProcessPipeline pipeline = InProcessPipeline.start(CLUSTER, demo, mosquitto.url(), STORE.httpUrl(), checkpoints,
                     Duration.ofSeconds(1))) {
            try (PipelineOutputs outputs = new PipelineOutputs(mosquitto.url(), demo.pipeline().mqtt().topicPrefix())) {
                outputs.awaitPipelineListening(60);
            }
            try (PacedPublisher publisher = new PacedPublisher(mosquitto.url(), input.messages(), RATE)) {
                FaultAwait.until(() -> publisher.progress() >= 0.4, publisher::published, STALL,
                        () -> "published " + publisher.published() + " messages");
                double restartedAtShare = publisher.progress();
                long before = System.nanoTime();
                mosquitto.restart();
                long restartMillis = (System.nanoTime() - before) / 1_000_000;
                publisher.awaitDone(STALL);
                FaultAwait.stored(STORE.db(), input.readings(), STALL);

                assertThat(StoredReadings.perSeries(STORE.db())).as("rows and distinct readings per series")
                        .isEqualTo(StoredReadings.exactlyOnce(input.expected()));
                assertThat(pipeline.failures()).as("failures of the job (each a restart from its checkpoint)").isEmpty();
                FaultReport.record("broker restart", String.format(
                        "published %s readings in %s messages at %s readings/s; Mosquitto stopped (SIGTERM) and started again"
                                + " on its port at %.0f %% of the input, down %s ms; the publisher reconnected %d time(s);"
                                + " store holds %s rows = %s distinct readings in %d series, each exactly once;"
                                + " the job did not fail (reconnected, no restart)",
                        n(input.readings()), n(input.messages().size()), n((long) RATE), 100 * restartedAtShare, n(restartMillis),
                        publisher.reconnects(), n(StoredReadings.total(STORE.db())), n(input.readings()), input.expected().size()));
            }
        }
    }

    private static EcowatchConfig onPlainSubscriptions(EcowatchConfig config) {
        PipelineConfig p = config.pipeline();
        PipelineConfig.Mqtt mqtt = new PipelineConfig.Mqtt(p.mqtt().url(), p.mqtt().username(), p.mqtt().passwordEnv(),
                p.mqtt().topicPrefix(), false);
        return new EcowatchConfig(config.directory(), new PipelineConfig(mqtt, p.store(), p.leadStore(), p.checkpoints(),
                p.parallelism(), p.http(), p.timeZone(), p.gateway()), config.registry(), config.thresholds());
    }
}
