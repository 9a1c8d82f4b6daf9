package org.ecowatch.analytics.rules.waterbalance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.state.MapState;
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
import org.ecowatch.configs.Device;
import org.ecowatch.configs.MeterMetrics;
import org.ecowatch.ingest.reading.Reading;

/**
 * WATER_BALANCE (MAJOR, suspected bypass), two conditions of one enterprise, keyed by enterprise
 * ({@code ReadingKeys.byEnterprise()}) and fed the readings of its meters: {@code water.volume} and
 * {@code water.flow} of INTAKE/DISCHARGE water meters, {@code power.active} of PRODUCTION power meters.
 *
 * <ul>
 *   <li><b>Daily balance</b> (signal metric {@code water.volume}): over a local day of the enterprise's zone, the
 *       discharged volume is below {@code dischargeFraction} × the intake volume while production ran. Volumes are
 *       differences of the cumulative counters; a counter that goes down was reset, and its new value is the volume
 *       since the reset. A difference counts for the day of its later reading. A day is judged when the watermark
 *       passes its end (or a reading of a later day arrives), and only if both sides were measured (a difference
 *       on an intake and on a discharge counter), water came in, and production ran (some production power at or
 *       above its {@code runningAbove} that day; without production power meters production is assumed to run).
 *       A judged day that balances clears the condition; an unjudged day changes nothing.</li>
 *   <li><b>Zero discharge</b> (signal metric {@code water.flow}): every discharge flow is ≤ 0 while some intake flow
 *       is > 0, for at least {@code zeroDischarge}; judged at every flow reading, clear at the first one where
 *       discharge flows again or intake stops. A flow reading older than its meter's OFFLINE window no longer
 *       counts: while a side has none, the run breaks without clearing.</li>
 * </ul>
 * Both signals name the first DISCHARGE meter the registry lists. Only readings flagged N count.
 */
public class WaterBalanceRule extends OrderedReadingsFunction {
    public static final String RULE = "WATER_BALANCE";
    /** Longer than a day, so the counters carry over a night without readings (product choice, as EXCEEDANCE). */
    public static final Duration QUIET = Duration.ofHours(25);
    static final String DAY = "day", ZERO = "zero";

    private final DetectionConfig config;
    private final RuleParameters.WaterBalance parameters;
    private transient Map<String, Optional<WaterMeters>> meters;
    private transient MapState<String, Reading> counters;
    private transient MapState<String, Reading> flows;
    private transient ValueState<WaterDay> day;
    private transient ValueState<ZeroDischargeRun> zero;

    public WaterBalanceRule(DetectionConfig config) {
        super(QUIET.toMillis());
        this.config = config;
        this.parameters = config.parameters().waterBalance();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        TypeInformation<Reading> reading = TypeInformation.of(Reading.class);
        counters = mapState("counters", Types.STRING, reading);
        flows = mapState("flows", Types.STRING, reading);
        day = valueState("day", TypeInformation.of(WaterDay.class));
        zero = valueState("zero", TypeInformation.of(ZeroDischargeRun.class));
    }

    private Optional<WaterMeters> meters(String enterpriseId) {
        if (meters == null) {
            // lazily: the job also asks accepts() before the shuffle, of a copy that is never opened (RuleGroup)
            meters = new HashMap<>();
        }
        return meters.computeIfAbsent(enterpriseId, e -> config.registry().enterprise(e).map(WaterMeters::of)
                .filter(WaterMeters::judgeable));
    }

    @Override
    protected boolean accepts(Reading r) {
        if (!"N".equals(r.flag())) {
            return false;
        }
        Optional<WaterMeters> m = meters(r.enterpriseId());
        if (m.isEmpty()) {
            return false;
        }
        return switch (r.metric()) {
            case MeterMetrics.WATER_VOLUME -> Reading.REAL_TIME.equals(r.kind()) && m.get().waterRole(r.deviceId()).isPresent();
            case MeterMetrics.WATER_FLOW -> (Reading.REAL_TIME.equals(r.kind()) || "Avg".equals(r.kind()))
                    && m.get().waterRole(r.deviceId()).isPresent();
            case MeterMetrics.POWER_ACTIVE -> (Reading.REAL_TIME.equals(r.kind()) || "Avg".equals(r.kind()))
                    && m.get().productionMeter(r.deviceId()).isPresent();
            default -> false;
        };
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        WaterMeters m = meters(r.enterpriseId()).orElseThrow();
        WaterDay today = today(r, m, ctx, out);
        switch (r.metric()) {
            case MeterMetrics.WATER_VOLUME -> onVolume(r, m, today);
            case MeterMetrics.WATER_FLOW -> onFlow(r, m, out);
            default -> {
                if (r.value() >= m.productionMeter(r.deviceId()).orElseThrow().runningAbove()) {
                    day.update(today.running(r));
                }
            }
        }
    }

