package org.ecowatch.alerts.lifecycle;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.message.MaintenanceNote;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.offline.OfflineRule;
import org.ecowatch.configs.ConfigException;

/**
 * Turns the rules' condition signals into alert episodes (CONTRACT §4, docs/ALERTS.md), keyed by
 * {@link Anomaly#conditionKey()} ({@link #byConditionKey()}), on event time.
 *
 * <ul>
 *   <li><b>OPENED</b> when a signal says the condition holds and no episode is open (the rules already waited for
 *   the condition's duration). <b>ESCALATED</b> when an open episode's severity rises; a falling severity says
 *   nothing (an episode keeps the highest severity it reached).</li>
 *   <li><b>RESOLVED</b> only once the condition has been clear (by the rule's hysteresis) for the clear duration
 *   ({@link LifecycleParameters#clearDuration}): an event-time timer; a holding signal before it cancels the resolve
 *   and the episode simply continues.</li>
 *   <li><b>Flapping</b>: an episode that opens after {@code flapResolves} resolves of its key within
 *   {@code flapWindow} says so and stays open until the condition has been clear for at least {@code flapWindow}.
 *   The last resolve times are kept (bounded) and expire with a timer.</li>
 *   <li><b>Maintenance</b>: a quality rule ({@link #QUALITY_RULES}) that starts to hold while a registry maintenance
 *   window covers its device opens no alert; if it still holds when the window ends, the alert opens then. Every
 *   message names the windows its episode touches.</li>
 * </ul>
 * Alert ids derive from the rule, enterprise, device, metric and the episode's start, so a replay yields the same
 * ids. All state of a key goes once its episode has resolved and the flapping history expired.
 */
public class AlertLifecycle extends KeyedProcessFunction<String, Anomaly, Alert> {
    /** Rules about the data's quality rather than the discharge: maintenance explains them (DOMAIN.md). */
    public static final Set<String> QUALITY_RULES = Set.of("FLATLINE", "ZERO_VALUE", "OUT_OF_RANGE", "INSTRUMENT_FLAG",
            "OFFLINE");

    private final DetectionConfig config;
    private final LifecycleParameters parameters;
    private final MaintenanceCalendar maintenance;
    private transient ValueState<Episode> episode;
    private transient ValueState<Deferred> deferred;
    private transient ValueState<List<Long>> resolves;
    /** Signals that came before event time reached them, by their time. */
    private transient MapState<Long, List<Anomaly>> early;

    /** @param config the registry (maintenance windows, enterprise zones) and the pipeline's time zone */
    public AlertLifecycle(DetectionConfig config, LifecycleParameters parameters) {
        this.config = config;
        this.parameters = parameters;
        this.maintenance = new MaintenanceCalendar(config.registry().maintenance());
    }

    /** With the {@code clearDuration}s written in the configuration's thresholds.yaml. */
    public AlertLifecycle(DetectionConfig config) throws ConfigException {
        this(config, LifecycleParameters.from(config.thresholds()));
    }

    /** The key the lifecycle must be keyed by: {@code enterpriseId/deviceId[/metric]/rule}. */
    public static KeySelector<Anomaly, String> byConditionKey() {
        return new ConditionKey();
    }

    private static final class ConditionKey implements KeySelector<Anomaly, String> {
        @Override
        public String getKey(Anomaly signal) {
            return signal.conditionKey();
        }
    }

