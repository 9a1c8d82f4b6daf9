package org.ecowatch.alerts.service.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.testing.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The lead store's contract on PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, as in
 * production), in a schema of its own that is dropped afterwards. Skipped without the server, failed in CI.
 */
class PostgresLeadStoreTest extends LeadStoreContract {

    static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    static String schema;
    static HikariDataSource dataSource;

    @BeforeAll
    static void createSchema() throws SQLException {
        Services.assumeOrFail(Services.reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432");
        schema = "leadstore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        // The user name comes from the environment variable the config names, as in production.
        PipelineConfig.LeadStore config =
                new PipelineConfig.LeadStore(DATABASE + "?currentSchema=" + schema, "ECOWATCH_DB_USER", null);
        dataSource = LeadStoreDataSource.create(config, Map.of("ECOWATCH_DB_USER", USER)::get);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (dataSource != null) {
            dataSource.close();
        }
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
