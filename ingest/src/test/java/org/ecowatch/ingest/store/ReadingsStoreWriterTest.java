package org.ecowatch.ingest.store;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecowatch.ingest.store.StoreFixtures.HOUR;
import static org.ecowatch.ingest.store.StoreFixtures.OUTLET;
import static org.ecowatch.ingest.store.StoreFixtures.PUMP_POWER;
import static org.ecowatch.ingest.store.StoreFixtures.STACK;
import static org.ecowatch.ingest.store.StoreFixtures.at;
import static org.ecowatch.ingest.store.StoreFixtures.codReadings;
import static org.ecowatch.ingest.store.StoreFixtures.hourlyAverage;
import static org.ecowatch.ingest.store.StoreFixtures.registry;
import static org.ecowatch.ingest.store.StoreFixtures.store;
import static org.ecowatch.ingest.store.StoreFixtures.writeAll;

/** The sink writer without Flink, against a real embedded QuestDB. Each test writes its own enterprise. */
class ReadingsStoreWriterTest {

    @RegisterExtension
    static final SharedQuestDb QUEST_DB = new SharedQuestDb();

    private static ReadingsStoreWriter writer(String enterpriseId, int batchSize) {
        return new ReadingsStoreWriter(store(QUEST_DB.httpUrl()), null, registry(enterpriseId),
                ReadingsStoreOptions.builder().batchSize(batchSize).build(), new UnregisteredMetricsGroup());
    }


    private static String countOf(String table, String enterpriseId) {
        return "SELECT count() FROM " + table + " WHERE enterprise = '" + enterpriseId + "'";
    }

    @Nested
    class Batching {

        @Test
        void holdsReadingsUntilFlushedAndThenStoresThemAll() throws Exception {
            try (ReadingsStoreWriter writer = writer("flush-co", 100)) {
                writeAll(writer, codReadings("flush-co", 10, 0));
                assertThat(writer.buffered()).isEqualTo(10);
                assertThat(writer.readingsStored().getCount()).isZero();

                writer.flush(false);

                assertThat(writer.buffered()).isZero();
                assertThat(writer.readingsStored().getCount()).isEqualTo(10);
                QUEST_DB.awaitCount(countOf("wastewater_outlet", "flush-co"), 10);
            }
        }

        @Test
        void writesEachFullBatchAtOnceAndTheRestAtTheEndOfInput() throws Exception {
            try (ReadingsStoreWriter writer = writer("batch-co", 5)) {
                writeAll(writer, codReadings("batch-co", 12, 0));
                assertThat(writer.readingsStored().getCount()).isEqualTo(10);
                assertThat(writer.buffered()).isEqualTo(2);
                QUEST_DB.awaitCount(countOf("wastewater_outlet", "batch-co"), 10);

                writer.flush(true);

                QUEST_DB.awaitCount(countOf("wastewater_outlet", "batch-co"), 12);
            }
        }
    }

    @Nested
    class Replays {

        @Test
        void leaveEachReadingOnceWithTheNewerValue() throws Exception {
            String enterprise = "replay-co";
            try (ReadingsStoreWriter writer = writer(enterprise, 1000)) {
                writeAll(writer, codReadings(enterprise, 50, 0));
                writer.flush(false);
                QUEST_DB.awaitCount(countOf("wastewater_outlet", enterprise), 50);

                writeAll(writer, codReadings(enterprise, 50, 1000));
                writer.flush(false);

                QUEST_DB.awaitCount("SELECT count() FROM wastewater_outlet WHERE enterprise = '" + enterprise
                        + "' AND value >= 1000", 50);
                assertThat(QUEST_DB.queryLong(countOf("wastewater_outlet", enterprise))).isEqualTo(50);
            }
        }

        @Test
        void overwriteAReadingWhoseFlagWasCorrected() throws Exception {
            String enterprise = "flag-co";
            try (ReadingsStoreWriter writer = writer(enterprise, 1000)) {
                writer.write(Reading.realTime(enterprise, OUTLET, "w01018", at(0), 35.2, "N"), null);
                writer.flush(false);
                QUEST_DB.awaitCount(countOf("wastewater_outlet", enterprise), 1);

                writer.write(Reading.realTime(enterprise, OUTLET, "w01018", at(0), 35.2, "C"), null);
                writer.flush(false);

                QUEST_DB.awaitCount(countOf("wastewater_outlet", enterprise) + " AND flag = 'C'", 1);
                assertThat(QUEST_DB.queryLong(countOf("wastewater_outlet", enterprise))).isEqualTo(1);
            }
        }

