package org.ecowatch.app.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.ecowatch.configs.Device;
import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;

/**
 * Times publish → stored: looks in the store (QuestDB over its PostgreSQL wire, as a user's query would) for each
 * probe marker until its row is there. A row counts as stored when the query that first returns it has
 * <em>finished</em>, so a latency is at most one poll ({@value #POLL_MILLIS} ms plus the query) too long, never
 * too short. It includes what a user waits for: the broker, the pipeline, the sink's batching (a flush at every
 * checkpoint at the latest) and QuestDB applying its write-ahead log.
 */
final class StoredMarkers implements AutoCloseable {
    static final long POLL_MILLIS = 50;

    private final Connection connection;
    private final Probes probes;
    private final String table = ReadingsTables.measurement(Device.Kind.WASTEWATER_OUTLET);
    /** Marker → when its row was first seen (System.nanoTime). */
    private final Map<Probes.Marker, Long> stored = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread poller;
    private volatile boolean running = true;

    StoredMarkers(String jdbcUrl, Probes probes) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, EmbeddedQuestDb.PG_USER, EmbeddedQuestDb.PG_PASSWORD);
        this.probes = probes;
        this.poller = new Thread(this::poll, "bench-stored-markers");
        poller.setDaemon(true);
        poller.start();
    }

    /** When the marker's row was first seen, or null. */
    Long storedAt(Probes.Marker marker) {
        return stored.get(marker);
    }

    boolean allStored() {
        return probes.markers().stream().allMatch(stored::containsKey);
    }

    Throwable failure() {
        return failure.get();
    }

    private void poll() {
        try (Statement statement = connection.createStatement()) {
            while (running) {
                for (Probes.Marker marker : probes.markers()) {
                    if (!stored.containsKey(marker) && isStored(statement, marker)) {
                        stored.put(marker, System.nanoTime());
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Probes' times fall on no fleet reading's whole minute: the designated timestamp finds the row at once. */
    private boolean isStored(Statement statement, Probes.Marker marker) throws SQLException {
        String sql = "SELECT count() FROM " + table + " WHERE ts = '" + Instant.ofEpochMilli(marker.ts()) + "' AND enterprise = '"
                + marker.enterpriseId() + "' AND device = '" + BenchFleet.PROBE_DEVICE + "' AND metric = 'w01018'";
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(2_000);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException ignored) {
            // Closing anyway.
        }
    }
}
