package org.ecowatch.ingest.simulator;

import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.ABOVE_RANGE;
import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.CONSTANT;
import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.FROZEN_COUNTER;
import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.MANUAL_FLAG;
import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.SHARE_OF_LIMIT;
import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.SHARE_OF_RATED_POWER;
import static org.ecowatch.ingest.simulator.ScriptedViolation.Effect.SILENT;

import java.time.Duration;
import java.util.List;

/**
 * The violations the demo district plays (enterprises of {@code configs/demo}), one per anomaly rule, early in
 * simulated time so that a demo run at an accelerated rate shows each rule firing within minutes.
 */
public final class DemoViolations {
    private DemoViolations() {}

    public static List<ScriptedViolation> all() {
        return List.of(
                // Night production with the treatment plant switched off (TREATMENT_OFF).
                v("ent-002", "pm-prod", "power.active", 60, 90, SHARE_OF_RATED_POWER, 0.85, "plating lines run"),
                v("ent-002", "pm-treat", "power.active", 60, 90, SHARE_OF_RATED_POWER, 0.01, "treatment plant switched off"),
                // COD above its limit for two hours (EXCEEDANCE, EARLY_WARNING).
                v("ent-001", "ww-01", "w01018", 30, 120, SHARE_OF_LIMIT, 1.6, "COD at 1.6 × the limit"),
                // A flat-lined NOx analyser for five hours (FLATLINE).
                v("ent-005", "fg-01", "a21002", 20, 300, CONSTANT, 21.0, "NOx analyser frozen at 21.0"),
                // A data logger that goes silent for two hours (OFFLINE).
                v("ent-006", "ww-01", null, 90, 120, SILENT, 0, "logger silent"),
                // Manual values keyed in instead of measurements (INSTRUMENT_FLAG).
                v("ent-007", "fg-01", "a21026", 40, 30, MANUAL_FLAG, 0, "SO2 values set by hand (flag S)"),
                // COD at zero while wastewater flows (ZERO_VALUE).
                v("ent-003", "ww-01", "w01018", 50, 90, CONSTANT, 0, "COD reads 0 while the outlet flows"),
                // Particulate above the analyser's range (OUT_OF_RANGE).
                v("ent-008", "fg-01", "a34013", 45, 30, ABOVE_RANGE, 0, "particulate above the instrument range"),
                // Nothing discharged through the monitored outlet while water is drawn (WATER_BALANCE).
                v("ent-012", "wm-out", "water.flow", 30, 180, CONSTANT, 0, "no discharge through the metered outlet"),
                v("ent-012", "wm-out", "water.volume", 30, 180, FROZEN_COUNTER, 0, "discharge counter stands still"));
    }

    private static ScriptedViolation v(String enterprise, String device, String metric, int startMinute, int minutes,
                                       ScriptedViolation.Effect effect, double value, String description) {
        return new ScriptedViolation(enterprise, device, metric, Duration.ofMinutes(startMinute), Duration.ofMinutes(minutes),
                effect, value, description);
    }
}
