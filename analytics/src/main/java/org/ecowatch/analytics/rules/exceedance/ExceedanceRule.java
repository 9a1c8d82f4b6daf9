package org.ecowatch.analytics.rules.exceedance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.ingest.reading.Reading;

/**
 * EXCEEDANCE: the valid average over the metric's averaging period above its limit (MAJOR; CRITICAL at
 * {@code criticalFactor} × limit); clear once a valid average is at or below {@code clearFraction} × limit.
 * Keyed by {@code enterpriseId/deviceId/metric}.
 *
 * <p>Windows are aligned to the enterprise's local clock (an hour starts on the hour, a day at local midnight;
 * the zone's offset at the reading's time is used, exact for zones without daylight saving such as China's).
 * Real-time values and sub-period averages (minute, 10-minute data) are averaged weighted by the time they cover;
 * a window is judged when the first reading of a later window arrives or when the watermark passes its end,
 * and only if valid ({@link Validity}). Averages the equipment reports itself for exactly the averaging period
 * (HJ 212 kind {@code Avg}, stamped at the start of their period) are judged as such; once a key has sent one,
 * its real-time values are no longer averaged (until the key goes quiet), so one window is never judged twice.
 * Flagged data (F M S D C B) never counts; flag T does (a valid value at the top of the range).
 */
public class ExceedanceRule extends OrderedReadingsFunction {
    public static final String RULE = "EXCEEDANCE";
    static final Set<String> VALID_FLAGS = Set.of("N", "T");

    private final DetectionConfig config;
    private final RuleParameters.Exceedance parameters;
    private transient ValueState<WindowAverage> window;
    private transient ValueState<Boolean> reportsAverages;

    public ExceedanceRule(DetectionConfig config) {
        // quiet after a day and an hour without readings: longer than any usual averaging period
        super(Duration.ofHours(25).toMillis());
        this.config = config;
        this.parameters = config.parameters().exceedance();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        window = valueState("window", TypeInformation.of(WindowAverage.class));
        reportsAverages = valueState("reportsAverages", Types.BOOLEAN);
    }

    @Override
    protected boolean accepts(Reading r) {
        if (!VALID_FLAGS.contains(r.flag())) {
            return false;
        }
        MetricLimits limits = limits(r);
        if (limits == null) {
            return false;
        }
        long averaging = averaging(limits).toMillis();
        return Reading.REAL_TIME.equals(r.kind())
                || ("Avg".equals(r.kind()) && r.periodMillis() > 0 && r.periodMillis() <= averaging);
    }

    private MetricLimits limits(Reading r) {
        return config.limits(r.enterpriseId(), r.deviceId(), r.metric()).filter(l -> l.limit() != null).orElse(null);
    }

    private static Duration averaging(MetricLimits limits) {
        return limits.averaging() == null ? Duration.ofHours(1) : limits.averaging();
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        MetricLimits limits = limits(r);
        Duration averaging = averaging(limits);
        if (r.periodMillis() == averaging.toMillis()) {
            reportsAverages.update(true);
            window.clear();
            judge(r, r.ts(), r.value(), List.of(Evidence.of(r)), limits, averaging, 1.0, out);
            return;
        }
        if (Boolean.TRUE.equals(reportsAverages.value())) {
            return;
        }
        long start = windowStart(r.ts(), averaging, config.zone(r.enterpriseId()));
        WindowAverage current = window.value();
        if (current != null && start > current.start()) {
            close(current, r, limits, averaging, out);
            current = null;
        }
        if (current != null && start < current.start()) {
            return; // a sub-period average completing after its window was judged
        }
        if (current == null) {
            current = WindowAverage.startingAt(start);
            ctx.timerService().registerEventTimeTimer(start + averaging.toMillis());
        }
        long covers = r.periodMillis() > 0 ? r.periodMillis() : config.interval(r.enterpriseId(), r.deviceId()).toMillis();
        window.update(current.with(r, covers));
    }

    @Override
    protected void onTime(long time, Context ctx, Collector<Anomaly> out) throws Exception {
        WindowAverage current = window.value();
        if (current == null || current.evidence().kept().isEmpty()) {
            return;
        }
        Evidence first = current.evidence().kept().get(0);
        String[] key = ctx.getCurrentKey().split("/", 3);
        MetricLimits limits = config.limits(key[0], key[1], key[2]).orElse(null);
        if (limits == null) {
            window.clear();
            return;
        }
        Duration averaging = averaging(limits);
        if (time >= current.start() + averaging.toMillis()) {
            close(current, Reading.realTime(key[0], first.deviceId(), first.metric(), first.ts(), first.value(), first.flag()),
                    limits, averaging, out);
        }
    }

    private void close(WindowAverage w, Reading sample, MetricLimits limits, Duration averaging, Collector<Anomaly> out)
            throws Exception {
        window.clear();
        long needed = Validity.minimumCoveredMillis(sample.metric(), averaging);
        if (w.coveredMillis() < needed) {
            return; // not a valid average: no judgement either way
        }
        double coverage = Math.min(1.0, (double) w.coveredMillis() / averaging.toMillis());
        judge(sample, w.start(), w.average(), w.evidence().kept(), limits, averaging, coverage, out);
    }

    private void judge(Reading sample, long start, double average, List<Evidence> evidence, MetricLimits limits,
            Duration averaging, double coverage, Collector<Anomaly> out) throws Exception {
        double limit = limits.limit();
        long end = start + averaging.toMillis();
        Held before = held("");
        String what = sample.metric() + " " + describe(averaging) + " average " + fmt(average) + " " + unit(limits);
        String cover = " (" + Math.round(coverage * 100) + " % covered)";
        if (average > limit) {
            Severity severity = average >= parameters.criticalFactor() * limit ? Severity.CRITICAL : Severity.MAJOR;
            signal("", new Anomaly(RULE, sample.enterpriseId(), sample.deviceId(), sample.metric(), end, start, true,
                    severity, average, limit, averaging.toMillis(),
                    what + " is above the limit " + fmt(limit) + cover + " from " + Instant.ofEpochMilli(start), evidence), out);
        } else if (before != null && average <= parameters.clearFraction() * limit) {
            signal("", new Anomaly(RULE, sample.enterpriseId(), sample.deviceId(), sample.metric(), end, start, false,
                    before.severity(), average, limit, averaging.toMillis(),
                    what + " is back at or below " + Math.round(parameters.clearFraction() * 100) + " % of the limit "
                            + fmt(limit) + cover, evidence), out);
        }
        // between clearFraction × limit and the limit, a holding exceedance stays (hysteresis)
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) {
        window.clear();
        reportsAverages.clear();
    }

    static long windowStart(long ts, Duration length, ZoneId zone) {
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(ts)).getTotalSeconds() * 1000L;
        long l = length.toMillis();
        return Math.floorDiv(ts + offset, l) * l - offset;
    }

    private static String describe(Duration averaging) {
        return averaging.equals(Duration.ofHours(1)) ? "hourly" : averaging.equals(Duration.ofDays(1)) ? "daily"
                : averaging.toString();
    }

    private static String unit(MetricLimits limits) {
        return limits.unit() == null ? "" : limits.unit();
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4g", d).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
