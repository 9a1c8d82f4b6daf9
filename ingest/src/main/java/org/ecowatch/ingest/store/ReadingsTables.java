package org.ecowatch.ingest.store;

import org.ecowatch.configs.Device;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The QuestDB tables of the readings store, one per device kind, created so that replays are idempotent.
 *
 * <p>QuestDB only de-duplicates WAL tables declared with {@code DEDUP UPSERT KEYS}; a table that a
 * line-protocol write auto-creates keeps every duplicate. So these tables must exist before the first
 * write. The upsert keys are the reading's identity (time, enterprise, device, metric, kind, period), not
 * its {@code flag}: a reading re-sent with a corrected flag replaces the old row. InfluxDB 2/3 need no DDL:
 * a point with the same measurement, tag set and timestamp overwrites the earlier one by design (there the
 * flag is a tag, so a corrected flag adds a series rather than replacing it).
 */
public final class ReadingsTables {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private ReadingsTables() {}

    /** The line-protocol measurement, and QuestDB table, of a device kind: {@code wastewater_outlet} … */
    public static String measurement(Device.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for the table of one device kind. */
    public static String createTableSql(Device.Kind kind) {
        return "CREATE TABLE IF NOT EXISTS " + measurement(kind) + " ("
                + "ts TIMESTAMP, enterprise SYMBOL, device SYMBOL, metric SYMBOL, flag SYMBOL, kind SYMBOL, "
                + "period SYMBOL, value DOUBLE"
                + ") TIMESTAMP(ts) PARTITION BY DAY WAL"
                + " DEDUP UPSERT KEYS(ts, enterprise, device, metric, kind, period)";
    }

    /** The statements for every device kind, in {@link Device.Kind} order. */
    public static List<String> createTableStatements() {
        return Arrays.stream(Device.Kind.values()).map(ReadingsTables::createTableSql).toList();
    }

    /** Creates the missing tables through a PostgreSQL-wire connection to QuestDB. */
    public static void create(Connection questDb) throws SQLException {
        try (Statement statement = questDb.createStatement()) {
            for (String sql : createTableStatements()) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Creates the missing tables through QuestDB's HTTP {@code /exec} endpoint, the same base URL that the
     * line-protocol writes go to.
     *
     * @param httpUrl e.g. {@code http://127.0.0.1:9000}
     * @throws IOException when QuestDB is unreachable or refuses a statement (the message carries its answer)
     */
    public static void create(String httpUrl) throws IOException {
        String base = httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl;
        HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        for (String sql : createTableStatements()) {
            URI uri = URI.create(base + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build();
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while creating the readings tables at " + base, e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("QuestDB at " + base + " refused `" + sql + "`: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        }
    }
}
