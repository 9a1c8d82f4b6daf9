package org.ecowatch.alerts.service.http;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.ecowatch.alerts.service.store.LeadStoreDataSource;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.testing.Services;

/**
 * The API over PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}), as in production, in a
 * schema of its own that is dropped afterwards. Skipped without the server, failed in CI.
 */
class PostgresLeadApiTest extends LeadApiContract {
    static final String DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    String schema;
    HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        Services.assumeOrFail(Services.reachable(5432), "PostgreSQL is not running on 127.0.0.1:5432");
        schema = "leadapi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        dataSource = LeadStoreDataSource.create(
                new PipelineConfig.LeadStore(DATABASE + "?currentSchema=" + schema + "&user=" + USER, null, null),
                name -> null);
        return dataSource;
    }

    @Override
    protected void closeDataSource() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(DATABASE, USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
