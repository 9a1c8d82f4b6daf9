package org.ecowatch.analytics.rules;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.ingest.reading.Reading;

/**
 * The event-time skeleton every single-key rule shares. Readings are held until the watermark passes their time and
 * then handed to {@link #onReading} in time order ({@link ReadingOrder}). A reading's time is
 * {@code ts + periodMillis}: period data (an hourly average stamped at the start of its hour) is complete only at
 * the end of its period, which is also when equipment sends it.
 *
 * <p>A rule runs on its own (the tests do that) or, in the job, with the other rules keyed alike in one
 * {@link RuleGroup}, which orders the readings once for all of them. Rules open their state with {@link #valueState}
 * and {@link #mapState}, so that the names of several rules in one operator do not clash.
 *
 * <p>After {@code quietAfter} without a reading the key is quiet: the rule drops its working state
 * ({@link #onQuiet}); only the marker of a condition that still holds is kept (one small value per key, so a
 * device that stops reporting while in violation is not silently cleared; OFFLINE reports the silence).
 *
 * <p>Rules register their own event-time timers for deadlines and get {@link #onTime} for every timer that fires,
 * after the readings of that instant: a timer may be another rule's or a buffered reading's, so a rule checks its
 * own deadlines, and never deletes a timer.
 */
public abstract class OrderedReadingsFunction extends KeyedProcessFunction<String, Reading, Anomaly> {
    private final long quietAfterMillis;
    /** Prefix of this rule's state names: empty on its own, the rule's name in a group. */
    private transient String statePrefix;
    /** Null in a group, whose order serves all its rules. */
    private transient ReadingOrder order;
    private transient ValueState<Long> quietAt;
    private transient MapState<String, Held> held;

    protected OrderedReadingsFunction(long quietAfterMillis) {
        this.quietAfterMillis = quietAfterMillis;
    }

    /** The rule's name, e.g. EXCEEDANCE. */
    public abstract String rule();

    /** Whether this rule looks at the reading at all (flags, kinds, metrics with a limit …). */
    protected abstract boolean accepts(Reading r);

    /** The next reading of this key in time order. */
    protected abstract void onReading(Reading r, Context ctx, Collector<Anomaly> out) throws Exception;

    /** Any timer fired at {@code time}: handle the rule's own deadlines due then. */
    protected void onTime(long time, Context ctx, Collector<Anomaly> out) throws Exception {}

    /** The key has been quiet: clear the rule's working state. */
    protected abstract void onQuiet(long time, Context ctx, Collector<Anomaly> out) throws Exception;

    /** Opens the rule's own state, with {@link #valueState} and {@link #mapState}. */
    protected abstract void openState() throws Exception;

    final long quietAfterMillis() {
        return quietAfterMillis;
    }

    /** Called by a {@link RuleGroup} before {@link #open}: the rule runs inside the group's operator. */
    final void joinGroup(RuntimeContext groupContext) {
        setRuntimeContext(groupContext);
        statePrefix = rule() + ".";
    }

    @Override
    public final void open(OpenContext openContext) throws Exception {
        if (statePrefix == null) {
            statePrefix = "";
            order = new ReadingOrder(getRuntimeContext(), quietAfterMillis);
        }
        quietAt = valueState("quietAt", Types.LONG);
        held = mapState("held", Types.STRING, TypeInformation.of(Held.class));
        openState();
    }

    /** Keyed value state of this rule. */
    protected final <T> ValueState<T> valueState(String name, TypeInformation<T> type) {
        return getRuntimeContext().getState(new ValueStateDescriptor<>(statePrefix + name, type));
    }

    /** Keyed map state of this rule. */
    protected final <K, V> MapState<K, V> mapState(String name, TypeInformation<K> keys, TypeInformation<V> values) {
        return getRuntimeContext().getMapState(new MapStateDescriptor<>(statePrefix + name, keys, values));
    }

    /** The event time a reading becomes complete. */
    public static long timeOf(Reading r) {
        return ReadingOrder.timeOf(r);
    }

    @Override
    public final void processElement(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        if (accepts(r)) {
            order.add(r, ctx.timerService());
        }
    }

    @Override
    public final void onTimer(long time, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
        judge(time, order.release(time, ctx.timerService()), ctx, out);
    }

    /** A timer fired at {@code time}, releasing {@code due} (readings of any rule of the group, in time order). */
    final void judge(long time, List<Reading> due, Context ctx, Collector<Anomaly> out) throws Exception {
        boolean heard = false;
        for (Reading r : due) {
            if (accepts(r)) {
                onReading(r, ctx, out);
                heard = true;
            }
        }
        Long quiet = quietAt.value();
        if (heard) {
            long next = ReadingOrder.roundUp(time + quietAfterMillis);
            // rounded up to the minute, the quiet time moves at most once a minute: write and time it only when it does
            if (quiet == null || quiet != next) {
                quietAt.update(next);
                ctx.timerService().registerEventTimeTimer(next);
                quiet = next;
            }
        }
        onTime(time, ctx, out);
        if (quiet != null && time >= quiet) {
            quietAt.clear();
            onQuiet(time, ctx, out);
        }
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
