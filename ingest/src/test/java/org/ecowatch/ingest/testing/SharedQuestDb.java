package org.ecowatch.ingest.testing;

import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One embedded QuestDB for all tests of a class (startup takes a second or more), with the readings tables
 * created, under {@code target/questdb/}; @Nested classes share their enclosing class's server. Register it with
 * {@code @RegisterExtension static final SharedQuestDb QUEST_DB = new SharedQuestDb();}.
 */
public final class SharedQuestDb implements BeforeAllCallback, AfterAllCallback {

    private Path root;
    private EmbeddedQuestDb db;
    /** The class whose container started the server: @Nested classes run these callbacks again. */
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (db != null) {
            return;
        }
        owner = context.getUniqueId();
        root = newRoot(context.getRequiredTestClass().getSimpleName());
        db = EmbeddedQuestDb.start(root);
        ReadingsTables.create(db.httpUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (db == null || !context.getUniqueId().equals(owner)) {
            return;
        }
        db.close();
        db = null;
        deleteExceptLogs(root);
    }

    public EmbeddedQuestDb db() {
        return db;
    }

    public String httpUrl() {
        return db.httpUrl();
    }

    public Connection connect() throws SQLException {
        return connect(db);
    }

    /** The first column of the first row of {@code sql} as a number, e.g. of {@code SELECT count() …}. */
    public long queryLong(String sql) {
        return queryLong(db, sql);
    }

    /** Waits until the count {@code sql} returns {@code expected}; see {@link #awaitCount(EmbeddedQuestDb, String, long)}. */
    public void awaitCount(String sql, long expected) {
        awaitCount(db, sql, expected);
    }

    public static Connection connect(EmbeddedQuestDb db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
    }

    public static long queryLong(EmbeddedQuestDb db, String sql) {
        try (Connection connection = connect(db); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    public static void execute(EmbeddedQuestDb db, String sql) {
        try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    /**
     * Waits until the count {@code sql} returns {@code expected}: WAL tables apply writes asynchronously, so a
     * count right after a write may still be short.
     */
    public static void awaitCount(EmbeddedQuestDb db, String sql, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> queryLong(db, sql) == expected);
    }

    /** A fresh directory under {@code target/questdb/} for a QuestDB root. */
    public static Path newRoot(String name) throws IOException {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "questdb");
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, name + "-");
    }

    /**
     * Deletes a QuestDB root except its {@code log} directory: QuestDB's logger is JVM-wide and may still be
     * writing there for other instances (see {@link EmbeddedQuestDb#logDirectory()}), and logs are small.
     */
    public static void deleteExceptLogs(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Path logs = root.resolve("log");
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).filter(path -> !path.startsWith(logs) && !path.equals(root)).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
