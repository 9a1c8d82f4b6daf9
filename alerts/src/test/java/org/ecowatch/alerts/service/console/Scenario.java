package org.ecowatch.alerts.service.console;

import static org.awaitility.Awaitility.await;
import static org.ecowatch.alerts.service.console.Incidents.alert;
import static org.ecowatch.alerts.service.console.Incidents.lead;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.readings.LineProtocol;
import org.ecowatch.analytics.anomaly.Severity;

/**
 * A working day of the demo district as the console's tests find it: alerts open and resolved across the three
 * districts, leads in every status (one overdue, one confirmed, one closed), and a day of readings of two
 * enterprises in the readings store, ent-001's COD above its limit for the last three hours.
 */
final class Scenario {
    static final String STATION = ApiTokens.DEMO_STATION_TOKEN;
    /** ent-001's COD limit (its discharge permit, thresholds.yaml). */
    static final double ENT_001_COD_LIMIT = 60.0;
    static final int LEADS = 7;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final Random random = new Random(7);

    Instant now() {
        return now;
    }

    void play(RunningLeadService service, String questDbUrl) throws Exception {
        writeReadings(questDbUrl);
        Instant h = now;
        // 经开区 (jingkai)
        Alert cod = alert("ent-001", "ww-01", "w01018", "EXCEEDANCE", Severity.CRITICAL, AlertState.OPENED,
                h.minus(Duration.ofHours(3)), h.minus(Duration.ofMinutes(170)), 96.4, ENT_001_COD_LIMIT);
        Alert nearCod = alert("ent-001", "ww-01", "w01018", "EARLY_WARNING", Severity.WARNING, AlertState.RESOLVED,
                h.minus(Duration.ofMinutes(215)), h.minus(Duration.ofMinutes(175)), 52.0, ENT_001_COD_LIMIT * 0.8);
        Alert treatment = alert("ent-002", "pm-treat", null, "TREATMENT_OFF", Severity.CRITICAL, AlertState.OPENED,
                h.minus(Duration.ofHours(5)), h.minus(Duration.ofMinutes(285)), 2.1, null);
        Alert offline = alert("ent-004", "pm-treat", null, "OFFLINE", Severity.WARNING, AlertState.OPENED,
                h.minus(Duration.ofMinutes(40)), h.minus(Duration.ofMinutes(10)), Double.NaN, null);
        Alert nox = alert("ent-005", "fg-01", "a21002", "EARLY_WARNING", Severity.WARNING, AlertState.OPENED,
                h.minus(Duration.ofMinutes(25)), h.minus(Duration.ofMinutes(10)), 42.0, 40.0);
        // 铜官 (tongguan)
        Alert flat = alert("ent-007", "fg-01", "a21002", "FLATLINE", Severity.MAJOR, AlertState.OPENED,
                h.minus(Duration.ofHours(9)), h.minus(Duration.ofHours(5)), 88.0, null);
        Alert paper = alert("ent-009", "ww-01", "w01018", "EXCEEDANCE", Severity.MAJOR, AlertState.RESOLVED,
                h.minus(Duration.ofHours(60)), h.minus(Duration.ofHours(57)), 118.0, 90.0);
        Alert zero = alert("ent-010", "ww-01", "w01018", "ZERO_VALUE", Severity.MAJOR, AlertState.OPENED,
                h.minus(Duration.ofHours(2)), h.minus(Duration.ofMinutes(60)), 0.0, null);
        // 靖港 (jinggang)
        Alert balance = alert("ent-012", "wm-out", "water.volume", "WATER_BALANCE", Severity.MAJOR, AlertState.OPENED,
                h.minus(Duration.ofHours(7)), h.minus(Duration.ofHours(4)), 0.31, 0.5);
        Alert range = alert("ent-013", "fg-01", "a34013", "OUT_OF_RANGE", Severity.WARNING, AlertState.RESOLVED,
                h.minus(Duration.ofDays(3)), h.minus(Duration.ofDays(3).minusHours(1)), 612.0, 500.0);
        Alert flag = alert("ent-014", "ww-01", "w21011", "INSTRUMENT_FLAG", Severity.INFO, AlertState.OPENED,
                h.minus(Duration.ofMinutes(95)), h.minus(Duration.ofMinutes(80)), 0.42, null);
        for (Alert a : List.of(nearCod, cod, treatment, offline, nox, flat, paper, zero, balance, range, flag)) {
            service.publish(a);
        }
        Lead codLead = lead("ent-001", Lead.Priority.P1, Lead.Action.ONSITE_INSPECTION, started(nearCod), Duration.ofHours(4), 2, List.of(cod, nearCod));
        Lead treatmentLead = lead("ent-002", Lead.Priority.P1, Lead.Action.ONSITE_INSPECTION, started(treatment), Duration.ofHours(4), 1, List.of(treatment));
        Lead flatLead = lead("ent-007", Lead.Priority.P1, Lead.Action.ONSITE_INSPECTION, started(flat), Duration.ofHours(4), 1, List.of(flat));
        Lead paperLead = lead("ent-009", Lead.Priority.P2, Lead.Action.ONSITE_INSPECTION, started(paper), Duration.ofHours(48), 1, List.of(paper));
        Lead balanceLead = lead("ent-012", Lead.Priority.P2, Lead.Action.ONSITE_INSPECTION, started(balance), Duration.ofHours(48), 1, List.of(balance));
        Lead rangeLead = lead("ent-013", Lead.Priority.P3, Lead.Action.OFFSITE_VERIFICATION, started(range), Duration.ofHours(48), 1, List.of(range));
        Lead flagLead = lead("ent-014", Lead.Priority.P3, Lead.Action.OFFSITE_VERIFICATION, started(flag), Duration.ofHours(4), 1, List.of(flag));
        for (Lead l : List.of(codLead, treatmentLead, flatLead, paperLead, balanceLead, rangeLead, flagLead)) {
            service.publish(l);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> service.get("/api/leads", STATION).body().path("total").asInt() >= LEADS);
        // What officers did with them.
        act(service, treatmentLead, "officer-02", "accept", "{\"note\":\"已通知企业，前往现场\"}");
        act(service, paperLead, "officer-04", "accept", "{}");
        act(service, flatLead, "officer-03", "accept", "{}");
        act(service, flatLead, "officer-03", "outcome", "{\"outcome\":\"CONFIRMED_VIOLATION\",\"note\":\"分析仪采样管堵塞后人工设定数值，已拍照取证\"}");
        act(service, rangeLead, "officer-05", "accept", "{}");
        act(service, rangeLead, "officer-05", "outcome", "{\"outcome\":\"NO_VIOLATION\",\"note\":\"量程设置错误，已校准\"}");
        act(service, rangeLead, "officer-05", "close", "{}");
    }

