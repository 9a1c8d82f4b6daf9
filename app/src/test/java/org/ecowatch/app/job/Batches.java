package org.ecowatch.app.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Telemetry batches for tests: two readings each, 30 s apart, from a named instant. */
final class Batches {
    static final Instant MORNING = Instant.parse("2026-11-27T00:00:00Z");

    private Batches() {}

    static List<String> valid(int count, Instant from, String... metrics) {
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder readings = new StringBuilder();
            for (String metric : metrics) {
                readings.append(readings.isEmpty() ? "" : ",").append("{\"metric\":\"").append(metric)
                        .append("\",\"value\":").append(10 + i % 7).append('}');
            }
            batches.add("{\"schema\":\"ecowatch.telemetry/1\",\"ts\":" + from.plusSeconds(30L * i).toEpochMilli()
                    + ",\"readings\":[" + readings + "]}");
        }
        return batches;
    }
}
