package org.ecowatch.alerts.service.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.ecowatch.configs.PipelineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The lead store's contract on an H2 file database, the embedded default (as {@code ./ecowatch demo} runs it). */
class H2LeadStoreTest extends LeadStoreContract {

    @TempDir
    static Path directory;
    static HikariDataSource dataSource;

    @BeforeAll
    static void createDatabase() {
        String url = "jdbc:h2:file:" + directory.resolve("data/leads");
        dataSource = LeadStoreDataSource.create(new PipelineConfig.LeadStore(url, null, null), name -> null);
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
