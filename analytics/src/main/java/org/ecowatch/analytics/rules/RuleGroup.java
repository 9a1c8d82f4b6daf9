package org.ecowatch.analytics.rules;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.ingest.reading.Reading;

/**
 * Several rules keyed alike in one operator. The job used to run each rule as an operator of its own, which sent every
 * reading over the network, buffered it, set a timer for it and snapshotted it once per rule: the largest cost in the
 * benchmark's profile (docs/BENCHMARKS.md). Here a reading is shuffled, buffered and ordered once ({@link ReadingOrder})
 * and handed to each rule that accepts it. Each rule keeps its own state, under names prefixed with the rule's, and
 * its own timers; a timer of one rule reaches every rule, which rules allow ({@link OrderedReadingsFunction#onTime}).
 */
public final class RuleGroup extends KeyedProcessFunction<String, Reading, Anomaly> {
    private final List<OrderedReadingsFunction> rules;
    private final long forgetAfterMillis;
    private transient ReadingOrder order;

    public RuleGroup(List<? extends OrderedReadingsFunction> rules) {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a rule group needs at least one rule");
        }
        this.rules = List.copyOf(rules);
        this.forgetAfterMillis = this.rules.stream().mapToLong(OrderedReadingsFunction::quietAfterMillis).max().orElseThrow();
    }

    /** Whether any rule looks at the reading: the job drops the others before the shuffle. */
    public boolean acceptsAny(Reading r) {
        for (OrderedReadingsFunction rule : rules) {
            if (rule.accepts(r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        order = new ReadingOrder(getRuntimeContext(), forgetAfterMillis);
        for (OrderedReadingsFunction rule : rules) {
            rule.joinGroup(getRuntimeContext());
            rule.open(openContext);
        }
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Anomaly> out) throws Exception {
        // the job has dropped the readings no rule wants (acceptsAny); each rule picks its own in judge()
        order.add(r, ctx.timerService());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Anomaly> out) throws Exception {
        List<Reading> due = order.release(time, ctx.timerService());
        for (OrderedReadingsFunction rule : rules) {
            rule.judge(time, due, ctx, out);
        }
    }

    @Override
    public void close() throws Exception {
        for (OrderedReadingsFunction rule : rules) {
            rule.close();
        }
    }
}
