package org.ecowatch.analytics.rules.flatline;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.Held;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.analytics.rules.Run;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.ingest.reading.Reading;

/**
 * FLATLINE: real-time values flagged N that vary by no more than max({@code tolerance} × instrument range, 1e-6)
 * for at least {@code minDuration} (MAJOR: suspected falsification). Keyed by {@code enterpriseId/deviceId/metric}.
 *
 * <p>Only metrics {@code thresholds.yaml} lists are watched, and not the flows ({@code w00000}, {@code a00000}):
 * a flow flat at zero is a stopped discharge, not a frozen analyser. A run whose values are all ≤ 0 does not fire
 * either (a stopped plant; ZERO_VALUE judges zeros while the outlet flows). A reading flagged anything but N ends
 * the run without clearing a holding flatline (it proves nothing about the analyser); the first N value outside
 * the tolerance of the current run clears it. A gap of {@link #GAP} without readings ends the run too.
 */
public class FlatlineRule extends OrderedReadingsFunction {
    public static final String RULE = "FLATLINE";
    /** A silence this long ends a run (product choice): OFFLINE reports the silence. */
    public static final Duration GAP = Duration.ofHours(1);
    static final Set<String> FLOWS = Set.of("w00000", "a00000");

    private final DetectionConfig config;
    private final RuleParameters.Flatline parameters;
    private transient ValueState<Run> run;

    public FlatlineRule(DetectionConfig config) {
        super(GAP.toMillis());
        this.config = config;
        this.parameters = config.parameters().flatline();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        run = valueState("run", TypeInformation.of(Run.class));
    }

    @Override
    protected boolean accepts(Reading r) {
        return Reading.REAL_TIME.equals(r.kind()) && !FLOWS.contains(r.metric())
                && config.limits(r.enterpriseId(), r.deviceId(), r.metric()).isPresent();
    }

    private double tolerance(Reading r) {
        MetricLimits limits = config.limits(r.enterpriseId(), r.deviceId(), r.metric()).orElseThrow();
        double range = limits.rangeMin() != null && limits.rangeMax() != null ? limits.rangeMax() - limits.rangeMin() : 0;
        return Math.max(parameters.tolerance() * range, RuleParameters.Flatline.MINIMUM_TOLERANCE);
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        if (!"N".equals(r.flag())) {
            run.clear();
            return;
        }
        double tolerance = tolerance(r);
        Run current = run.value();
        if (current == null) {
            run.update(Run.of(r));
            return;
        }
        Run extended = current.with(r);
        if (extended.max() - extended.min() > tolerance) {
            Held before = held("");
            if (before != null) {
                signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), r.ts(), false,
                        before.severity(), r.value(), tolerance, 0,
                        r.metric() + " varies again: " + r.value() + " after " + current.min() + "–" + current.max(),
                        java.util.List.of(org.ecowatch.analytics.anomaly.Evidence.of(r))), out);
            }
            run.update(Run.of(r));
            return;
        }
        run.update(extended);
        if (extended.lengthMillis() >= parameters.minDuration().toMillis() && extended.max() > 0) {
            signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), extended.start(), true,
                    Severity.MAJOR, extended.max() - extended.min(), tolerance, extended.lengthMillis(),
                    r.metric() + " has stayed within " + extended.min() + "–" + extended.max() + " since "
                            + Instant.ofEpochMilli(extended.start()) + " (tolerance " + tolerance + ")",
                    extended.evidence().kept()), out);
        }
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) {
        run.clear();
    }
}
