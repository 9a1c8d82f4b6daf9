package org.ecowatch.alerts.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.ecowatch.configs.PipelineConfig;

/**
 * The connection pool of the lead store, from {@code leadStore} of pipeline.yaml: the JDBC URL, and the user name and
 * password from the environment variables the config names (never from the file).
 */
public final class LeadStoreDataSource {

    private static final int POOL_SIZE = 8;
    /** How long a request waits for a connection before the store counts as unavailable (HTTP 503). */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private LeadStoreDataSource() {}

    /**
     * A pool on {@code config.jdbcUrl()}. For an H2 file database the parent directory is created.
     *
     * @param env the environment, e.g. {@code System::getenv}
     * @throws IllegalStateException when an environment variable the config names is not set, or the database
     *                               cannot be reached
     */
    public static HikariDataSource create(PipelineConfig.LeadStore config, Function<String, String> env) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ecowatch-lead-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(fromEnv(env, "usernameEnv", config.usernameEnv(), "the lead store's user name"));
        hikari.setPassword(fromEnv(env, "passwordEnv", config.passwordEnv(), "the lead store's password"));
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        h2File(config.jdbcUrl()).map(Path::toAbsolutePath).map(Path::getParent).ifPresent(LeadStoreDataSource::mkdirs);
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot connect to the lead store " + config.jdbcUrl()
                    + " (leadStore.jdbcUrl in pipeline.yaml): " + cause.getMessage(), e);
        }
    }

    private static String fromEnv(Function<String, String> env, String key, String variable, String what) {
        if (variable == null) {
            return null;
        }
        String value = env.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("leadStore." + key + " in pipeline.yaml names the environment variable "
                    + variable + ", which is not set: set " + variable + " to " + what + ", or remove leadStore."
                    + key);
        }
        return value;
    }

    /**
     * The database path of an H2 file URL ({@code jdbc:h2:file:./data/leads}, {@code jdbc:h2:./data/leads},
     * {@code jdbc:h2:~/leads}); empty for other databases and for H2's in-memory and server URLs.
     */
    static Optional<Path> h2File(String jdbcUrl) {
        String prefix = "jdbc:h2:";
        if (!jdbcUrl.startsWith(prefix)) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring(prefix.length()).split(";", 2)[0];
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (!(path.startsWith(".") || path.startsWith("/") || path.startsWith("~"))) {
            return Optional.empty();                                   // mem:, tcp:, ssl:, zip:, …
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path));
    }

    private static void mkdirs(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory " + directory + " of the lead store's H2 "
                    + "database (leadStore.jdbcUrl in pipeline.yaml): " + e, e);
        }
    }
}
