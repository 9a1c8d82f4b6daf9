package org.ecowatch.analytics.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigProblem;
import org.ecowatch.configs.Thresholds;

/**
 * The typed, validated parameters of every anomaly rule, from {@code rules:} in thresholds.yaml with DOMAIN.md's
 * defaults for whatever is omitted. docs/RULES.md documents each parameter and the source of its default.
 * Build it once with {@link #from(Thresholds)} when the job starts; a bad value fails the start with a message
 * naming the file, the parameter and the fix.
 */
public record RuleParameters(
        Exceedance exceedance,
        EarlyWarning earlyWarning,
        Flatline flatline,
        ZeroValue zeroValue,
        OutOfRange outOfRange,
        InstrumentFlag instrumentFlag,
        Offline offline,
        TreatmentOff treatmentOff,
        WaterBalance waterBalance) implements Serializable {

    /** Clear at 90 % of a limit (DOMAIN.md, hysteresis). */
    static final double DEFAULT_CLEAR_FRACTION = 0.9;

    /**
     * @param criticalFactor severity CRITICAL when the valid average is at least this many times the limit
     * @param clearFraction  a holding exceedance clears once a valid average is at or below this fraction of the limit
     */
    public record Exceedance(double criticalFactor, double clearFraction) implements Serializable {}

    /**
     * @param fraction      warn when the rolling average over {@code window} is above this fraction of the limit
     * @param clearFraction clear once the rolling average is at or below this fraction of the warning level
     */
    public record EarlyWarning(double fraction, Duration window, double clearFraction) implements Serializable {}

    /** @param tolerance the largest variation that still counts as flat, as a fraction of the instrument range */
    public record Flatline(Duration minDuration, double tolerance) implements Serializable {
        /** Below this absolute spread a value is flat whatever the range (DOMAIN.md: max(0.1 % of range, 1e-6)). */
        public static final double MINIMUM_TOLERANCE = 1e-6;
    }

    public record ZeroValue(Duration minDuration) implements Serializable {}

    public record OutOfRange(Duration minDuration) implements Serializable {}

    /**
     * @param faultDuration     flags D/F/B for this long is an equipment fault
     * @param maintenancePerDay flags M/C for more than this in one calendar day is maintenance abuse
     */
    public record InstrumentFlag(Duration faultDuration, Duration maintenancePerDay) implements Serializable {}

    /**
     * @param startupGrace after the job (re)starts, no OFFLINE fires before this much wall time has passed, so a
     *                     restart or a broker outage does not raise a burst of false alerts
     */
    public record Offline(int intervals, Duration minimum, Duration leadAfter, Duration leadAfterKey, Duration startupGrace)
            implements Serializable {
        /** Without {@code startupGrace}: its default, twice {@code minimum}. */
        public Offline(int intervals, Duration minimum, Duration leadAfter, Duration leadAfterKey) {
            this(intervals, minimum, leadAfter, leadAfterKey, minimum.multipliedBy(2));
        }

        /** How long a device with this reporting interval may stay silent: {@code intervals} × interval, at least {@code minimum}. */
        public Duration window(Duration interval) {
            Duration window = interval.multipliedBy(intervals);
            return window.compareTo(minimum) < 0 ? minimum : window;
        }
    }

    public record TreatmentOff(Duration minDuration, double idleFraction) implements Serializable {}

    public record WaterBalance(double dischargeFraction, Duration zeroDischarge) implements Serializable {}

    /** DOMAIN.md's defaults for every rule. */
    public static RuleParameters defaults() {
        return read(Map.of(), ParameterReader.newProblems());
    }

    /** The parameters written in {@code thresholds.rules()}, defaults for the rest; every problem reported at once. */
    public static RuleParameters from(Thresholds thresholds) throws ConfigException {
        List<ConfigProblem> problems = ParameterReader.newProblems();
        RuleParameters parameters = read(thresholds.rules(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return parameters;
    }

    private static RuleParameters read(Map<String, Map<String, Object>> rules, List<ConfigProblem> problems) {
        double inf = Double.POSITIVE_INFINITY;
        String fraction = "a fraction between 0 and 1 (exclusive)";

        ParameterReader p = reader("EXCEEDANCE", rules, problems);
        Exceedance exceedance = new Exceedance(
                p.number("criticalFactor", 1.5, 1.0, inf, "a factor greater than 1"),
                p.number("clearFraction", DEFAULT_CLEAR_FRACTION, 0, 1, fraction));
        p.rejectUnknown();

        p = reader("EARLY_WARNING", rules, problems);
        EarlyWarning earlyWarning = new EarlyWarning(
                p.number("fraction", 0.8, 0, 1, fraction),
                p.duration("window", Duration.ofMinutes(15)),
                p.number("clearFraction", DEFAULT_CLEAR_FRACTION, 0, 1, fraction));
        p.rejectUnknown();

        p = reader("FLATLINE", rules, problems);
        Flatline flatline = new Flatline(p.duration("minDuration", Duration.ofHours(4)),
                p.number("tolerance", 0.001, 0, 1, fraction + " of the instrument range"));
        p.rejectUnknown();

        p = reader("ZERO_VALUE", rules, problems);
        ZeroValue zeroValue = new ZeroValue(p.duration("minDuration", Duration.ofHours(1)));
        p.rejectUnknown();

        p = reader("OUT_OF_RANGE", rules, problems);
        OutOfRange outOfRange = new OutOfRange(p.duration("minDuration", Duration.ofMinutes(15)));
        p.rejectUnknown();

        p = reader("INSTRUMENT_FLAG", rules, problems);
        InstrumentFlag instrumentFlag = new InstrumentFlag(p.duration("faultDuration", Duration.ofHours(1)),
                p.duration("maintenancePerDay", Duration.ofHours(4)));
        p.rejectUnknown();
        if (instrumentFlag.maintenancePerDay().compareTo(Duration.ofDays(1)) >= 0) {
            problems.add(new ConfigProblem(ParameterReader.FILE, "rules.INSTRUMENT_FLAG.maintenancePerDay",
                    instrumentFlag.maintenancePerDay() + " is a whole day or more, so it could never be exceeded",
                    "write a duration shorter than P1D, e.g. PT4H"));
        }

        p = reader("OFFLINE", rules, problems);
        int intervals = p.count("intervals", 3, 1);
        Duration minimum = p.duration("minimum", Duration.ofMinutes(10));
        Offline offline = new Offline(intervals, minimum, p.duration("leadAfter", Duration.ofHours(12)),
                p.duration("leadAfterKey", Duration.ofHours(1)), p.duration("startupGrace", minimum.multipliedBy(2)));
        p.rejectUnknown();

        p = reader("TREATMENT_OFF", rules, problems);
        TreatmentOff treatmentOff = new TreatmentOff(p.duration("minDuration", Duration.ofMinutes(15)),
                p.number("idleFraction", 0.3, 0, 1, fraction + " of the rated power"));
        p.rejectUnknown();

        p = reader("WATER_BALANCE", rules, problems);
        WaterBalance waterBalance = new WaterBalance(p.number("dischargeFraction", 0.5, 0, 1, fraction + " of the intake"),
                p.duration("zeroDischarge", Duration.ofHours(2)));
        p.rejectUnknown();

        return new RuleParameters(exceedance, earlyWarning, flatline, zeroValue, outOfRange, instrumentFlag, offline,
                treatmentOff, waterBalance);
    }

    private static ParameterReader reader(String rule, Map<String, Map<String, Object>> rules, List<ConfigProblem> problems) {
        return new ParameterReader(rule, rules.getOrDefault(rule, Map.of()), problems);
    }
}
