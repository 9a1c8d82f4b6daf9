package org.ecowatch.ingest.store;

import io.questdb.ServerMain;
import io.questdb.log.LogFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QuestDB running inside this JVM: the default readings store for {@code demo} and the store of the tests.
 *
 * <p>It listens on loopback only: HTTP (InfluxDB-v2 line protocol at {@code /api/v2/write}, SQL at
 * {@code /exec}) and the PostgreSQL wire protocol. Telemetry, the raw line-protocol TCP/UDP listeners and
 * the "min" health server are off, and QuestDB's own log goes to {@code ROOT/log/}, never to stdout.
 * QuestDB's logging is JVM-wide and set up once: with several instances in one JVM (tests), all log under
 * the root of the first one ({@link #logDirectory()}).
 *
 * <pre>{@code
 * try (EmbeddedQuestDb db = EmbeddedQuestDb.start(Path.of("data/questdb"))) {
 *     ReadingsTables.create(db.httpUrl());
 *     String url = db.httpUrl();   // the store url for ReadingsStoreSink
 * }
 * }</pre>
 */
public final class EmbeddedQuestDb implements AutoCloseable {

    /** QuestDB's built-in credentials on the PostgreSQL wire. */
    public static final String PG_USER = "admin";
    public static final String PG_PASSWORD = "quest";

    private static final String LOOPBACK = "127.0.0.1";

    /** The root whose log directory QuestDB's JVM-wide logger writes to: the first one started. */
    private static Path logRoot;

    private final Path root;
    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;
    private boolean closed;

    private EmbeddedQuestDb(Path root, ServerMain server, int httpPort, int pgPort) {
        this.root = root;
        this.server = server;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
    }

    /** Starts QuestDB under {@code root} on free loopback ports. */
    public static EmbeddedQuestDb start(Path root) {
        return start(root, 0, 0);
    }

    /**
     * Starts QuestDB under {@code root} (created if missing; tables persist there across restarts).
     *
     * @param httpPort the HTTP port, 0 for a free one
     * @param pgPort   the PostgreSQL wire port, 0 for a free one
     */
    public static EmbeddedQuestDb start(Path root, int httpPort, int pgPort) {
        if (httpPort < 0 || httpPort > 65535 || pgPort < 0 || pgPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535, got http " + httpPort + ", pg " + pgPort);
        }
        Path absoluteRoot = root.toAbsolutePath();
        configureLogging(absoluteRoot);
        ServerMain server = ServerMain.create(absoluteRoot.toString(), settings(httpPort, pgPort));
        try {
            server.start();
            server.awaitStartup();
        } catch (RuntimeException | Error e) {
            server.close();
            throw new IllegalStateException("embedded QuestDB under " + absoluteRoot + " did not start on ports http "
                    + httpPort + ", pg " + pgPort + " (see its log in " + absoluteRoot.resolve("log") + ")", e);
        }
        // With port 0 the servers bind a free port and report it.
        return new EmbeddedQuestDb(absoluteRoot, server, server.getHttpServerPort(), server.getPgWireServerPort());
    }

    /** {@code http://127.0.0.1:PORT}: the store URL for the InfluxDB v2 client, and the base of {@code /exec}. */
    public String httpUrl() {
        return "http://" + LOOPBACK + ":" + httpPort;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/qdb}, user {@value #PG_USER}, password {@value #PG_PASSWORD}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + LOOPBACK + ":" + pgPort + "/qdb";
    }

    public int httpPort() {
        return httpPort;
    }

    public int pgPort() {
        return pgPort;
    }

    public Path root() {
        return root;
    }

    /** Where QuestDB's log files are: {@code ROOT/log} of the first instance started in this JVM. */
    public Path logDirectory() {
        synchronized (EmbeddedQuestDb.class) {
            return logRoot.resolve("log");
        }
    }

    /** Stops the server; the data stays under {@link #root()}. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }

    /** server.conf properties, passed as QuestDB's {@code QDB_*} environment overrides. */
    private static Map<String, String> settings(int httpPort, int pgPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("http.net.bind.to", LOOPBACK + ":" + httpPort);
        props.put("pg.net.bind.to", LOOPBACK + ":" + pgPort);
        // The "min" health server would listen on 0.0.0.0:9003; nothing here needs it.
        props.put("http.min.enabled", "false");
        // Raw ILP listeners (TCP 9009, UDP 9009) bind to all interfaces by default; we write over HTTP only.
        props.put("line.tcp.enabled", "false");
        props.put("line.udp.enabled", "false");
        // No phoning home from an enforcement system.
        props.put("telemetry.enabled", "false");
        props.put("telemetry.disable.completely", "true");
        // Modest threads: the store shares the machine with the Flink job.
        props.put("shared.worker.count", "2");
        Map<String, String> env = new LinkedHashMap<>();
        props.forEach((key, value) -> env.put(ServerMain.propertyPathToEnvVarName(key), value));
        return env;
    }

    /**
     * QuestDB's LogFactory is a JVM-wide singleton that reads ROOT/conf/log.conf on first use: point it at
     * our root before anything in QuestDB logs, or it falls back to its console writer (stdout). Every root
     * gets the file-only log.conf, so a QuestDB started later on the same root logs the same way.
     */
    private static synchronized void configureLogging(Path root) {
        writeLogConfiguration(root);
        if (logRoot == null) {
            LogFactory.configureRootDir(root.toString());
            logRoot = root;
        }
    }

    /** Only a file writer: QuestDB's default log.conf also writes to stdout. */
    private static void writeLogConfiguration(Path root) {
        Path conf = root.resolve("conf").resolve("log.conf");
        String content = String.join("\n",
                "# written by ecowatch: QuestDB logs to ROOT/log only",
                "writers=file",
                "w.file.class=io.questdb.log.LogRollingFileWriter",
                "w.file.location=${log.dir}/questdb.log.${date:yyyyMMdd}",
                "w.file.level=INFO,ERROR",
                "w.file.rollEvery=day",
                "w.file.rollSize=64m",
                "w.file.lifeDuration=7d",
                "w.file.sizeLimit=256m",
                "");
        try {
            Files.createDirectories(conf.getParent());
            Files.writeString(conf, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write QuestDB's log configuration " + conf, e);
        }
    }
}
