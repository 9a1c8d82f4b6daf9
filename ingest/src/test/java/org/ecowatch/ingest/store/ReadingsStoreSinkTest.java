package org.ecowatch.ingest.store;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecowatch.ingest.store.StoreFixtures.HOUR;
import static org.ecowatch.ingest.store.StoreFixtures.OUTLET;
import static org.ecowatch.ingest.store.StoreFixtures.PUMP_POWER;
import static org.ecowatch.ingest.store.StoreFixtures.STACK;
import static org.ecowatch.ingest.store.StoreFixtures.WATER_IN;
import static org.ecowatch.ingest.store.StoreFixtures.at;
import static org.ecowatch.ingest.store.StoreFixtures.hourlyAverage;
import static org.ecowatch.ingest.store.StoreFixtures.registry;
import static org.ecowatch.ingest.store.StoreFixtures.store;

/** The sink in a Flink job (mini cluster, parallelism 2, checkpoints, no Kryo) writing into embedded QuestDB. */
class ReadingsStoreSinkTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @RegisterExtension
    static final SharedQuestDb QUEST_DB = new SharedQuestDb();

    private static void runJob(List<Reading> readings, ReadingsStoreSink sink) throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(Duration.ofMillis(200).toMillis());
        env.fromData(readings).uid("readings").name("readings")
                .sinkTo(sink).uid("readings-store").name("readings store");
        env.execute("readings store test");
    }

    private static ReadingsStoreSink sink(String enterpriseId, int batchSize) {
        return ReadingsStoreSink.builder()
                .store(store("embedded"))
                .url(QUEST_DB.httpUrl())
                .registry(registry(enterpriseId))
                .options(ReadingsStoreOptions.builder().batchSize(batchSize).build())
                .build();
    }

    /** Per device kind: 30 real-time readings of two metrics, and hourly averages for the first one. */
    private static List<Reading> fleetMorning(String enterprise, double offset) {
        List<Reading> readings = new ArrayList<>();
        for (int minute = 0; minute < 30; minute++) {
            readings.add(Reading.realTime(enterprise, OUTLET, "w01018", at(minute), 30 + minute + offset, "N"));
            readings.add(Reading.realTime(enterprise, OUTLET, "w21003", at(minute), 2 + offset, "N"));
            readings.add(Reading.realTime(enterprise, STACK, "a21026", at(minute), 40 + offset, "N"));
            readings.add(Reading.realTime(enterprise, STACK, "a21002", at(minute), 90 + offset, minute == 5 ? "C" : "N"));
            readings.add(Reading.realTime(enterprise, PUMP_POWER, "power.active", at(minute), 75 + offset, "N"));
            readings.add(Reading.realTime(enterprise, PUMP_POWER, "power.energy", at(minute), 1000 + minute + offset, "N"));
            readings.add(Reading.realTime(enterprise, WATER_IN, "water.flow", at(minute), 12 + offset, "N"));
            readings.add(Reading.realTime(enterprise, WATER_IN, "water.volume", at(minute), 500 + minute + offset, "N"));
        }
        for (int hour = 0; hour < 3; hour++) {
            readings.add(hourlyAverage(enterprise, OUTLET, "w01018", hour, 35 + offset));
            readings.add(hourlyAverage(enterprise, STACK, "a21026", hour, 41 + offset));
        }
        return readings;
    }

    private static String count(String table, String enterprise) {
        return "SELECT count() FROM " + table + " WHERE enterprise = '" + enterprise + "'";
    }

    @Test
    void aJobStoresEachReadingInItsDeviceKindsTableWithItsTagsAndTime() throws Exception {
        String enterprise = "job-co";
        runJob(fleetMorning(enterprise, 0), sink(enterprise, 7));

        QUEST_DB.awaitCount(count("wastewater_outlet", enterprise), 60 + 3);
        QUEST_DB.awaitCount(count("flue_gas_outlet", enterprise), 60 + 3);
        QUEST_DB.awaitCount(count("power_meter", enterprise), 60);
        QUEST_DB.awaitCount(count("water_meter", enterprise), 60);
        assertThat(QUEST_DB.queryLong(count("flue_gas_outlet", enterprise) + " AND flag = 'C'")).isEqualTo(1);
        assertThat(QUEST_DB.queryLong(count("wastewater_outlet", enterprise)
                + " AND kind = 'Avg' AND period = 'PT1H' AND metric = 'w01018'")).isEqualTo(3);
        try (Connection connection = QUEST_DB.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT cast(ts AS LONG), device, kind, period, value"
                     + " FROM water_meter WHERE enterprise = '" + enterprise + "' AND metric = 'water.volume'"
                     + " ORDER BY ts DESC LIMIT 1")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1) / 1000).isEqualTo(at(29));
            assertThat(row.getString(2)).isEqualTo(WATER_IN);
            assertThat(row.getString(3)).isEqualTo("Rtd");
            assertThat(row.getString(4)).isNull();
            assertThat(row.getDouble(5)).isEqualTo(529.0);
        }
    }

    @Test
    void runningTheJobTwiceLeavesEachReadingOnceWithTheNewerValue() throws Exception {
        String enterprise = "twice-co";
        runJob(fleetMorning(enterprise, 0), sink(enterprise, 5000));
        QUEST_DB.awaitCount(count("wastewater_outlet", enterprise), 63);

        runJob(fleetMorning(enterprise, 0.5), sink(enterprise, 5000));

        for (String table : List.of("wastewater_outlet", "flue_gas_outlet", "power_meter", "water_meter")) {
            QUEST_DB.awaitCount(count(table, enterprise) + " AND value - floor(value) = 0.5",
                    table.endsWith("outlet") ? 63 : 60);
            assertThat(QUEST_DB.queryLong(count(table, enterprise))).as(table).isEqualTo(table.endsWith("outlet") ? 63 : 60);
        }
    }

    @Test
    void aReadingOfADeviceMissingFromTheRegistryFailsTheJob() {
        List<Reading> readings = List.of(Reading.realTime("stray-co", "ghost", "w01018", at(0), 1.0, "N"));

        assertThatThrownBy(() -> runJob(readings, sink("stray-co", 10)))
                .rootCause().hasMessageContaining("stray-co/ghost is not in the registry");
    }
}
