package org.ecowatch.ingest.store;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.SharedQuestDb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures (does not assert) how many readings per second reach embedded QuestDB through the sink: through
 * the writer alone, and in a Flink job (parallelism 1 and 2, checkpoints every second) beside the same job
 * into a DiscardingSink as baseline, each until QuestDB has applied every row. A program, not a test,
 * because the machine is shared and noisy. Run from
 * the ingest module after {@code mvn test-compile}:
 * <pre>{@code
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" org.ecowatch.ingest.store.ReadingsStoreThroughput [points] [runs]
 * }</pre>
 */
public final class ReadingsStoreThroughput {

    private static final int ENTERPRISES = 20;

    public static void main(String[] args) throws Exception {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path root = SharedQuestDb.newRoot("throughput");
        try (EmbeddedQuestDb db = EmbeddedQuestDb.start(root)) {
            ReadingsTables.create(db.httpUrl());
            Registry registry = registry();
            double[] writer = new double[runs];
            double[] discard = new double[runs];
            double[] job1 = new double[runs];
            double[] job2 = new double[runs];
            long offset = 0;
            for (int run = 0; run < runs; run++) {
                writer[run] = measure(db, points, offset, readings -> writeDirectly(db, registry, readings));
                offset += points;
                discard[run] = baseline(points, offset);
                long from = offset;
                job1[run] = measure(db, points, offset, readings -> runJob(from, points, 1, sink(db, registry)));
                offset += points;
                long from2 = offset;
                job2[run] = measure(db, points, offset, readings -> runJob(from2, points, 2, sink(db, registry)));
                offset += points;
                System.out.printf("run %d: writer %,.0f | job p=1: discarding %,.0f, store %,.0f | job p=2 store %,.0f"
                        + " points/s%n", run + 1, writer[run], discard[run], job1[run], job2[run]);
            }
            System.out.printf("median of %d runs, %,d points each, until applied in QuestDB:%n"
                    + "  writer alone (no Flink)               %,.0f points/s%n"
                    + "  Flink job p = 1, DiscardingSink        %,.0f points/s (baseline: local cluster start + source)%n"
                    + "  Flink job p = 1, ReadingsStoreSink     %,.0f points/s (%.0f %% of baseline)%n"
                    + "  Flink job p = 2, ReadingsStoreSink     %,.0f points/s%n",
                    runs, points, median(writer), median(discard), median(job1), 100 * median(job1) / median(discard),
                    median(job2));
        } finally {
            SharedQuestDb.deleteExceptLogs(root);
        }
        System.exit(0);
    }

    private interface Load {
        void write(List<Reading> readings) throws Exception;
    }

    /** Points/s from the first write until QuestDB counts them all (WAL applied). */
    private static double measure(EmbeddedQuestDb db, int points, long offset, Load load) throws Exception {
        List<Reading> readings = readings(points, offset);
        long before = SharedQuestDb.queryLong(db, "SELECT count() FROM wastewater_outlet");
        long start = System.nanoTime();
        load.write(readings);
        while (SharedQuestDb.queryLong(db, "SELECT count() FROM wastewater_outlet") < before + points) {
            Thread.sleep(20);
        }
        return points / ((System.nanoTime() - start) / 1e9);
    }

    private static void writeDirectly(EmbeddedQuestDb db, Registry registry, List<Reading> readings) throws Exception {
        try (ReadingsStoreWriter writer = new ReadingsStoreWriter(StoreFixtures.store(db.httpUrl()), null, registry,
                ReadingsStoreOptions.defaults(), new UnregisteredMetricsGroup())) {
            for (Reading reading : readings) {
                writer.write(reading, null);
            }
            writer.flush(true);
        }
    }

    /** The same job into a sink that drops everything: what Flink itself costs, local cluster start included. */
    private static double baseline(int points, long offset) throws Exception {
        long start = System.nanoTime();
        runJob(offset, points, 1, new DiscardingSink<>());
        return points / ((System.nanoTime() - start) / 1e9);
    }

    private static Sink<Reading> sink(EmbeddedQuestDb db, Registry registry) {
        return ReadingsStoreSink.builder().store(StoreFixtures.store(db.httpUrl())).registry(registry).build();
    }

    /** Generates the readings in the job (a collection source would ship them all inside the job graph). */
    private static void runJob(long offset, int points, int parallelism, Sink<Reading> sink) throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        env.enableCheckpointing(1000);
        env.fromSequence(offset, offset + points - 1).uid("sequence").name("sequence")
                .map(new ToReading()).uid("readings").name("readings")
                .sinkTo(sink).uid("sink").name("sink");
        env.execute("readings store throughput");
    }

    /** Readings of 20 outlets and 4 metrics, one a second, starting {@code offset} seconds after MORNING. */
    private static List<Reading> readings(int count, long offset) {
        List<Reading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            readings.add(reading(offset + i));
        }
        return readings;
    }

    private static Reading reading(long n) {
        String[] metrics = {"w01018", "w21003", "w01001", "w00000"};
        return Reading.realTime("e" + (n % ENTERPRISES), StoreFixtures.OUTLET, metrics[(int) (n / ENTERPRISES % 4)],
                StoreFixtures.MORNING.toEpochMilli() + n * 1000, n % 997 / 10.0, "N");
    }

    private static final class ToReading implements MapFunction<Long, Reading> {
        @Override
        public Reading map(Long n) {
            return reading(n);
        }
    }

    private static Registry registry() {
        List<Enterprise> enterprises = new ArrayList<>();
        for (int e = 0; e < ENTERPRISES; e++) {
            enterprises.add(new Enterprise("e" + e, "Enterprise " + e, "wangcheng", "paper", Enterprise.Supervision.GENERAL,
                    false, null, null, null, List.of(StoreFixtures.device(StoreFixtures.OUTLET,
                    Device.Kind.WASTEWATER_OUTLET, List.of("w01018", "w21003", "w01001", "w00000")))));
        }
        return new Registry(List.of(), enterprises, List.of());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private ReadingsStoreThroughput() {}
}