    private static Instant started(Alert alert) {
        return Instant.ofEpochMilli(alert.startedAt());
    }

    private static void act(RunningLeadService service, Lead lead, String officer, String action, String body) throws Exception {
        RunningLeadService.Answer answer = service.post("/api/leads/" + lead.leadId() + "/" + action,
                ApiTokens.demoOfficerToken(officer), body);
        if (answer.status() != 200) {
            throw new IllegalStateException(action + " of " + lead.leadId() + " by " + officer + ": " + answer);
        }
    }

    /** A day of ent-001 (COD over its limit for the last three hours) and ent-003 (normal), one reading a minute. */
    private void writeReadings(String questDbUrl) throws Exception {
        Instant start = now.minus(Duration.ofHours(24));
        Instant exceedance = now.minus(Duration.ofHours(3));
        List<String> lines = new ArrayList<>();
        double energyProd = 1_284_000;
        double energyTreat = 162_500;
        double volumeIn = 402_000;
        double volumeOut = 351_000;
        for (Instant ts = start; !ts.isAfter(now); ts = ts.plus(Duration.ofMinutes(1))) {
            double day = Math.sin((ts.getEpochSecond() % 86400) / 86400.0 * 2 * Math.PI - 1.9); // busiest mid-afternoon
            boolean over = !ts.isBefore(exceedance);
            Instant t = ts;
            DoubleUnaryOperator noise = spread -> (random.nextDouble() - 0.5) * spread;
            lines.add(point("wastewater_outlet", "ent-001", "ww-01", "w01018", (over ? 94 : 38 + 6 * day) + noise.applyAsDouble(over ? 8 : 4), t));
            lines.add(point("wastewater_outlet", "ent-001", "ww-01", "w21003", 3.1 + day + noise.applyAsDouble(0.6), t));
            lines.add(point("wastewater_outlet", "ent-001", "ww-01", "w01001", 7.3 + 0.2 * day + noise.applyAsDouble(0.1), t));
            lines.add(point("wastewater_outlet", "ent-001", "ww-01", "w00000", 24 + 4 * day + noise.applyAsDouble(2), t));
            lines.add(point("wastewater_outlet", "ent-001", "ww-01", "w21011", 0.35 + 0.08 * day + noise.applyAsDouble(0.05), t));
            lines.add(point("wastewater_outlet", "ent-001", "ww-01", "w21001", 7.5 + day + noise.applyAsDouble(0.8), t));
            double production = 760 + 180 * day + noise.applyAsDouble(40);
            double treatment = 92 + 12 * day + noise.applyAsDouble(8);
            double intake = 96 + 14 * day + noise.applyAsDouble(6);
            double discharge = 84 + 12 * day + noise.applyAsDouble(6);
            energyProd += production / 60;
            energyTreat += treatment / 60;
            volumeIn += intake / 60;
            volumeOut += discharge / 60;
            lines.add(point("power_meter", "ent-001", "pm-prod", "power.active", production, t));
            lines.add(point("power_meter", "ent-001", "pm-prod", "power.energy", energyProd, t));
            lines.add(point("power_meter", "ent-001", "pm-prod", "power.current", production / 0.658, t)); // 380 V, cos φ 0.9
            lines.add(point("power_meter", "ent-001", "pm-treat", "power.active", treatment, t));
            lines.add(point("power_meter", "ent-001", "pm-treat", "power.energy", energyTreat, t));
            lines.add(point("power_meter", "ent-001", "pm-treat", "power.current", treatment / 0.658, t));
            lines.add(point("water_meter", "ent-001", "wm-in", "water.flow", intake, t));
            lines.add(point("water_meter", "ent-001", "wm-in", "water.volume", volumeIn, t));
            lines.add(point("water_meter", "ent-001", "wm-out", "water.flow", discharge, t));
            lines.add(point("water_meter", "ent-001", "wm-out", "water.volume", volumeOut, t));
            lines.add(point("wastewater_outlet", "ent-003", "ww-01", "w01018", 46 + 5 * day + noise.applyAsDouble(4), t));
        }
        LineProtocol.write(questDbUrl, lines);
    }

    static String point(String table, String enterprise, String device, String metric, double value, Instant ts) {
        return String.format(Locale.ROOT, "%s,enterprise=%s,device=%s,metric=%s,flag=N,kind=Rtd value=%.3f %d",
                table, enterprise, device, metric, value, ts.toEpochMilli());
    }
}
