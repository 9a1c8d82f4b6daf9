package org.ecowatch.alerts.service.http;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.ecowatch.alerts.service.store.LeadStoreDataSource;
import org.ecowatch.configs.PipelineConfig;
import org.junit.jupiter.api.io.TempDir;

/** The API over an H2 file database, the embedded default (as {@code ./ecowatch demo} runs it). */
class H2LeadApiTest extends LeadApiContract {
    @TempDir
    static Path directory;
    HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        String url = "jdbc:h2:file:" + directory.resolve("data/leads");
        dataSource = LeadStoreDataSource.create(new PipelineConfig.LeadStore(url, null, null), name -> null);
        return dataSource;
    }

    @Override
    protected void closeDataSource() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
