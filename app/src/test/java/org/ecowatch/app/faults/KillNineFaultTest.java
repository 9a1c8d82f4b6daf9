package org.ecowatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.app.faults.FaultReport.n;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecowatch.app.faults.ReplayInput.Series;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 1: {@code kill -9} of the pipeline process, three times during a run, each time started again with
 * {@code ecowatch run} (which resumes from the newest checkpoint). The pipeline runs in a JVM of its own against a
 * Mosquitto of the test's own (its persistent sessions outlive the pipeline; QoS 1 messages are acknowledged only
 * once a checkpoint covers them, so the broker redelivers the rest) and a QuestDB in the test's JVM (it outlives the
 * pipeline). The same fixed-seed replay of the demo district, scripted violations included, is run twice: once
 * without interruption, once with the kills.
 */
class KillNineFaultTest {
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final long READINGS = FaultScale.pick(30_000L, 500_000L);
    /**
     * The fleet's pace in the run with kills; the uninterrupted run goes twice as fast (bounded, so that the broker's
     * queue for a lagging pipeline, 100 000 messages a session in the test's Mosquitto, never overflows).
     */
    private static final double RATE = FaultScale.pick(1_000, 5_000);
    /** How long the pipeline may make no progress before the test calls it stalled (a restart under load takes a while). */
    private static final Duration STALL = Duration.ofSeconds(180);

    private static EcowatchConfig demo;
    private static ReplayInput input;

    /** Kept when the test fails: the pipeline's console output and logs are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @BeforeAll
    static void replay() throws Exception {
        demo = ConfigLoader.load(Path.of("../configs/demo"));
        input = ReplayInput.demoDistrict(demo, READINGS);
    }

    @Test
    void afterThreeKillsTheStoreHoldsEveryReadingOnceAndTheLeadsAreThoseOfAnUninterruptedRun() throws Exception {
        Run reference = run(work.resolve("uninterrupted"), 0, 2 * RATE);
        Run killed = run(work.resolve("killed"), 3, RATE);

        Map<Series, StoredReadings.Count> exactlyOnce = StoredReadings.exactlyOnce(input.expected());
        assertThat(reference.stored()).as("uninterrupted run: rows and distinct readings per series").isEqualTo(exactlyOnce);
        assertThat(killed.stored()).as("killed run: rows and distinct readings per series").isEqualTo(exactlyOnce);
        assertThat(reference.finalLeads()).as("leads of the uninterrupted run").isNotEmpty();
        assertThat(killed.leadVersions()).as("lead ids and versions").isEqualTo(reference.leadVersions());
        assertThat(killed.finalLeads()).as("final version of every lead").isEqualTo(reference.finalLeads());
        assertThat(killed.alertChanges()).as("alert ids and states").isEqualTo(reference.alertChanges());

        FaultReport.record("kill -9 ×3", String.format(
                "published %s readings in %s messages (%s simulated of the demo district, seed %d) at %s readings/s; "
                        + "killed at %s, restarted each time (pids %s); store holds %s rows = %s distinct readings in %d series,"
                        + " each exactly once; %d leads in %d versions (%s lead messages received, replays included) and %s alert"
                        + " state changes, the same ids, versions and content as the uninterrupted run's; %.0f s with kills vs"
                        + " %.0f s without",
                n(input.readings()), n(input.messages().size()), input.span(), ReplayInput.SEED, n((long) RATE),
                killed.killedAt(), killed.pids(), n(sum(killed.stored(), true)), n(sum(killed.stored(), false)), killed.stored().size(),
                killed.finalLeads().size(), killed.leadVersions().size(), n(killed.leadMessages()), n(killed.alertChanges().size()),
                killed.seconds(), reference.seconds()));
    }

    private static long sum(Map<Series, StoredReadings.Count> counts, boolean rows) {
        return counts.values().stream().mapToLong(c -> rows ? c.rows() : c.distinct()).sum();
    }

    /** What one run left behind. */
    record Run(Map<Series, StoredReadings.Count> stored, Map<String, JsonNode> finalLeads, List<String> leadVersions,
               long leadMessages, List<String> alertChanges, List<String> killedAt, List<Long> pids, double seconds) {}

    /**
     * Publishes the input into a fresh broker, store and pipeline process, kills and restarts the pipeline
     * {@code kills} times (once a quarter, half, three quarters of the input is stored, each time after the restarted
     * process has completed a checkpoint of its own, at a random moment between two checkpoints), and waits until
     * the store holds every reading and the pipeline has completed two more checkpoints, so that everything the
     * readings lead to has been published.
     */
    private Run run(Path dir, int kills, double rate) throws Exception {
        long started = System.nanoTime();
        Random random = new Random(kills);
        try (MosquittoServer mosquitto = MosquittoServer.start(false);
             EmbeddedQuestDb store = EmbeddedQuestDb.start(SharedQuestDb.newRoot("kill-nine"));
             PipelineOutputs outputs = new PipelineOutputs(mosquitto.url(), demo.pipeline().mqtt().topicPrefix());
             PipelineProcess pipeline = new PipelineProcess(dir, mosquitto.url(), store.httpUrl(), CHECKPOINT_INTERVAL)) {
            ReadingsTables.create(store.httpUrl());
            pipeline.start();
            outputs.awaitPipelineListening(60);
            List<String> killedAt = new ArrayList<>();
            try (PacedPublisher publisher = new PacedPublisher(mosquitto.url(), input.messages(), rate)) {
                for (int k = 1; k <= kills; k++) {
                    long due = input.readings() * k / (kills + 1);
                    FaultAwait.until(() -> StoredReadings.total(store) >= due, () -> StoredReadings.total(store), STALL,
                            () -> "the store holds " + StoredReadings.total(store) + " rows, waiting for " + due + "\n" + pipeline.lastOutput());
                    pipeline.awaitOwnCheckpoint(STALL);
                    Thread.sleep(random.nextInt((int) CHECKPOINT_INTERVAL.toMillis()));
                    long rows = StoredReadings.total(store);
                    pipeline.kill9();
                    killedAt.add(String.format("%.0f %% published / %s rows stored", publisher.progress() * 100, n(rows)));
                    pipeline.start();
                }
                publisher.awaitDone(STALL);
            }
            FaultAwait.stored(store, input.readings(), STALL, pipeline::alive, pipeline::lastOutput);
            // Event time moves on a moment after the last reading; two checkpoints later every alert and lead it
            // released has passed the publishing sinks (they flush on checkpoints).
            Thread.sleep(1_000);
            long first = pipeline.awaitCheckpointAfter(System.currentTimeMillis(), STALL);
            pipeline.awaitCheckpointAfter(first, STALL);
            outputs.save(dir);
            return new Run(StoredReadings.perSeries(store), outputs.finalLeads(), outputs.leadVersions(), outputs.leads.size(),
                    outputs.alertChanges(), killedAt, pipeline.pids(), (System.nanoTime() - started) / 1e9);
        }
    }
}
