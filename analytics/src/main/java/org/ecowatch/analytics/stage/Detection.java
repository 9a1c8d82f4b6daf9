package org.ecowatch.analytics.stage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.analytics.rules.ReadingKeys;
import org.ecowatch.analytics.rules.RuleGroup;
import org.ecowatch.analytics.rules.earlywarning.EarlyWarningRule;
import org.ecowatch.analytics.rules.exceedance.ExceedanceRule;
import org.ecowatch.analytics.rules.flatline.FlatlineRule;
import org.ecowatch.analytics.rules.instrumentflag.InstrumentFlagRule;
import org.ecowatch.analytics.rules.offline.OfflineRule;
import org.ecowatch.analytics.rules.treatmentoff.TreatmentOffRule;
import org.ecowatch.analytics.rules.waterbalance.WaterBalanceRule;
import org.ecowatch.analytics.rules.zerovalue.ZeroValueRule;
import org.ecowatch.analytics.rules.outofrange.OutOfRangeRule;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.reading.Reading;

/**
 * The detection stage: event time for the valid readings (bounded out-of-orderness, idle inputs ignored), late
 * readings to the dead letter, then every rule, keyed as it needs: one operator per key (series, device, enterprise)
 * runs all the rules keyed so, and OFFLINE, which watches the wall clock, runs apart. Every operator has a uid.
 */
public final class Detection {
    /** How far out of order readings may arrive and still be judged. */
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    /** How far ahead of the wall clock a reading may move event time: device clocks drift. */
    public static final Duration CLOCK_DRIFT = Duration.ofMinutes(1);
    /** A source subtask without data for this long does not hold event time back. */
    public static final Duration IDLENESS = Duration.ofMinutes(1);

    /** The condition signals of every rule, and the late readings' dead letters. */
    public record Output(DataStream<Anomaly> anomalies, DataStream<DeadLetter> late) {}

    private Detection() {}

    /**
     * The rules keyed alike, as one operator that orders each reading once ({@link RuleGroup}). Readings no rule of
     * the group looks at are dropped before the shuffle. The operator is named after its rules.
     */
    private static DataStream<Anomaly> rules(DataStream<Reading> timely, String keyedBy, KeySelector<Reading, String> key,
                                             OrderedReadingsFunction... rules) {
        RuleGroup group = new RuleGroup(List.of(rules));
        String names = Arrays.stream(rules).map(OrderedReadingsFunction::rule).collect(Collectors.joining(", "));
        return timely.filter(group::acceptsAny).uid("rules-by-" + keyedBy + "-input").name("readings for " + names)
                .keyBy(key)
                .process(group).uid("rules-by-" + keyedBy).name(names);
    }

    public static Output attach(DataStream<Reading> readings, DetectionConfig config) {
        SingleOutputStreamOperator<Reading> timely = readings
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Reading>forGenerator(context ->
                                new ClockBoundedWatermarks<>(MAX_OUT_OF_ORDERNESS, CLOCK_DRIFT, System::currentTimeMillis))
                        .withTimestampAssigner((reading, previous) -> OrderedReadingsFunction.timeOf(reading))
                        .withIdleness(IDLENESS))
                .uid("event-time").name("event time")
                .process(new LateReadings()).uid("late-readings").name("late readings");

        DataStream<Anomaly> anomalies = rules(timely, "series", ReadingKeys.byDeviceAndMetric(),
                new ExceedanceRule(config), new EarlyWarningRule(config), new FlatlineRule(config),
                new OutOfRangeRule(config), new InstrumentFlagRule(config))
                .union(rules(timely, "device", ReadingKeys.byDevice(), new ZeroValueRule(config)),
                        timely.keyBy(ReadingKeys.byDevice()).process(new OfflineRule(config)).uid("rule-offline").name("OFFLINE"),
                        rules(timely, "enterprise", ReadingKeys.byEnterprise(), new TreatmentOffRule(config),
                                new WaterBalanceRule(config)));
        return new Output(anomalies, timely.getSideOutput(LateReadings.LATE));
    }
}
