package org.ecowatch.analytics.rules.zerovalue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
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
import org.ecowatch.ingest.reading.Reading;

/**
 * ZERO_VALUE: a concentration at or below zero for at least {@code minDuration} while the outlet's flow is above zero
 * (MAJOR: an analyser that reads nothing while water or flue gas leaves the outlet is disconnected, diluted or
 * tampered with). Keyed by device ({@code enterpriseId/deviceId}, {@link
 * org.ecowatch.analytics.rules.ReadingKeys#byDevice()}), because the concentration is judged against the flow of the
 * same device: {@code w00000} for {@code w…} codes, {@code a00000} for {@code a…} codes. Each metric is its own
 * condition (the signal names it).
 *
 * <p>Judged: real-time values of the metrics that have a {@code limit} in thresholds.yaml, the pollutants. Flows,
 * O2 ({@code a19001}) and temperature have no limit and are not judged. pH ({@code w01001}) has one and is judged:
 * a pH at or below 0 would be 1 mol/L of acid, not an effluent, but it is what a dead or unplugged probe sends, and
 * FLATLINE leaves runs at zero to this rule.
 *
 * <p>Counting: the time between two valid (N) readings at or below zero in a row counts while the latest flow
 * reading (flag N or T, not older than the device's OFFLINE silence) is above zero. A flagged reading of the metric,
 * or an unknown flow, pauses the run: that time does not count, but the run goes on, so neither flagged data
 * nor a few flagged readings in between decide. A step longer than the OFFLINE silence does not count either (the
 * device was silent); no counting reading for {@link #GAP} ends the run. The condition clears at the first valid
 * reading above zero, or at a valid reading at or below zero once the flow is at or below zero (the outlet stopped).
 * A device that never reports its flow is never judged.
 */
public class ZeroValueRule extends OrderedReadingsFunction {
    public static final String RULE = "ZERO_VALUE";
    /** No counting reading for this long ends a run (product choice, as FLATLINE's and OUT_OF_RANGE's). */
    public static final Duration GAP = Duration.ofHours(1);
    static final String WASTEWATER_FLOW = "w00000", FLUE_GAS_FLOW = "a00000";

    private final DetectionConfig config;
    private final RuleParameters.ZeroValue parameters;
    private transient MapState<String, ZeroRun> runs;
    private transient MapState<String, Reading> flows;

    public ZeroValueRule(DetectionConfig config) {
        super(GAP.toMillis());
        this.config = config;
        this.parameters = config.parameters().zeroValue();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        runs = mapState("runs", Types.STRING, TypeInformation.of(ZeroRun.class));
        flows = mapState("flows", Types.STRING, TypeInformation.of(Reading.class));
    }

    /** The flow that goes with {@code metric}, or null for a metric of neither family (meters …). */
    static String flowOf(String metric) {
        if (metric.startsWith("w")) {
            return WASTEWATER_FLOW;
        }
        return metric.startsWith("a") ? FLUE_GAS_FLOW : null;
    }

    private static boolean isFlow(String metric) {
        return WASTEWATER_FLOW.equals(metric) || FLUE_GAS_FLOW.equals(metric);
    }

    @Override
    protected boolean accepts(Reading r) {
        if (!Reading.REAL_TIME.equals(r.kind())) {
            return false;
        }
        return isFlow(r.metric()) || (flowOf(r.metric()) != null
                && config.limits(r.enterpriseId(), r.deviceId(), r.metric()).map(l -> l.limit() != null).orElse(false));
    }

    /** How long a device may be silent before OFFLINE speaks: a longer step is silence, not a reading of zero. */
    private long silenceMillis(Reading r) {
        RuleParameters.Offline offline = config.parameters().offline();
        long intervals = config.interval(r.enterpriseId(), r.deviceId()).toMillis() * offline.intervals();
        return Math.max(intervals, offline.minimum().toMillis());
    }

    private enum Flow { FLOWING, STOPPED, UNKNOWN }

    private Flow flowAt(Reading r, Reading flow) {
        if (flow == null || !("N".equals(flow.flag()) || "T".equals(flow.flag())) || r.ts() - flow.ts() > silenceMillis(r)) {
            return Flow.UNKNOWN;
        }
        return flow.value() > 0 ? Flow.FLOWING : Flow.STOPPED;
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        if (isFlow(r.metric())) {
            flows.put(r.metric(), r);
        } else {
            judge(r, out);
        }
        dropEndedRuns(r.ts());
    }

    private void judge(Reading r, Collector<Anomaly> out) throws Exception {
        String metric = r.metric();
        ZeroRun run = runs.get(metric);
        if (!("N".equals(r.flag()) || "T".equals(r.flag()))) {
            if (run != null) {
                runs.put(metric, run.pause());
            }
            return;
        }
        if (r.value() > 0) {
            runs.remove(metric);
            clear(r, metric + " reads " + r.value() + " again", List.of(Evidence.of(r)), out);
            return;
        }
        Reading flow = flows.get(flowOf(metric));
        switch (flowAt(r, flow)) {
            case UNKNOWN -> {
                if (run != null) {
                    runs.put(metric, run.pause());
                }
            }
            case STOPPED -> {
                runs.remove(metric);
                clear(r, "the outlet has stopped: " + flow.metric() + " " + flow.value(),
                        List.of(Evidence.of(flow), Evidence.of(r)), out);
            }
            case FLOWING -> {
                run = run == null || r.ts() - run.last() > GAP.toMillis() ? ZeroRun.of(r) : run.with(r, silenceMillis(r));
                runs.put(metric, run);
                if (run.countedMillis() >= parameters.minDuration().toMillis()) {
                    signal(metric, new Anomaly(RULE, r.enterpriseId(), r.deviceId(), metric, r.ts(), run.start(), true,
                            Severity.MAJOR, run.highest(), 0.0, run.countedMillis(),
                            metric + " has read at or below 0 (at most " + run.highest() + ") for "
                                    + Duration.ofMillis(run.countedMillis()).toMinutes() + " minutes since "
                                    + Instant.ofEpochMilli(run.start()) + " while the outlet flows (" + flow.metric() + " "
                                    + flow.value() + ")",
                            withFlow(run.evidence().kept(), flow)), out);
                }
            }
        }
    }

    /** The run's sample plus the flow reading that shows the outlet was discharging, in time order. */
    private static List<Evidence> withFlow(List<Evidence> sample, Reading flow) {
        List<Evidence> all = new ArrayList<>(sample.size() < Anomaly.MAX_EVIDENCE ? sample
                : sample.subList(0, Anomaly.MAX_EVIDENCE - 1));
        all.add(Evidence.of(flow));
        all.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        return all;
    }

    private void clear(Reading r, String why, List<Evidence> evidence, Collector<Anomaly> out) throws Exception {
        Held before = held(r.metric());
        if (before != null) {
            signal(r.metric(), new Anomaly(RULE, r.enterpriseId(), r.deviceId(), r.metric(), r.ts(), r.ts(), false,
                    before.severity(), r.value(), 0.0, 0, why, evidence), out);
        }
    }

    /** A run without a counting reading for {@link #GAP} has ended (its metric may have stopped reporting). */
    private void dropEndedRuns(long now) throws Exception {
        List<String> ended = new ArrayList<>();
        for (Map.Entry<String, ZeroRun> e : runs.entries()) {
            if (now - e.getValue().last() > GAP.toMillis()) {
                ended.add(e.getKey());
            }
        }
        for (String metric : ended) {
            runs.remove(metric);
        }
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) throws Exception {
        runs.clear();
        flows.clear();
    }
}
