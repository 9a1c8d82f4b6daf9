package org.ecowatch.analytics.rules.treatmentoff;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
 * TREATMENT_OFF: production runs (a PRODUCTION power meter at or above its {@code runningAbove}) while the treatment
 * facility is off (every TREATMENT meter below its {@code runningAbove}) for at least {@code minDuration}: MAJOR.
 * Treatment below {@code idleFraction} × its {@code ratedPower} (idling) for {@code minDuration} while production
 * runs: WARNING. Keyed by enterprise ({@code ReadingKeys.byEnterprise()}), fed {@code power.active} readings.
 *
 * <p>Several meters per side: production runs if any production meter runs; treatment is off (or idling) only if
 * every treatment meter is. The state of a side is its meters' latest readings; a reading older than the meter's
 * OFFLINE window ({@code intervals} × interval, at least {@code minimum}) no longer counts. While a side has no
 * current reading the rule cannot judge: the run breaks without clearing a holding condition (OFFLINE reports the
 * silence). Only readings flagged N count: a meter under maintenance or faulty (M, D …) proves nothing about the
 * facility. The condition is judged at every reading, in event-time order; the signal names the first treatment
 * meter the registry lists, metric {@code power.active}, and carries readings of both sides as evidence.
 */
public class TreatmentOffRule extends OrderedReadingsFunction {
    public static final String RULE = "TREATMENT_OFF";
    /** A silence this long drops the working state (product choice). */
    public static final Duration QUIET = Duration.ofHours(1);

    private final DetectionConfig config;
    private final RuleParameters.TreatmentOff parameters;
    private transient Map<String, Optional<PowerMeters>> meters;
    private transient MapState<String, Reading> latest;
    private transient ValueState<TreatmentRun> run;

    public TreatmentOffRule(DetectionConfig config) {
        super(QUIET.toMillis());
        this.config = config;
        this.parameters = config.parameters().treatmentOff();
    }

    @Override
    public String rule() {
        return RULE;
    }

    @Override
    protected void openState() {
        latest = mapState("latest", Types.STRING, TypeInformation.of(Reading.class));
        run = valueState("run", TypeInformation.of(TreatmentRun.class));
    }

    private Optional<PowerMeters> meters(String enterpriseId) {
        if (meters == null) {
            // lazily: the job also asks accepts() before the shuffle, of a copy that is never opened (RuleGroup)
            meters = new HashMap<>();
        }
        return meters.computeIfAbsent(enterpriseId, e -> config.registry().enterprise(e).map(PowerMeters::of)
                .filter(PowerMeters::judgeable));
    }

    @Override
    protected boolean accepts(Reading r) {
        return MeterMetrics.POWER_ACTIVE.equals(r.metric()) && "N".equals(r.flag())
                && (Reading.REAL_TIME.equals(r.kind()) || "Avg".equals(r.kind()))
                && meters(r.enterpriseId()).map(m -> m.contains(r.deviceId())).orElse(false);
    }

    @Override
    protected void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        PowerMeters m = meters(r.enterpriseId()).orElseThrow();
        latest.put(r.deviceId(), r);
        List<Reading> production = current(r, m.production());
        List<Reading> treatment = current(r, m.treatment());
        if (production.isEmpty() || treatment.isEmpty()) {
            run.clear(); // one side is silent: nothing to judge, and nothing cleared
            return;
        }
        boolean producing = production.stream().anyMatch(p -> p.value() >= meter(m.production(), p).runningAbove());
        boolean off = treatment.stream().allMatch(t -> t.value() < meter(m.treatment(), t).runningAbove());
        boolean idling = treatment.stream()
                .allMatch(t -> t.value() < PowerMeters.idleBelow(meter(m.treatment(), t), parameters.idleFraction()));
        Device reported = m.reportedMeter();
        double observed = treatment.stream().mapToDouble(Reading::value).max().orElseThrow();
        if (!producing || !idling) {
            run.clear();
            Held before = held("");
            if (before != null) {
                signal("", new Anomaly(RULE, r.enterpriseId(), reported.id(), MeterMetrics.POWER_ACTIVE, timeOf(r),
                        timeOf(r), false, before.severity(), observed, reported.runningAbove(), 0,
                        (producing ? "treatment is running again at " + observed + " kW"
                                : "production has stopped (treatment at " + observed + " kW)"),
                        evidenceOf(production, treatment)), out);
            }
            return;
        }
        TreatmentRun current = run.value();
        if (current == null) {
            current = TreatmentRun.startingAt(timeOf(r));
            List<Reading> now = new ArrayList<>(production);
            now.addAll(treatment);
            now.sort(Comparator.comparingLong(Reading::ts));
            for (Reading reading : now) {
                current = current.with(reading, production.contains(reading));
            }
        } else {
            current = current.with(r, m.production().stream().anyMatch(d -> d.id().equals(r.deviceId())));
        }
        current = off ? current.off(timeOf(r)) : current.notOff();
        run.update(current);

        long now = timeOf(r);
        long minDuration = parameters.minDuration().toMillis();
        if (current.isOff() && now - current.offSince() >= minDuration) {
            signal("", new Anomaly(RULE, r.enterpriseId(), reported.id(), MeterMetrics.POWER_ACTIVE, now,
                    current.offSince(), true, Severity.MAJOR, observed, reported.runningAbove(), now - current.offSince(),
                    "treatment is off (" + observed + " kW, running above " + reported.runningAbove()
                            + " kW) while production runs, since " + Instant.ofEpochMilli(current.offSince()),
                    current.evidence()), out);
        } else if (now - current.idleSince() >= minDuration) {
            double idleBelow = PowerMeters.idleBelow(reported, parameters.idleFraction());
            signal("", new Anomaly(RULE, r.enterpriseId(), reported.id(), MeterMetrics.POWER_ACTIVE, now,
                    current.idleSince(), true, Severity.WARNING, observed, idleBelow, now - current.idleSince(),
                    "treatment is idling (" + observed + " kW, below " + idleBelow + " kW) while production runs, since "
                            + Instant.ofEpochMilli(current.idleSince()),
                    current.evidence()), out);
        }
    }

    /** The latest readings of {@code side}'s meters still recent at {@code r}'s time; stale ones are forgotten. */
    private List<Reading> current(Reading r, List<Device> side) throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (Device d : side) {
            Reading last = latest.get(d.id());
            if (last == null) {
                continue;
            }
            long window = config.parameters().offline().window(config.interval(r.enterpriseId(), d.id())).toMillis();
            if (timeOf(r) - timeOf(last) > window) {
                latest.remove(d.id());
            } else {
                readings.add(last);
            }
        }
        return readings;
    }

    private static Device meter(List<Device> side, Reading r) {
        return side.stream().filter(d -> d.id().equals(r.deviceId())).findFirst().orElseThrow();
    }

    private static List<Evidence> evidenceOf(List<Reading> production, List<Reading> treatment) {
        List<Evidence> evidence = new ArrayList<>();
        production.stream().limit(Anomaly.MAX_EVIDENCE / 2).map(Evidence::of).forEach(evidence::add);
        treatment.stream().limit(Anomaly.MAX_EVIDENCE / 2).map(Evidence::of).forEach(evidence::add);
        evidence.sort(Comparator.comparingLong(Evidence::ts));
        return evidence;
    }

    @Override
    protected void onQuiet(long time, Context ctx, Collector<Anomaly> out) throws Exception {
        latest.clear();
        run.clear();
    }
}
