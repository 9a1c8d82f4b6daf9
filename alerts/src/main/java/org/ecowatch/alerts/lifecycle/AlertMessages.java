package org.ecowatch.alerts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.ecowatch.alerts.message.MaintenanceNote;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;

/** The one human sentence of each alert message: what changed, then the rule's own words, then flapping and maintenance. */
final class AlertMessages {
    private AlertMessages() {}

    static String opened(Anomaly s, Severity severity) {
        return subject(s) + " opened (" + severity + "): " + s.message();
    }

    static String openedAfterMaintenance(Anomaly s, Severity severity, long maintenanceEnd, ZoneId zone) {
        return subject(s) + " opened (" + severity + ") because it still holds after the maintenance that ended at "
                + time(maintenanceEnd, zone) + ": " + s.message();
    }

    static String escalated(Anomaly s, Severity from, Severity to) {
        return subject(s) + " escalated from " + from + " to " + to + ": " + s.message();
    }

    static String resolved(Anomaly clear, Duration clearFor, ZoneId zone) {
        return subject(clear) + " resolved: clear since " + time(clear.at(), zone) + " for " + human(clearFor) + ": "
                + clear.message();
    }

    /** Said on every message of a flapping episode. */
    static String flapping(int resolves, Duration window, Duration clearFor, boolean resolved) {
        return resolved
                ? "; it was flapping, so it stayed open until the condition had been clear for " + human(clearFor)
                : "; flapping: it opened and resolved " + resolves + " times within " + human(window)
                        + ", so it stays open until the condition has been clear for " + human(clearFor);
    }

    static String maintenance(List<MaintenanceNote> windows, ZoneId zone) {
        return windows.isEmpty() ? "" : "; maintenance " + windows.stream()
                .map(w -> w.device() + " " + time(w.from(), zone) + " to " + time(w.to(), zone)
                        + (w.reason() == null || w.reason().isBlank() ? "" : " (" + w.reason() + ")"))
                .collect(Collectors.joining(", "));
    }

    private static String subject(Anomaly s) {
        return s.rule() + " at " + s.enterpriseId() + "/" + s.deviceId() + (s.metric() == null ? "" : " " + s.metric());
    }

    /** Local time with its offset, e.g. {@code 2026-11-27T09:00+08:00}. */
    static String time(long epochMillis, ZoneId zone) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime().toString();
    }

    /** {@code 2 h}, {@code 15 min}, {@code 1 h 30 min}, {@code 45 s}. */
    static String human(Duration d) {
        long h = d.toHours(), m = d.toMinutesPart(), s = d.toSecondsPart();
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append(" h");
        }
        if (m > 0) {
            b.append(b.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0 || b.isEmpty()) {
            b.append(b.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return b.toString();
    }
}
