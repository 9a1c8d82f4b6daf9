package org.ecowatch.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading timestamps: ISO-8601 with an offset, or epoch milliseconds (CONTRACT §2). */
final class Timestamps {
    /** Anything earlier is taken for a mistake (typically epoch seconds sent as milliseconds). */
    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Clocks drift, but readings from more than a day ahead of their arrival are wrong. */
    static final long MAX_AHEAD = Duration.ofDays(1).toMillis();

    record Parsed(long epochMillis, String error) {}

    private Timestamps() {}

    static Parsed parse(JsonNode node, long receivedAt) {
        long millis;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            millis = node.longValue();
        } else if (node.isTextual()) {
            try {
                millis = OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return error("\"" + node.asText() + "\" is not ISO-8601 with an offset (e.g. 2026-11-27T08:00:00+08:00)"
                        + " nor epoch milliseconds");
            }
        } else {
            return error(node + " must be an ISO-8601 string with an offset or an integer of epoch milliseconds");
        }
        if (millis < EARLIEST) {
            return error(millis + " is before 2000-01-01: epoch milliseconds are expected (seconds sent by mistake?)");
        }
        if (millis > receivedAt + MAX_AHEAD) {
            return error(Instant.ofEpochMilli(millis) + " is more than a day ahead of its arrival at "
                    + Instant.ofEpochMilli(receivedAt) + ": check the device clock");
        }
        return new Parsed(millis, null);
    }

    private static Parsed error(String message) {
        return new Parsed(0L, message);
    }
}
