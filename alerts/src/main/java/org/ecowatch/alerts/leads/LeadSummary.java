package org.ecowatch.alerts.leads;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.ecowatch.alerts.message.Alert;

/**
 * The lead's one sentence for an officer's phone: who, what and where (the most severe alert), since when (local
 * time), how far over the limit, and how many alerts the incident holds. E.g. {@code 某造纸有限公司 (ent-001): w01018 at
 * ww-01 is 162.0 against the limit 100.0 (1.6 × the limit) since 2026-11-27 10:00 +08:00; 2 alerts: EXCEEDANCE, FLATLINE.}
 */
final class LeadSummary {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private LeadSummary() {}

    static String of(String enterpriseName, String enterpriseId, Alert top, List<Alert> members, long openedAt, ZoneId zone) {
        StringBuilder s = new StringBuilder();
        s.append(enterpriseName).append(" (").append(enterpriseId).append("): ").append(what(top));
        s.append(" since ").append(LOCAL.format(Instant.ofEpochMilli(openedAt).atZone(zone)));
        if (members.size() > 1) {
            s.append("; ").append(members.size()).append(" alerts: ")
                    .append(String.join(", ", members.stream().map(Alert::rule).distinct().toList()));
        }
        return s.append('.').toString();
    }

    private static String what(Alert a) {
        String where = " at " + a.deviceId();
        return switch (a.rule()) {
            case "EXCEEDANCE" -> a.metric() + where + overLimit(a);
            case "EARLY_WARNING" -> a.metric() + where + " near its limit" + aboveWarningLevel(a);
            case "TREATMENT_OFF" -> "treatment facility off while production runs";
            case "WATER_BALANCE" -> "water balance off, suspected bypass" + where;
            case "OFFLINE" -> "device " + a.deviceId() + " offline";
            case "ZERO_VALUE" -> a.metric() + where + " reads zero while the outlet flows";
            case "FLATLINE" -> a.metric() + where + " flat-lined";
            case "OUT_OF_RANGE" -> a.metric() + where + " out of its instrument range" + value(a);
            default -> a.rule() + where + (a.metric() == null ? "" : " " + a.metric());
        } + (a.state().name().equals("RESOLVED") ? " (resolved)" : "");
    }

    private static String overLimit(Alert a) {
        if (!Double.isFinite(a.observed()) || a.limit() == null || a.limit() <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, " is %.1f against the limit %.1f (%.1f × the limit)", a.observed(), a.limit(),
                a.observed() / a.limit());
    }

    /** An early warning's limit is the warning level (a share of the discharge limit), not the limit itself. */
    private static String aboveWarningLevel(Alert a) {
        if (!Double.isFinite(a.observed()) || a.limit() == null) {
            return "";
        }
        return String.format(Locale.ROOT, ": %.1f, above the warning level %.1f", a.observed(), a.limit());
    }

    private static String value(Alert a) {
        return Double.isFinite(a.observed()) ? String.format(Locale.ROOT, " (%.1f)", a.observed()) : "";
    }
}
