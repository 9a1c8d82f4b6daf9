package org.ecowatch.analytics.rules.offline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.anomaly.Severity;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.Held;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.ingest.reading.Reading;

/**
 * OFFLINE: no reading from a device for {@code intervals} × its reporting interval, at least {@code minimum}
 * (WARNING). Keyed by device ({@code ReadingKeys.byDevice()}), fed every reading.
 *
 * <p>The silence is watched on two clocks, whichever notices first:
 * <ul>
 *   <li><b>event time</b>: the watermark passes the last reading's time + the window. This is how a fast replay of
 *       recorded data sees a device's gap: the other devices' data moves event time on while wall time barely
 *       moves. The signal's {@code at} is then exactly last reading + window, so a replay repeats it.</li>
 *   <li><b>processing time</b>: the window passes on the wall clock since the device was last heard. This is the
 *       live case, and it does not depend on the watermark, which stops when the whole fleet is silent. The
 *       signal's {@code at} is still an event time: the last reading's time + the wall time elapsed since it was
 *       heard, or the current watermark if that is further on. While the job was not running it heard nothing:
 *       the wall clock counts the silence from the later of the last reading's arrival and the operator's start.</li>
 * </ul>
 * {@code since} is the time the first missing reading was due (last reading + interval). It clears at the first
 * reading newer than the last one (older ones, e.g. duplicates redelivered after a broker outage, prove nothing),
 * with {@code at} that reading's time. Any flag counts: a reading flagged B or D still shows the device talking.
 *
 * <p><b>Startup grace</b>: state and timers come back from the checkpoint, so after a restart every silent-looking
 * device's wall-clock timers would fire at once. For {@code startupGrace} of wall time after the operator opens,
 * nothing fires on the wall clock; what would have is judged again at the grace's end, when redelivered and fresh
 * readings have arrived. A gap in event time (other devices' data moved on without this one) fires at once: it is
 * in the data, not an artefact of the restart, and a fast replay must show it.
 *
 * <p>Timers are registered lazily, at most one per clock and device, and never deleted: a timer that fires before
 * the (moved-on) deadline re-arms itself. Once a device is offline it keeps no timers, only its last reading and the
 * marker of the condition; a live device keeps one timer per clock.
 */
public class OfflineRule extends KeyedProcessFunction<String, Reading, Anomaly> {
    public static final String RULE = "OFFLINE";

    private final DetectionConfig config;
    private final RuleParameters.Offline parameters;
    private transient long startedAt;
    private transient ValueState<Reading> last;
    private transient ValueState<Long> heardAt;
    private transient ValueState<Long> eventTimer;
    private transient ValueState<Long> wallTimer;
    private transient ValueState<Held> held;

    public OfflineRule(DetectionConfig config) {
        this.config = config;
        this.parameters = config.parameters().offline();
    }

    @Override
    public void open(OpenContext openContext) {
        last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", TypeInformation.of(Reading.class)));
        heardAt = getRuntimeContext().getState(new ValueStateDescriptor<>("heardAt", Types.LONG));
        eventTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("eventTimer", Types.LONG));
        wallTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("wallTimer", Types.LONG));
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", TypeInformation.of(Held.class)));
        startedAt = getRuntimeContext() instanceof StreamingRuntimeContext streaming
                ? streaming.getProcessingTimeService().getCurrentProcessingTime()
                : Long.MIN_VALUE; // outside a stream operator: taken at the first callback
    }

    private long startedAt(long now) {
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
        return startedAt;
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        startedAt(now);
        Reading before = last.value();
        if (before != null && r.ts() <= before.ts()) {
            return;
        }
        last.update(r);
        heardAt.update(now);
        Held offline = held.value();
        if (offline != null) {
            held.clear();
            long gap = r.ts() - before.ts();
            out.collect(new Anomaly(RULE, r.enterpriseId(), r.deviceId(), null, r.ts(), r.ts(), false, offline.severity(),
                    gap / 60_000.0, (double) window(r).toMinutes(), gap,
                    r.deviceId() + " reports again after " + minutes(gap) + " of silence",
                    List.of(Evidence.of(before), Evidence.of(r))));
        }
        arm(ctx, r, now);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
        ValueState<Long> marker = ctx.timeDomain() == TimeDomain.EVENT_TIME ? eventTimer : wallTimer;
        if (Long.valueOf(time).equals(marker.value())) {
            marker.clear();
        }
        long now = ctx.timerService().currentProcessingTime();
        long started = startedAt(now);
        Reading r = last.value();
        if (r == null || held.value() != null) {
            return;
        }
        long window = window(r).toMillis();
        long watermark = ctx.timerService().currentWatermark();
        long heard = heardAt.value();
        boolean eventDue = watermark >= r.ts() + window;
        boolean wallDue = now >= Math.max(heard, started) + window;
        if (!eventDue && !wallDue) {
            arm(ctx, r, now);
            return;
        }
        long graceEnds = started + parameters.startupGrace().toMillis();
        // Only the wall clock can be fooled by a restart; a gap in event time is in the data itself.
        if (!eventDue && now < graceEnds) {
            Long pending = wallTimer.value();
            if (pending == null || pending > graceEnds) {
                wallTimer.update(graceEnds);
                ctx.timerService().registerProcessingTimeTimer(graceEnds);
            }
            return;
        }
        long at = eventDue ? r.ts() + window : Math.max(r.ts() + (now - heard), watermark);
        long since = r.ts() + interval(r).toMillis();
        held.update(new Held(Severity.WARNING, since));
        eventTimer.clear(); // a timer still registered on the other clock finds the device offline and does nothing
        wallTimer.clear();
        out.collect(new Anomaly(RULE, r.enterpriseId(), r.deviceId(), null, at, since, true, Severity.WARNING,
                (at - r.ts()) / 60_000.0, (double) Duration.ofMillis(window).toMinutes(), at - r.ts(),
                r.deviceId() + " has sent nothing since " + Instant.ofEpochMilli(r.ts()) + " (" + minutes(at - r.ts())
                        + "; it should report every " + interval(r) + ")",
                List.of(Evidence.of(r))));
    }

    /** Makes sure one timer per clock waits for the current deadlines. */
    private void arm(Context ctx, Reading r, long now) throws Exception {
        long window = window(r).toMillis();
        if (eventTimer.value() == null) {
            eventTimer.update(r.ts() + window);
            ctx.timerService().registerEventTimeTimer(r.ts() + window);
        }
        if (wallTimer.value() == null) {
            long deadline = Math.max(heardAt.value(), startedAt(now)) + window;
            wallTimer.update(deadline);
            ctx.timerService().registerProcessingTimeTimer(deadline);
        }
    }

    private Duration interval(Reading r) {
        return config.interval(r.enterpriseId(), r.deviceId());
    }

    private Duration window(Reading r) {
        return parameters.window(interval(r));
    }

    private static String minutes(long millis) {
        return Duration.ofMillis(millis).toMinutes() + " min";
    }
}
