package org.ecowatch.analytics.rules.earlywarning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.EvidenceSample;
import org.ecowatch.analytics.rules.Held;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.MetricLimits;
import org.ecowatch.ingest.reading.Reading;

/**
 * EARLY_WARNING: the rolling average of valid real-time values over {@code window} (the readings in
 * {@code (t − window, t]}) above {@code fraction} × limit (WARNING); clear at or below {@code clearFraction} × that
 * level. Keyed by {@code enterpriseId/deviceId/metric}; judged at every reading. The rolling window counts only when
 * its readings cover at least 75 % of it (by the device's reporting interval, the flue-gas hour rule scaled down:
 * a product choice), so the first reading after a gap cannot warn alone. Flagged data (F M S D C B) never counts.
 * State: the readings of one window (window ÷ interval values).
 */
public class EarlyWarningRule extends OrderedReadingsFunction {
    public static final String RULE = "EARLY_WARNING";
    static final Set<String> VALID_FLAGS = Set.of("N", "T");

    private final DetectionConfig config;
    private final RuleParameters.EarlyWarning parameters;
    private transient ValueState<List<Evidence>> recent;

    public EarlyWarningRule(DetectionConfig config) {
        super(config.parameters().earlyWarning().window().toMillis());
        this.config = config;
        this.parameters = config.parameters().earlyWarning();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        recent = valueState("recent", Types.LIST(Types.POJO(Evidence.class)));
    }

    /** pH's limit is the top of a band (6–9), not a quantity of pollutant: 80 % of it (7.2) is a normal value. */
    static final String PH = "w01001";

    @Override
    protected boolean accepts(Reading r) {
        return Reading.REAL_TIME.equals(r.kind()) && VALID_FLAGS.contains(r.flag()) && !PH.equals(r.metric()) && limits(r) != null;
    }

    private MetricLimits limits(Reading r) {
        return config.limits(r.enterpriseId(), r.deviceId(), r.metric()).filter(l -> l.limit() != null).orElse(null);
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        long window = parameters.window().toMillis();
        List<Evidence> inWindow = new ArrayList<>();
        List<Evidence> before = recent.value();
        if (before != null) {
            before.stream().filter(e -> e.ts() > r.ts() - window).forEach(inWindow::add);
        }
        inWindow.add(Evidence.of(r));
        recent.update(inWindow);

        long interval = config.interval(r.enterpriseId(), r.deviceId()).toMillis();
        if (inWindow.size() * interval < window * 3 / 4) {
            return;
        }
        double average = inWindow.stream().mapToDouble(Evidence::value).average().orElseThrow();
        double limit = limits(r).limit();
        double level = parameters.fraction() * limit;
        long since = inWindow.get(0).ts();
        Held held = held("");
        if (average > level) {
            signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), since, true, Severity.WARNING,
                    average, level, window, r.metric() + " " + parameters.window() + " average " + round(average)
                            + " is above " + Math.round(parameters.fraction() * 100) + " % of the limit " + limit,
                    EvidenceSample.spread(inWindow)), out);
        } else if (held != null && average <= parameters.clearFraction() * level) {
            signal("", new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), since, false, held.severity(),
                    average, level, window, r.metric() + " " + parameters.window() + " average " + round(average)
                            + " is back below the warning level " + round(level),
                    EvidenceSample.spread(inWindow)), out);
        }
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) {
        recent.clear();
    }
}
