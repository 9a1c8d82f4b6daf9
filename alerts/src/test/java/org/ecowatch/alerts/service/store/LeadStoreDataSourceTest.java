package org.ecowatch.alerts.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ecowatch.configs.PipelineConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lead store's pool from pipeline.yaml's {@code leadStore}: credentials from the environment, H2's directory. */
class LeadStoreDataSourceTest {

    @TempDir
    Path directory;

    PipelineConfig.LeadStore h2(String usernameEnv, String passwordEnv) {
        return new PipelineConfig.LeadStore("jdbc:h2:file:" + directory.resolve("data/leads"), usernameEnv, passwordEnv);
    }

    @Nested
    class Credentials {

        @Test
        void comeFromTheEnvironmentVariablesTheConfigNames() {
            Map<String, String> env = Map.of("ECOWATCH_DB_USER", "ecowatch", "ECOWATCH_DB_PASSWORD", "s3cret-from-env");

            try (HikariDataSource pool = LeadStoreDataSource.create(h2("ECOWATCH_DB_USER", "ECOWATCH_DB_PASSWORD"),
                    env::get)) {
                assertThat(pool.getUsername()).isEqualTo("ecowatch");
                assertThat(pool.getPassword()).isEqualTo("s3cret-from-env");
            }
        }

        @Test
        void aVariableThatIsNotSetIsNamedWithTheFix() {
            assertThatThrownBy(() -> LeadStoreDataSource.create(h2("ECOWATCH_DB_USER", "ECOWATCH_DB_PASSWORD"),
                    Map.of("ECOWATCH_DB_USER", "ecowatch")::get))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("leadStore.passwordEnv in pipeline.yaml names the environment variable "
                            + "ECOWATCH_DB_PASSWORD, which is not set: set ECOWATCH_DB_PASSWORD to the lead store's "
                            + "password, or remove leadStore.passwordEnv");
            assertThatThrownBy(() -> LeadStoreDataSource.create(h2("DB_USER", null), name -> ""))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("DB_USER");
        }

        @Test
        void noneAreAskedForWhenTheConfigNamesNone() {
            try (HikariDataSource pool = LeadStoreDataSource.create(h2(null, null), name -> {
                throw new AssertionError("asked for " + name);
            })) {
                assertThat(pool.getUsername()).isNull();
            }
        }
    }

    @Nested
    class H2Files {

        @Test
        void theDatabasesDirectoryIsCreated() {
            try (HikariDataSource pool = LeadStoreDataSource.create(h2(null, null), name -> null)) {
                assertThat(directory.resolve("data")).isDirectory();
                assertThat(directory.resolve("data/leads.mv.db")).exists();
            }
        }

        @Test
        void thePathIsFoundInEveryFormOfFileUrl() {
            assertThat(LeadStoreDataSource.h2File("jdbc:h2:file:./data/leads")).contains(Path.of("./data/leads"));
            assertThat(LeadStoreDataSource.h2File("jdbc:h2:file:/var/lib/ecowatch/leads;AUTO_SERVER=TRUE"))
                    .contains(Path.of("/var/lib/ecowatch/leads"));
            assertThat(LeadStoreDataSource.h2File("jdbc:h2:./leads")).contains(Path.of("./leads"));
            assertThat(LeadStoreDataSource.h2File("jdbc:h2:~/ecowatch/leads"))
                    .contains(Path.of(System.getProperty("user.home"), "ecowatch/leads"));
        }

        @Test
        void otherUrlsHaveNoPath() {
            assertThat(LeadStoreDataSource.h2File("jdbc:h2:mem:leads")).isEmpty();
            assertThat(LeadStoreDataSource.h2File("jdbc:h2:tcp://db:9092/leads")).isEmpty();
            assertThat(LeadStoreDataSource.h2File("jdbc:postgresql://db:5432/ecowatch")).isEmpty();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamed() {
        PipelineConfig.LeadStore nowhere = new PipelineConfig.LeadStore("jdbc:postgresql://127.0.0.1:1/ecowatch", null, null);

        assertThatThrownBy(() -> LeadStoreDataSource.create(nowhere, name -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to the lead store jdbc:postgresql://127.0.0.1:1/ecowatch "
                        + "(leadStore.jdbcUrl in pipeline.yaml)");
    }

    @Test
    void aStoreOpenedFromTheConfigMigratesAndClosesItsOwnPool() {
        LeadStore store = LeadStore.open(h2(null, null), name -> null);
        assertThat(store.healthy()).isTrue();
        assertThat(store.lastChangeSeq()).isZero();

        store.close();

        assertThat(store.healthy()).isFalse();
    }
}