        @Test
        void overwritePeriodDataAndKeepItApartFromRealTimeDataOfTheSameTime() throws Exception {
            String enterprise = "period-co";
            Reading realTime = Reading.realTime(enterprise, STACK, "a21026", at(0), 12.0, "N");
            try (ReadingsStoreWriter writer = writer(enterprise, 1000)) {
                writeAll(writer, List.of(realTime, hourlyAverage(enterprise, STACK, "a21026", 0, 10.0)));
                writer.flush(false);
                QUEST_DB.awaitCount(countOf("flue_gas_outlet", enterprise), 2);

                writeAll(writer, List.of(realTime, hourlyAverage(enterprise, STACK, "a21026", 0, 11.0)));
                writer.flush(false);

                QUEST_DB.awaitCount(countOf("flue_gas_outlet", enterprise) + " AND period = 'PT1H' AND value = 11.0", 1);
                assertThat(QUEST_DB.queryLong(countOf("flue_gas_outlet", enterprise))).isEqualTo(2);
                assertThat(QUEST_DB.queryLong(countOf("flue_gas_outlet", enterprise) + " AND period IS NULL"))
                        .isEqualTo(1);
            }
        }
    }

    @Nested
    class StoredPoints {

        @Test
        void carryTheReadingsTagsValueAndMillisecondTime() throws Exception {
            String enterprise = "tags-co";
            Reading average = new Reading(enterprise, PUMP_POWER, "power.active", at(60) + 123, 75.5, "N", "Avg", HOUR);
            try (ReadingsStoreWriter writer = writer(enterprise, 1000)) {
                writer.write(average, null);
                writer.flush(false);
            }
            QUEST_DB.awaitCount(countOf("power_meter", enterprise), 1);
            try (Connection connection = QUEST_DB.connect(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT cast(ts AS LONG), enterprise, device, metric, flag,"
                         + " kind, period, value FROM power_meter WHERE enterprise = '" + enterprise + "'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).as("microseconds").isEqualTo((at(60) + 123) * 1000);
                assertThat(row.getString(2)).isEqualTo(enterprise);
                assertThat(row.getString(3)).isEqualTo(PUMP_POWER);
                assertThat(row.getString(4)).isEqualTo("power.active");
                assertThat(row.getString(5)).isEqualTo("N");
                assertThat(row.getString(6)).isEqualTo("Avg");
                assertThat(row.getString(7)).isEqualTo("PT1H");
                assertThat(row.getDouble(8)).isEqualTo(75.5);
            }
        }
    }

    @Nested
    class Rejections {

        @Test
        void failNamingAReadingOfADeviceMissingFromTheRegistry() {
            try (ReadingsStoreWriter writer = writer("unknown-co", 10)) {
                assertThatThrownBy(() -> writer.write(Reading.realTime("unknown-co", "ghost", "w01018", at(0), 1, "N"), null))
                        .hasMessageContaining("unknown-co/ghost is not in the registry");
            }
        }

        @Test
        void failNamingAReadingWithoutAFiniteValue() {
            try (ReadingsStoreWriter writer = writer("nan-co", 10)) {
                assertThatThrownBy(() -> writer.write(Reading.realTime("nan-co", OUTLET, "w01018", at(0), Double.NaN, "N"), null))
                        .hasMessageContaining("value NaN is not a finite number");
            }
        }

        @Test
        void storeTheNeighboursOfAPointTheStoreRefusesAndThenFailNamingIt() throws Exception {
            // A store whose power_meter table has a column type the points do not fit: QuestDB refuses the whole
            // request (HTTP 400) for that one line. Its own instance, so the shared tables stay intact.
            Path root = SharedQuestDb.newRoot("rejecting");
            try (EmbeddedQuestDb db = EmbeddedQuestDb.start(root)) {
                SharedQuestDb.execute(db, "CREATE TABLE power_meter (ts TIMESTAMP, enterprise SYMBOL, device SYMBOL,"
                        + " metric SYMBOL, flag SYMBOL, kind SYMBOL, period SYMBOL, value LONG) TIMESTAMP(ts)"
                        + " PARTITION BY DAY WAL");
                ReadingsTables.create(db.httpUrl());
                List<Reading> batch = new ArrayList<>(codReadings("mixed-co", 20, 0));
                Reading unfit = Reading.realTime("mixed-co", PUMP_POWER, "power.active", at(7), 80.5, "N");
                batch.add(7, unfit);

                ReadingsStoreWriter writer = new ReadingsStoreWriter(store(db.httpUrl()), null, registry("mixed-co"),
                        ReadingsStoreOptions.defaults(), new UnregisteredMetricsGroup());
                try (writer) {
                    writeAll(writer, batch);
                    assertThatThrownBy(() -> writer.flush(false))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining("rejected the point `power_meter,")
                            .hasMessageContaining("device=pump-power")
                            .hasMessageContaining("HTTP 400");
                }

                assertThat(writer.readingsStored().getCount()).isEqualTo(20);
                SharedQuestDb.awaitCount(db, "SELECT count() FROM wastewater_outlet", 20);
            } finally {
                SharedQuestDb.deleteExceptLogs(root);
            }
        }
    }
}