    /** The day {@code r} falls in; a day that ended before it is judged first. */
    private WaterDay today(Reading r, WaterMeters m, Context ctx, Collector<Anomaly> out) throws Exception {
        WaterDay current = day.value();
        long time = timeOf(r);
        if (current != null && time >= current.end()) {
            judge(current, r.enterpriseId(), m, out);
            current = null;
        }
        if (current == null) {
            ZoneId zone = config.zone(r.enterpriseId());
            LocalDate date = Instant.ofEpochMilli(time).atZone(zone).toLocalDate();
            current = WaterDay.between(date.atStartOfDay(zone).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            ctx.timerService().registerEventTimeTimer(current.end());
            day.update(current);
        }
        return current;
    }

    private void onVolume(Reading r, WaterMeters m, WaterDay today) throws Exception {
        Reading before = counters.get(r.deviceId());
        counters.put(r.deviceId(), r);
        if (before == null) {
            return;
        }
        // a counter that went down was reset (meter replaced, roll-over): its value is what flowed since the reset
        double volume = r.value() >= before.value() ? r.value() - before.value() : r.value();
        day.update(today.with(m.waterRole(r.deviceId()).orElseThrow() == Device.Role.INTAKE, volume, before, r));
    }

    @Override
    protected void onTime(long time, Context ctx, Collector<Anomaly> out) throws Exception {
        WaterDay current = day.value();
        if (current != null && time >= current.end()) {
            day.clear();
            String enterpriseId = ctx.getCurrentKey();
            judge(current, enterpriseId, meters(enterpriseId).orElseThrow(), out);
        }
    }

    private void judge(WaterDay d, String enterpriseId, WaterMeters m, Collector<Anomaly> out) throws Exception {
        boolean ran = d.productionRan() || !m.meteredProduction();
        if (!d.intakeMeasured() || !d.dischargeMeasured() || d.intake() <= 0 || !ran) {
            return; // nothing to compare, or not a production day: no judgement either way
        }
        double expected = parameters.dischargeFraction() * d.intake();
        String date = Instant.ofEpochMilli(d.start()).atZone(config.zone(enterpriseId)).toLocalDate().toString();
        String share = String.format(Locale.ROOT, "%.0f %%", 100 * d.discharge() / d.intake());
        Device reported = m.reportedMeter();
        if (d.discharge() < expected) {
            signal(DAY, new Anomaly(RULE, enterpriseId, reported.id(), MeterMetrics.WATER_VOLUME, d.end(), d.start(), true,
                    Severity.MAJOR, d.discharge(), expected, d.end() - d.start(),
                    "discharged " + m3(d.discharge()) + " of " + m3(d.intake()) + " taken in on " + date + " (" + share
                            + ", below " + Math.round(parameters.dischargeFraction() * 100) + " %): suspected bypass",
                    d.evidence()), out);
        } else if (held(DAY) != null) {
            signal(DAY, new Anomaly(RULE, enterpriseId, reported.id(), MeterMetrics.WATER_VOLUME, d.end(), d.start(), false,
                    held(DAY).severity(), d.discharge(), expected, d.end() - d.start(),
                    "discharged " + m3(d.discharge()) + " of " + m3(d.intake()) + " taken in on " + date + " (" + share + ")",
                    d.evidence()), out);
        }
    }

    private void onFlow(Reading r, WaterMeters m, Collector<Anomaly> out) throws Exception {
        flows.put(r.deviceId(), r);
        List<Reading> intake = current(r, m.intake());
        List<Reading> discharge = current(r, m.discharge());
        if (intake.isEmpty() || discharge.isEmpty()) {
            zero.clear(); // one side is silent: nothing to judge, and nothing cleared
            return;
        }
        long now = timeOf(r);
        double inflow = intake.stream().mapToDouble(Reading::value).filter(v -> v > 0).sum();
        boolean dischargeStopped = discharge.stream().allMatch(d -> d.value() <= 0);
        Device reported = m.reportedMeter();
        double limitMinutes = parameters.zeroDischarge().toMinutes();
        if (inflow <= 0 || !dischargeStopped) {
            zero.clear();
            Held before = held(ZERO);
            if (before != null) {
                signal(ZERO, new Anomaly(RULE, r.enterpriseId(), reported.id(), MeterMetrics.WATER_FLOW, now, now, false,
                        before.severity(), 0, limitMinutes, 0,
                        inflow <= 0 ? "no water is taken in any more" : "water is discharged again",
                        evidence(intake, discharge)), out);
            }
            return;
        }
        ZeroDischargeRun run = zero.value();
        if (run == null) {
            run = ZeroDischargeRun.startingAt(now);
            for (Reading i : intake) {
                run = run.with(i, true);
            }
            for (Reading d : discharge) {
                run = run.with(d, false);
            }
        } else {
            run = run.with(r, m.waterRole(r.deviceId()).orElseThrow() == Device.Role.INTAKE);
        }
        zero.update(run);
        long held = now - run.since();
        if (held >= parameters.zeroDischarge().toMillis()) {
            signal(ZERO, new Anomaly(RULE, r.enterpriseId(), reported.id(), MeterMetrics.WATER_FLOW, now, run.since(), true,
                    Severity.MAJOR, held / 60_000.0, limitMinutes, held,
                    "nothing discharged since " + Instant.ofEpochMilli(run.since()) + " while " + inflow
                            + " m3/h flows in: suspected bypass", run.evidence()), out);
        }
    }

    /** The latest flow readings of {@code side}'s meters still recent at {@code r}'s time; stale ones are forgotten. */
    private List<Reading> current(Reading r, List<Device> side) throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (Device d : side) {
            Reading last = flows.get(d.id());
            if (last == null) {
                continue;
            }
            long window = config.parameters().offline().window(config.interval(r.enterpriseId(), d.id())).toMillis();
            if (timeOf(r) - timeOf(last) > window) {
                flows.remove(d.id());
            } else {
                readings.add(last);
            }
        }
        return readings;
    }

    private static List<Evidence> evidence(List<Reading> intake, List<Reading> discharge) {
        List<Evidence> evidence = new ArrayList<>();
        intake.stream().limit(Anomaly.MAX_EVIDENCE / 2).map(Evidence::of).forEach(evidence::add);
        discharge.stream().limit(Anomaly.MAX_EVIDENCE / 2).map(Evidence::of).forEach(evidence::add);
        evidence.sort(java.util.Comparator.comparingLong(Evidence::ts));
        return evidence;
    }

    private static String m3(double volume) {
        return String.format(Locale.ROOT, "%.1f m3", volume);
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) throws Exception {
        counters.clear();
        flows.clear();
        day.clear();
        zero.clear();
    }
}
