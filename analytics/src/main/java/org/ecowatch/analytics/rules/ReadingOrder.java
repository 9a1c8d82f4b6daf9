package org.ecowatch.analytics.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.ecowatch.ingest.reading.Reading;

/**
 * The readings of one key, held until the watermark passes their time and then released in time order, so rules see
 * the same sequence however the input was shuffled within the allowed out-of-orderness, and a replay gives the same
 * signals. One order serves every rule of an operator ({@link RuleGroup}): each reading is buffered once.
 *
 * <p>Readings already behind the watermark are dropped and counted ({@code lateReadings}); the job routes later
 * ones to the dead letter before they get here. Of two readings of one device and metric with the same time, kind
 * and period the later one wins, as in the readings store.
 *
 * <p>So are readings at or before the latest time this key already released. Flink does not restore watermarks:
 * after a restart from a checkpoint event time starts from nothing, and a message the checkpoint already covers may
 * come again (the MQTT source acknowledges on checkpoint completion, so a crash between the two makes the broker
 * redeliver it). Without this per-key mark a rule would count such a reading twice (an hourly average of the fault
 * suite's kill -9 run came out 151.5 instead of 156.3). The mark is forgotten after {@code forgetAfter} without a
 * reading, so a key that goes away leaves no state.
 */
final class ReadingOrder {
    private static final long ROUNDING = 60_000;

    private final long forgetAfterMillis;
    private final MapState<Long, List<Reading>> pending;
    /** The latest time of this key already released: event time that survives a restart. */
    private final ValueState<Long> releasedUpTo;
    private final Counter late;

    ReadingOrder(RuntimeContext context, long forgetAfterMillis) {
        this.forgetAfterMillis = forgetAfterMillis;
        pending = context.getMapState(new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(Reading.class))));
        releasedUpTo = context.getState(new ValueStateDescriptor<>("judgedUpTo", Types.LONG));
        late = context.getMetricGroup().counter("lateReadings");
    }

    /** The event time a reading becomes complete: period data is complete at the end of its period. */
    static long timeOf(Reading r) {
        return r.ts() + Math.max(0, r.periodMillis());
    }

    /** Rounds up to the minute, so that quiet timers of many keys fall on few instants. */
    static long roundUp(long t) {
        return Math.floorDiv(t + ROUNDING - 1, ROUNDING) * ROUNDING;
    }

    void add(Reading r, TimerService timers) throws Exception {
        long time = timeOf(r);
        Long released = releasedUpTo.value();
        if (time <= timers.currentWatermark() || (released != null && time <= released)) {
            late.inc();
            return;
        }
        List<Reading> at = pending.get(time);
        List<Reading> next = new ArrayList<>(at == null ? List.of() : at);
        // the same measurement again replaces the earlier one; keys of a device or an enterprise hold several metrics
        next.removeIf(o -> o.ts() == r.ts() && o.kind().equals(r.kind()) && o.periodMillis() == r.periodMillis()
                && o.metric().equals(r.metric()) && o.deviceId().equals(r.deviceId()));
        next.add(r);
        pending.put(time, next);
        timers.registerEventTimeTimer(time);
    }

    /** The readings due at the timer {@code time}, in a fixed order; empty when the timer was another's. */
    List<Reading> release(long time, TimerService timers) throws Exception {
        List<Reading> due = pending.get(time);
        Long released = releasedUpTo.value();
        if (due == null) {
            if (released != null && time >= roundUp(released + forgetAfterMillis)) {
                releasedUpTo.clear();
            }
            return List.of();
        }
        pending.remove(time);
        List<Reading> ordered = new ArrayList<>(due);
        // keys of cross-device rules hold several devices' readings: a fixed order at equal times keeps replays equal
        ordered.sort(Comparator.comparingLong(Reading::ts).thenComparing(Reading::deviceId).thenComparing(Reading::metric));
        releasedUpTo.update(time);
        long forgetAt = roundUp(time + forgetAfterMillis);
        if (released == null || roundUp(released + forgetAfterMillis) != forgetAt) {
            timers.registerEventTimeTimer(forgetAt);
        }
        return ordered;
    }
}
