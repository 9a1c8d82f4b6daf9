package org.ecowatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.app.faults.FaultReport.n;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.app.faults.FuzzOracle.StoredKey;
import org.ecowatch.app.faults.FuzzOracle.Verdict;
import org.ecowatch.app.faults.Mutants.Mutant;
import org.ecowatch.app.faults.Mutants.Mutation;
import org.ecowatch.app.faults.ReplayInput.Series;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.simulator.SimulatedMessage;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 4: fuzzing. Mutants of valid JSON batches and HJ 212 frames (truncated, bits flipped, huge numbers, NaN,
 * deep nesting, wrong types, oversize, wrong CRC, unknown ids), each sent right after the valid message it was made
 * from in a replay of the demo district, are published through the real job as fast as the broker takes them. Each mutant is judged first by the
 * pipeline's decoder, offline ({@link FuzzOracle}): one a mutation left valid, or that the decoder would hold back as
 * an HJ 212 split packet, is replaced by another, so every mutant published must come back as dead letters with the
 * reasons the decoder gave.
 */
class FuzzFaultTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = InProcessPipeline.cluster();

    @RegisterExtension
    static final SharedQuestDb STORE = new SharedQuestDb();

    private static final int MUTANTS = FaultScale.pick(5_000, 100_000);
    private static final long VALID_READINGS = FaultScale.pick(10_000L, 100_000L);
    private static final long SEED = 212L;
    /** The detection stage's bounded out-of-orderness (docs/RULES.md). */
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    /** How long the pipeline may make no progress before the test calls it stalled. */
    private static final Duration STALL = Duration.ofSeconds(120);

    @TempDir
    Path checkpoints;

    @Test
    void everyMutantIsDeadLetteredWithItsReasonAndEveryValidReadingIsStoredWithoutACrashOrAStall() throws Exception {
        EcowatchConfig demo = ConfigLoader.load(Path.of("../configs/demo"));
        String prefix = demo.pipeline().mqtt().topicPrefix();
        ReplayInput valid = ReplayInput.demoDistrict(demo, VALID_READINGS);
        FuzzOracle oracle = new FuzzOracle(demo);

        Random random = new Random(SEED);
        Mutants mutants = new Mutants(SEED, prefix);
        Map<String, Long> expectedDeadLetters = new TreeMap<>();
        Set<StoredKey> expectedStored = new HashSet<>();
        Map<Mutation, Integer> perMutation = new EnumMap<>(Mutation.class);
        List<String> crashes = new ArrayList<>();
        int stillValid = 0;
        int split = 0;
        long ahead = 0;
        List<SimulatedMessage> seeds = valid.messages();
        List<List<SimulatedMessage>> mutantsAfter = new ArrayList<>();
        for (SimulatedMessage message : seeds) {
            expectedStored.addAll(oracle.judge(message).readings());
            mutantsAfter.add(new ArrayList<>());
        }
        for (int i = 0; i < MUTANTS; i++) {
            int seed;
            Mutant mutant;
            Verdict verdict;
            while (true) {
                seed = random.nextInt(seeds.size());
                mutant = mutants.mutate(seeds.get(seed));
                verdict = oracle.judge(mutant.message());
                if (verdict.split()) {
                    split++;
                } else if (verdict.deadLetters().isEmpty()) {
                    stillValid++;
                } else {
                    break;
                }
            }
            if (verdict.crash() != null) {
                crashes.add(mutant.mutation() + " " + mutant.message().topic() + ": " + verdict.crash());
            }
            verdict.deadLetters().forEach(key -> expectedDeadLetters.merge(key, 1L, Long::sum));
            expectedStored.addAll(verdict.readings());
            long seedTime = oracle.judge(seeds.get(seed)).readings().stream().mapToLong(StoredKey::ts).max().orElse(0);
            ahead += verdict.readings().stream().filter(r -> r.ts() > seedTime + OUT_OF_ORDERNESS.toMillis()).count();
            perMutation.merge(mutant.mutation(), 1, Integer::sum);
            // Right after the message it was made from, as a device would send it: its time fits the traffic around it.
            mutantsAfter.get(seed).add(mutant.message());
        }
        List<SimulatedMessage> traffic = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            traffic.add(seeds.get(i));
            traffic.addAll(mutantsAfter.get(i));
        }
        long expectedDeadLetterCount = expectedDeadLetters.values().stream().mapToLong(Long::longValue).sum();
        Map<Series, StoredReadings.Count> expectedPerSeries = perSeries(expectedStored);

        try (MosquittoServer mosquitto = MosquittoServer.start(false);
             DeadLetterTally tally = new DeadLetterTally(mosquitto.url(), prefix);
             InProcessPipeline pipeline = InProcessPipeline.start(CLUSTER, demo, mosquitto.url(), STORE.httpUrl(), checkpoints,
                     Duration.ofSeconds(1))) {
            try (PipelineOutputs outputs = new PipelineOutputs(mosquitto.url(), prefix)) {
                outputs.awaitPipelineListening(60);
            }
            long started = System.nanoTime();
            try (PacedPublisher publisher = new PacedPublisher(mosquitto.url(), traffic, 0)) {
                publisher.awaitDone(STALL);
            }
            double publishSeconds = (System.nanoTime() - started) / 1e9;
            FaultAwait.until(() -> tally.counted() >= expectedDeadLetterCount, tally::counted, STALL,
                    () -> tally.counted() + " of " + expectedDeadLetterCount + " dead letters");
            FaultAwait.stored(STORE.db(), expectedStored.size(), STALL);
            double seconds = (System.nanoTime() - started) / 1e9;

            FaultReport.record("fuzzing", String.format(
                    "%s mutants (%s), each right after the message it was made from among %s valid messages (%s readings),"
                            + " published in %.1f s; %s mutations left a"
                            + " valid message and %d a split packet: replaced; every mutant came back as its dead letters (%s, reasons"
                            + " %s); %s readings of mutants were accepted with a time more than 5 min ahead of the message"
                            + " they were made from (a flipped digit in ts), moving event time on, and %s readings came too"
                            + " late for detection (dead-lettered as late, stored all the same); the store holds %s rows = the %s readings the decoder"
                            + " accepted (valid traffic and valid parts of mutants), in %d series; all done %.1f s after the first"
                            + " message; decoder crashes (internal.error): %d; job failures: %d",
                    n(MUTANTS), perMutation, n(valid.messages().size()), n(valid.readings()), publishSeconds, n(stillValid), split,
                    n(tally.counted()), reasons(tally.byKey()), n(ahead), n(tally.late()), n(StoredReadings.total(STORE.db())),
                    n(expectedStored.size()), expectedPerSeries.size(), seconds, crashes.size(), pipeline.failures().size()));

            assertThat(crashes).as("mutants the decoder failed on (internal.error: a bug)").isEmpty();
            assertThat(tally.byKey()).as("dead letters by reason and payload").isEqualTo(expectedDeadLetters);
            assertThat(tally.withoutDetail()).as("dead letters without a detail sentence").isZero();
            assertThat(StoredReadings.perSeries(STORE.db())).as("rows and distinct readings per series").isEqualTo(expectedPerSeries);
            assertThat(pipeline.failures()).as("failures of the job").isEmpty();
        }
    }

    private static Map<Series, StoredReadings.Count> perSeries(Set<StoredKey> keys) {
        Map<Series, Long> counts = keys.stream().collect(Collectors.groupingBy(StoredKey::series, TreeMap::new, Collectors.counting()));
        return StoredReadings.exactlyOnce(counts);
    }

    /** Dead letters per reason, e.g. {@code {hj212.crc=812, json.malformed=1930, …}}. */
    private static Map<String, Long> reasons(Map<String, Long> byKey) {
        Map<String, Long> reasons = new TreeMap<>();
        byKey.forEach((key, n) -> reasons.merge(key.substring(0, key.indexOf(' ')), n, Long::sum));
        return reasons;
    }
}
