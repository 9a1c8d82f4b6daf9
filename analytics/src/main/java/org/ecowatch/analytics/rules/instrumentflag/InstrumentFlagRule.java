package org.ecowatch.analytics.rules.instrumentflag;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.Held;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.analytics.rules.Run;
import org.ecowatch.ingest.reading.Reading;

/**
 * INSTRUMENT_FLAG: what the equipment's own HJ 212 data flags say about the analyser of one metric. Keyed by
 * {@code enterpriseId/deviceId/metric}: HJ 212 flags each pollutant's value, and each metric has its own analyser
 * (a logger-wide B flags every metric: one signal per metric, which the lead groups into one incident).
 *
 * <ul>
 *   <li><b>equipment fault</b> (WARNING): an unbroken run of readings flagged D (fault), F (stopped) or B
 *       (communication error) for at least {@code faultDuration}; any other flag breaks the run, and so does a
 *       silence of {@link #GAP};</li>
 *   <li><b>maintenance abuse</b> (WARNING): readings flagged M (maintenance) or C (calibration) covering more than
 *       {@code maintenancePerDay} of one local day (the enterprise's zone). A reading covers the time back to the
 *       previous reading of its key, at most the device's reporting interval. Reported once per day;</li>
 *   <li><b>manual value</b> (MAJOR, at once): any reading flagged S, a value typed in by a person, which is how
 *       data gets falsified.</li>
 * </ul>
 *
 * <p>These are one condition per key (the alert lifecycle has one episode per rule and metric): it holds while any
 * of the three does, with the highest severity seen in the episode (a manual value during a fault escalates it;
 * the end of the manual values does not lower it), and it clears at the first valid reading (N or T), when the
 * analyser delivers data again. Real-time values only: HJ 212 minute, hour and day data repeat the flags of the
 * values they summarise.
 */
public class InstrumentFlagRule extends OrderedReadingsFunction {
    public static final String RULE = "INSTRUMENT_FLAG";
    /** A silence this long ends a fault run (product choice, as the other duration rules). */
    public static final Duration GAP = Duration.ofHours(1);
    static final Map<String, String> FAULT_FLAGS = Map.of("D", "fault", "F", "stopped", "B", "communication error");
    static final Set<String> MAINTENANCE_FLAGS = Set.of("M", "C");
    static final Set<String> VALID_FLAGS = Set.of("N", "T");

    private final DetectionConfig config;
    private final RuleParameters.InstrumentFlag parameters;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<FaultRun> fault;
    private transient ValueState<MaintenanceDay> maintenance;

    public InstrumentFlagRule(DetectionConfig config) {
        // a day's maintenance time must survive pauses in the readings: quiet only once the local day is surely over
        super(Duration.ofDays(1).toMillis());
        this.config = config;
        this.parameters = config.parameters().instrumentFlag();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        lastSeen = valueState("lastSeen", Types.LONG);
        fault = valueState("fault", TypeInformation.of(FaultRun.class));
        maintenance = valueState("maintenance", TypeInformation.of(MaintenanceDay.class));
    }

    @Override
    protected boolean accepts(Reading r) {
        return Reading.REAL_TIME.equals(r.kind());
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        long covers = covers(r);
        long day = Instant.ofEpochMilli(r.ts()).atZone(config.zone(r.enterpriseId())).toLocalDate().toEpochDay();
        MaintenanceDay today = maintenance.value();
        if (today != null && today.epochDay() != day) {
            maintenance.clear();
            today = null;
        }
        String flag = r.flag();
        if (VALID_FLAGS.contains(flag)) {
            fault.clear();
            Held before = held("");
            if (before != null) {
                signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), r.ts(), false,
                        before.severity(), r.value(), null, 0,
                        r.metric() + " delivers valid data again (flag " + flag + ")", List.of(Evidence.of(r))), out);
            }
        } else if (FAULT_FLAGS.containsKey(flag)) {
            onFault(r, out);
        } else if (MAINTENANCE_FLAGS.contains(flag)) {
            fault.clear();
            today = today == null ? MaintenanceDay.of(day, r, covers) : today.with(r, covers);
            maintenance.update(today);
            onMaintenance(r, today, out);
        } else if ("S".equals(flag)) {
            fault.clear();
            hold(r, r.ts(), Severity.MAJOR, r.value(), null, 0,
                    r.metric() + " carries a manually set value " + r.value() + " (flag S) at " + Instant.ofEpochMilli(r.ts())
                            + ": manual values are a falsification risk",
                    List.of(Evidence.of(r)), out);
        }
    }

    /** The time {@code r} stands for: back to the previous reading of the key, at most the device's interval. */
    private long covers(Reading r) throws Exception {
        long interval = config.interval(r.enterpriseId(), r.deviceId()).toMillis();
        Long previous = lastSeen.value();
        lastSeen.update(r.ts());
        return previous == null ? interval : Math.max(0, Math.min(r.ts() - previous, interval));
    }

    private void onFault(Reading r, Collector<Anomaly> out) throws Exception {
        FaultRun current = fault.value();
        current = current == null || r.ts() - current.run().last() > GAP.toMillis() ? FaultRun.of(r) : current.with(r);
        fault.update(current);
        Run run = current.run();
        if (run.lengthMillis() >= parameters.faultDuration().toMillis()) {
            hold(r, run.start(), Severity.WARNING, minutes(run.lengthMillis()), (double) parameters.faultDuration().toMinutes(),
                    run.lengthMillis(), r.metric() + " has been flagged " + describe(current.flags()) + " since "
                            + Instant.ofEpochMilli(run.start()) + " (" + Duration.ofMillis(run.lengthMillis()).toMinutes()
                            + " minutes): equipment fault",
                    run.evidence().kept(), out);
        }
    }

    private void onMaintenance(Reading r, MaintenanceDay today, Collector<Anomaly> out) throws Exception {
        long budget = parameters.maintenancePerDay().toMillis();
        if (today.millis() <= budget || today.reported()) {
            return;
        }
        maintenance.update(today.reportedNow());
        hold(r, today.firstAt(), Severity.WARNING, minutes(today.millis()), (double) parameters.maintenancePerDay().toMinutes(),
                today.millis(), r.metric() + " has been flagged M/C (maintenance, calibration) for "
                        + Duration.ofMillis(today.millis()).toMinutes() + " minutes on " + LocalDate.ofEpochDay(today.epochDay())
                        + ", more than the "
                        + parameters.maintenancePerDay().toMinutes() + " minutes a day allows: maintenance abuse",
                today.evidence().kept(), out);
    }

    /** Signals the condition holding, never lowering the severity of an episode that already holds. */
    private void hold(Reading r, long since, Severity severity, double observed, Double limit, long windowMillis,
            String message, List<Evidence> evidence, Collector<Anomaly> out) throws Exception {
        Held before = held("");
        Severity highest = before != null && before.severity().compareTo(severity) > 0 ? before.severity() : severity;
        signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), since, true, highest, observed,
                limit, windowMillis, message, evidence), out);
    }

    private static double minutes(long millis) {
        return millis / 60_000.0;
    }

    private static String describe(String flags) {
        StringBuilder text = new StringBuilder();
        for (char f : flags.toCharArray()) {
            text.append(text.length() == 0 ? "" : ", ").append(f).append(" (").append(FAULT_FLAGS.get(String.valueOf(f))).append(')');
        }
        return text.toString();
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) {
        lastSeen.clear();
        fault.clear();
        maintenance.clear();
    }
}
