package org.ecowatch.analytics.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.ingest.reading.Reading;

/**
 * The event-time skeleton every single-key rule shares. Readings are buffered until the watermark passes their time
 * and then handed to {@link #onReading} in time order, so a rule sees the same sequence however the input was
 * shuffled within the allowed out-of-orderness, and a replay gives the same signals. A reading's time is
 * {@code ts + periodMillis}: period data (an hourly average stamped at the start of its hour) is complete only at
 * the end of its period, which is also when equipment sends it.
 *
 * <p>Readings already behind the watermark are dropped and counted ({@code lateReadings}); the job routes later
 * ones to the dead letter before they get here. Of two readings of one device and metric with the same time, kind
 * and period the later one wins, as in the readings store.
 *
 * <p>So are readings at or before the latest time this key already handed to the rule. Flink does not restore
 * watermarks: after a restart from a checkpoint event time starts from nothing, and a message the checkpoint already
 * covers may come again (the MQTT source acknowledges on checkpoint completion, so a crash between the two makes the
 * broker redeliver it). Without this per-key mark the rule would count such a reading twice (an hourly average of
 * the fault suite's kill -9 run came out 151.5 instead of 156.3).
 *
 * <p>After {@code quietAfter} without a reading the key is quiet: the rule drops its working state
 * ({@link #onQuiet}); only the marker of a condition that still holds is kept (one small value per key, so a
 * device that stops reporting while in violation is not silently cleared; OFFLINE reports the silence).
 *
 * <p>Rules register their own event-time timers for deadlines and get {@link #onTime} for every timer that fires,
 * after the readings of that instant. Rules must never delete timers: a timer at the same instant may be a
 * buffered reading's.
 */
public abstract class OrderedReadingsFunction extends KeyedProcessFunction<String, Reading, Anomaly> {
    private static final long QUIET_ROUNDING = 60_000;

    private final long quietAfterMillis;
    private transient MapState<Long, List<Reading>> pending;
    private transient ValueState<Long> quietAt;
    /** The latest time of this key already handed to the rule: event time that survives a restart. */
    private transient ValueState<Long> judgedUpTo;
    private transient MapState<String, Held> held;
    private transient Counter late;

    protected OrderedReadingsFunction(long quietAfterMillis) {
        this.quietAfterMillis = quietAfterMillis;
    }

    /** Whether this rule looks at the reading at all (flags, kinds, metrics with a limit …). */
    protected abstract boolean accepts(Reading r);

    /** The next reading of this key in time order. */
    protected abstract void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception;

    /** Any timer fired at {@code time}: handle the rule's own deadlines due then. */
    protected void onTime(long time, Context ctx, Collector<Anomaly> out) throws Exception {}

    /** The key has been quiet: clear the rule's working state. */
    protected abstract void onQuiet(long time, Context ctx, Collector<Anomaly> out) throws Exception;

    /** Opens the rule's own state. */
    protected abstract void openState() throws Exception;

    @Override
    public final void open(OpenContext openContext) throws Exception {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                Types.LIST(TypeInformation.of(Reading.class))));
        quietAt = getRuntimeContext().getState(new ValueStateDescriptor<>("quietAt", Types.LONG));
        judgedUpTo = getRuntimeContext().getState(new ValueStateDescriptor<>("judgedUpTo", Types.LONG));
        held = getRuntimeContext().getMapState(new MapStateDescriptor<>("held", Types.STRING, TypeInformation.of(Held.class)));
        late = getRuntimeContext().getMetricGroup().counter("lateReadings");
        openState();
    }

    /** The event time a reading becomes complete. */
    public static long timeOf(Reading r) {
        return r.ts() + Math.max(0, r.periodMillis());
    }

    @Override
    public final void processElement(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        if (!accepts(r)) {
            return;
        }
        long time = timeOf(r);
        Long judged = judgedUpTo.value();
        if (time <= ctx.timerService().currentWatermark() || (judged != null && time <= judged)) {
            late.inc();
            return;
        }
        List<Reading> at = pending.get(time);
        List<Reading> next = new ArrayList<>(at == null ? List.of() : at);
        // the same measurement again replaces the earlier one; rules keyed by device or enterprise see several metrics
        next.removeIf(o -> o.ts() == r.ts() && o.kind().equals(r.kind()) && o.periodMillis() == r.periodMillis()
                && o.metric().equals(r.metric()) && o.deviceId().equals(r.deviceId()));
        next.add(r);
        pending.put(time, next);
        ctx.timerService().registerEventTimeTimer(time);
    }

    @Override
    public final void onTimer(long time, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
        List<Reading> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            List<Reading> ordered = new ArrayList<>(due);
            // keys of cross-device rules hold several devices' readings: a fixed order at equal times keeps replays equal
            ordered.sort(Comparator.comparingLong(Reading::ts).thenComparing(Reading::deviceId).thenComparing(Reading::metric));
            for (Reading r : ordered) {
                onReading(r, ctx, out);
            }
            judgedUpTo.update(time);
            long quiet = roundUp(time + quietAfterMillis);
            quietAt.update(quiet);
            ctx.timerService().registerEventTimeTimer(quiet);
        }
        onTime(time, ctx, out);
        Long quiet = quietAt.value();
        if (quiet != null && time >= quiet) {
            quietAt.clear();
            judgedUpTo.clear();
            onQuiet(time, ctx, out);
        }
    }

    private static long roundUp(long t) {
        return Math.floorDiv(t + QUIET_ROUNDING - 1, QUIET_ROUNDING) * QUIET_ROUNDING;
    }

    /** What this key holds for {@code part} (a metric, or "" for the rule as a whole), or null when clear. */
    protected final Held held(String part) throws Exception {
        return held.get(part);
    }

    /**
     * Emits {@code signal} if it changes what the key holds for {@code part}: clear to holding, holding to clear, or
     * a new severity. Returns whether it was emitted.
     */
    protected final boolean signal(String part, Anomaly signal, Collector<Anomaly> out) throws Exception {
        Held before = held.get(part);
        if (signal.holds()) {
            if (before != null && before.severity() == signal.severity()) {
                return false;
            }
            if (before != null) {
                // a severity change within one episode: the condition began when the episode did
                signal = new Anomaly(signal.rule(), signal.enterpriseId(), signal.deviceId(), signal.metric(), signal.at(),
                        before.since(), true, signal.severity(), signal.observed(), signal.limit(), signal.windowMillis(),
                        signal.message(), signal.evidence());
            }
            held.put(part, new Held(signal.severity(), signal.since()));
        } else {
            if (before == null) {
                return false;
            }
            held.remove(part);
        }
        out.collect(signal);
        return true;
    }
}
