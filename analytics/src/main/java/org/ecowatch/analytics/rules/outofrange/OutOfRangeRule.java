package org.ecowatch.analytics.rules.outofrange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.Held;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.analytics.rules.Run;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.ingest.reading.Reading;

/**
 * OUT_OF_RANGE: real-time values above the instrument range ({@code range} of the metric), or flagged T, for at
 * least {@code minDuration} (WARNING). Keyed by {@code enterpriseId/deviceId/metric}. Only readings flagged N or T
 * are judged: other flags (maintenance, fault …) neither extend nor break a run. The first N value within the range
 * ends the run and clears a holding condition. A gap of {@link #GAP} without readings ends the run.
 */
public class OutOfRangeRule extends OrderedReadingsFunction {
    public static final String RULE = "OUT_OF_RANGE";
    /** A silence this long ends a run (product choice). */
    public static final Duration GAP = Duration.ofHours(1);

    private final DetectionConfig config;
    private final RuleParameters.OutOfRange parameters;
    private transient ValueState<Run> run;

    public OutOfRangeRule(DetectionConfig config) {
        super(GAP.toMillis());
        this.config = config;
        this.parameters = config.parameters().outOfRange();
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
        return Reading.REAL_TIME.equals(r.kind()) && ("N".equals(r.flag()) || "T".equals(r.flag()))
                && ("T".equals(r.flag()) || rangeMax(r) != null);
    }

    private Double rangeMax(Reading r) {
        return config.limits(r.enterpriseId(), r.deviceId(), r.metric()).map(MetricLimits::rangeMax).orElse(null);
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        Double top = rangeMax(r);
        boolean outside = "T".equals(r.flag()) || (top != null && r.value() > top);
        if (!outside) {
            run.clear();
            Held before = held("");
            if (before != null) {
                signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), r.ts(), false,
                        before.severity(), r.value(), top, 0, r.metric() + " is back within its range at " + r.value(),
                        List.of(Evidence.of(r))), out);
            }
            return;
        }
        Run current = run.value();
        current = current == null ? Run.of(r) : current.with(r);
        run.update(current);
        if (current.lengthMillis() >= parameters.minDuration().toMillis()) {
            signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), current.start(), true,
                    Severity.WARNING, current.max(), top, current.lengthMillis(),
                    r.metric() + " has been above its instrument range" + (top == null ? "" : " " + top)
                            + " or flagged T since " + Instant.ofEpochMilli(current.start()) + " (up to " + current.max() + ")",
                    current.evidence().kept()), out);
        }
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) {
        run.clear();
    }
}
