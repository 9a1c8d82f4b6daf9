package org.ecowatch.ingest.store;

import org.ecowatch.configs.Device;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingsTablesTest {

    /** Its tables are created over HTTP when it starts. */
    @RegisterExtension
    static final SharedQuestDb QUEST_DB = new SharedQuestDb();

    @Test
    void namesOneTablePerDeviceKind() {
        assertThat(ReadingsTables.measurement(Device.Kind.WASTEWATER_OUTLET)).isEqualTo("wastewater_outlet");
        assertThat(ReadingsTables.measurement(Device.Kind.WATER_METER)).isEqualTo("water_meter");
        assertThat(ReadingsTables.createTableStatements()).hasSize(Device.Kind.values().length);
    }

    @Test
    void createsDeduplicatingWalTablesForEveryKind() {
        for (Device.Kind kind : Device.Kind.values()) {
            String table = ReadingsTables.measurement(kind);
            assertThat(QUEST_DB.queryLong("SELECT count() FROM tables() WHERE table_name = '" + table
                    + "' AND walEnabled AND dedup AND partitionBy = 'DAY' AND designatedTimestamp = 'ts'"))
                    .as(table).isEqualTo(1);
            assertThat(QUEST_DB.queryLong("SELECT count() FROM table_columns('" + table + "') WHERE upsertKey"))
                    .as("upsert keys of " + table).isEqualTo(6);
            assertThat(QUEST_DB.queryLong("SELECT count() FROM table_columns('" + table
                    + "') WHERE \"column\" = 'flag' AND NOT upsertKey")).as("flag is no key").isEqualTo(1);
        }
    }

    @Test
    void leavesExistingTablesAndTheirRowsAloneWhenRunAgain() throws Exception {
        SharedQuestDb.execute(QUEST_DB.db(), "INSERT INTO water_meter (ts, enterprise, device, metric, flag, kind, value)"
                + " VALUES ('2026-11-27T00:00:00.000000Z', 'again-co', 'water-in', 'water.flow', 'N', 'Rtd', 1.5)");
        QUEST_DB.awaitCount("SELECT count() FROM water_meter WHERE enterprise = 'again-co'", 1);

        ReadingsTables.create(QUEST_DB.httpUrl());
        try (Connection connection = QUEST_DB.connect()) {
            ReadingsTables.create(connection);
        }

        assertThat(QUEST_DB.queryLong("SELECT count() FROM water_meter WHERE enterprise = 'again-co'")).isEqualTo(1);
    }

    @Test
    void givesUsersOfAnExternalQuestDbTheSameStatementsInDocsStoreMd() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "STORE.md"));
        for (String statement : ReadingsTables.createTableStatements()) {
            assertThat(doc).contains(statement + ";");
        }
    }

    @Test
    void failsWithAnIoExceptionWhenNoQuestDbAnswers() throws IOException {
        int closedPort = StoreFixtures.portWithNothingListening();
        assertThatThrownBy(() -> ReadingsTables.create("http://127.0.0.1:" + closedPort))
                .isInstanceOf(IOException.class);
    }
}