    @Override
    public void open(OpenContext openContext) {
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>("episode", TypeInformation.of(Episode.class)));
        deferred = getRuntimeContext().getState(new ValueStateDescriptor<>("deferred", TypeInformation.of(Deferred.class)));
        resolves = getRuntimeContext().getState(new ValueStateDescriptor<>("resolves", Types.LIST(Types.LONG)));
        early = getRuntimeContext().getMapState(new MapStateDescriptor<>("early", Types.LONG,
                Types.LIST(TypeInformation.of(Anomaly.class))));
    }

    /**
     * Signals are judged in event time, together with this operator's timers. The rules' signals reach it over
     * several channels, and one channel's signal may come before the others' event time reached it: judged on
     * arrival, a condition holding again at 18:08 cancelled the resolve due at 18:02 that event time had not yet
     * fired, and a run after a restart (fault suite, kill -9) published other alerts than an uninterrupted one. So a
     * signal ahead of event time waits for it. OFFLINE's signals are judged on arrival: that rule watches the wall
     * clock because event time stops when the whole fleet is silent.
     */
    @Override
    public void processElement(Anomaly signal, Context ctx, Collector<Alert> out) throws Exception {
        if (signal.at() <= ctx.timerService().currentWatermark() || OfflineRule.RULE.equals(signal.rule())) {
            judge(signal, ctx, out);
            return;
        }
        List<Anomaly> waiting = early.get(signal.at());
        List<Anomaly> next = new ArrayList<>(waiting == null ? List.of() : waiting);
        next.add(signal);
        early.put(signal.at(), next);
        ctx.timerService().registerEventTimeTimer(signal.at());
    }

    private void judge(Anomaly signal, Context ctx, Collector<Alert> out) throws Exception {
        Episode open = episode.value();
        if (signal.holds()) {
            if (open == null) {
                openOrDefer(signal, ctx, out);
            } else {
                continueEpisode(open, signal, ctx, out);
            }
        } else {
            startClearing(open, signal, ctx);
        }
    }

    private void openOrDefer(Anomaly signal, Context ctx, Collector<Alert> out) throws Exception {
        Deferred waiting = deferred.value();
        if (waiting != null) {
            // still inside maintenance: remember the latest (e.g. more severe) signal for the end of the window
            deferred.update(new Deferred(signal, waiting.until()));
            return;
        }
        String device = device(signal);
        if (QUALITY_RULES.contains(signal.rule()) && maintenance.covers(device, signal.at())) {
            long until = maintenance.coveredUntil(device, signal.at());
            deferred.update(new Deferred(signal, until));
            ctx.timerService().registerEventTimeTimer(until);
            return;
        }
        open(signal, signal.since(), signal.at(), AlertMessages.opened(signal, signal.severity()), out);
    }

    private void open(Anomaly signal, long startedAt, long at, String message, Collector<Alert> out) throws Exception {
        boolean flapping = recentResolves(at) >= parameters.flapResolves();
        Episode started = new Episode(AlertIds.of(signal.rule(), signal.enterpriseId(), signal.deviceId(), signal.metric(),
                startedAt), startedAt, signal.severity(), flapping, 0, null);
        episode.update(started);
        emit(AlertState.OPENED, started, signal, at, message, out);
    }

    private void continueEpisode(Episode open, Anomaly signal, Context ctx, Collector<Alert> out) throws Exception {
        Episode next = open;
        if (open.clearing()) {
            next = open.holdingAgain();
            episode.update(next);
            releaseTimer(ctx, open.resolveAt());
        }
        if (signal.severity().compareTo(open.severity()) > 0) {
            next = next.escalatedTo(signal.severity());
            episode.update(next);
            emit(AlertState.ESCALATED, next, signal, signal.at(),
                    AlertMessages.escalated(signal, open.severity(), signal.severity()), out);
        }
    }

    private void startClearing(Episode open, Anomaly clear, Context ctx) throws Exception {
        Deferred waiting = deferred.value();
        if (waiting != null) {
            deferred.clear();
            releaseTimer(ctx, waiting.until());
        }
        if (open == null || open.clearing()) {
            return;
        }
        long resolveAt = clear.at() + clearDuration(open, clear).toMillis();
        episode.update(open.resolvingAt(resolveAt, clear));
        ctx.timerService().registerEventTimeTimer(resolveAt);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        // the signals of this instant first: a condition holding again exactly when its resolve is due keeps the episode
        List<Anomaly> due = early.get(time);
        if (due != null) {
            early.remove(time);
            for (Anomaly signal : due) {
                judge(signal, ctx, out);
            }
        }
        Deferred waiting = deferred.value();
        if (waiting != null && time >= waiting.until()) {
            deferred.clear();
            Anomaly signal = waiting.signal();
            open(signal, waiting.until(), waiting.until(), AlertMessages.openedAfterMaintenance(signal,
                    signal.severity(), waiting.until(), zone(signal)), out);
        }
        Episode open = episode.value();
        if (open != null && open.clearing() && time >= open.resolveAt()) {
            resolve(open, time, ctx, out);
        }
        forgetResolvesBefore(time - parameters.flapWindow().toMillis());
    }

    private void resolve(Episode open, long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Anomaly clear = open.clear();
        emit(AlertState.RESOLVED, open, clear, time,
                AlertMessages.resolved(clear, clearDuration(open, clear), zone(clear)), out);
        episode.clear();
        List<Long> recent = new ArrayList<>(resolvesOrEmpty());
        recent.add(time);
        // only the last flapResolves matter for the decision: the list stays bounded
        while (recent.size() > parameters.flapResolves()) {
            recent.remove(0);
        }
        resolves.update(recent);
        ctx.timerService().registerEventTimeTimer(time + parameters.flapWindow().toMillis());
    }

    private Duration clearDuration(Episode open, Anomaly clear) {
        Duration d = parameters.clearDuration(clear.rule(), clear.windowMillis());
        return open.flapping() && d.compareTo(parameters.flapWindow()) < 0 ? parameters.flapWindow() : d;
    }

    private int recentResolves(long at) throws Exception {
        long after = at - parameters.flapWindow().toMillis();
        return (int) resolvesOrEmpty().stream().filter(t -> t > after && t <= at).count();
    }

    private void forgetResolvesBefore(long cutoff) throws Exception {
        List<Long> recent = resolves.value();
        if (recent == null) {
            return;
        }
        List<Long> kept = recent.stream().filter(t -> t > cutoff).toList();
        if (kept.isEmpty()) {
            resolves.clear();
        } else if (kept.size() < recent.size()) {
            resolves.update(new ArrayList<>(kept));
        }
    }

    private List<Long> resolvesOrEmpty() throws Exception {
        List<Long> recent = resolves.value();
        return recent == null ? List.of() : recent;
    }

    /** Deletes the timer at {@code time} unless another deadline of this key still needs it (timers are per instant). */
    private void releaseTimer(Context ctx, long time) throws Exception {
        Episode open = episode.value();
        Deferred waiting = deferred.value();
        long flapWindow = parameters.flapWindow().toMillis();
        boolean needed = (open != null && open.resolveAt() == time) || (waiting != null && waiting.until() == time)
                || resolvesOrEmpty().stream().anyMatch(t -> t + flapWindow == time) || early.contains(time);
        if (!needed) {
            ctx.timerService().deleteEventTimeTimer(time);
        }
    }

    private void emit(AlertState state, Episode e, Anomaly signal, long at, String message, Collector<Alert> out) {
        ZoneId zone = zone(signal);
        List<MaintenanceNote> touched = maintenance.touching(device(signal), e.startedAt(), at);
        String text = message
                + (e.flapping() ? AlertMessages.flapping(parameters.flapResolves(), parameters.flapWindow(),
                        clearDuration(e, signal), state == AlertState.RESOLVED) : "")
                + AlertMessages.maintenance(touched, zone);
        out.collect(new Alert(e.alertId(), state, signal.rule(), e.severity(), signal.enterpriseId(), signal.deviceId(),
                signal.metric(), e.startedAt(), at, signal.observed(), signal.limit(), window(signal.windowMillis()),
                signal.evidence(), text, e.flapping(), touched, zone.getId()));
    }

    private static String window(long millis) {
        return millis > 0 ? Duration.ofMillis(millis).toString() : null;
    }

    private static String device(Anomaly signal) {
        return signal.enterpriseId() + "/" + signal.deviceId();
    }

    private ZoneId zone(Anomaly signal) {
        return config.zone(signal.enterpriseId());
    }
}
