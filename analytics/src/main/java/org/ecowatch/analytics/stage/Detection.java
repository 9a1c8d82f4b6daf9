package org.ecowatch.analytics.stage;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.analytics.rules.ReadingKeys;
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
 * readings to the dead letter, then every rule, each keyed as it needs. Every operator has a uid.
 */
public final class Detection {
    /** How far out of order readings may arrive and still be judged. */
    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofMinutes(5);
    /** A source subtask without data for this long does not hold event time back. */
    public static final Duration IDLENESS = Duration.ofMinutes(1);

    /** The condition signals of every rule, and the late readings' dead letters. */
    public record Output(DataStream<Anomaly> anomalies, DataStream<DeadLetter> late) {}

    private Detection() {}

    public static Output attach(DataStream<Reading> readings, DetectionConfig config) {
        SingleOutputStreamOperator<Reading> timely = readings
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Reading>forBoundedOutOfOrderness(MAX_OUT_OF_ORDERNESS)
                        .withTimestampAssigner((reading, previous) -> OrderedReadingsFunction.timeOf(reading))
                        .withIdleness(IDLENESS))
                .uid("event-time").name("event time")
                .process(new LateReadings()).uid("late-readings").name("late readings");

        KeyedStream<Reading, String> byMetric = timely.keyBy(ReadingKeys.byDeviceAndMetric());
        KeyedStream<Reading, String> byDevice = timely.keyBy(ReadingKeys.byDevice());
        KeyedStream<Reading, String> byEnterprise = timely.keyBy(ReadingKeys.byEnterprise());
        DataStream<Anomaly> anomalies = byMetric.process(new ExceedanceRule(config)).uid("rule-exceedance").name("EXCEEDANCE")
                .union(byMetric.process(new EarlyWarningRule(config)).uid("rule-early-warning").name("EARLY_WARNING"),
                        byMetric.process(new FlatlineRule(config)).uid("rule-flatline").name("FLATLINE"),
                        byMetric.process(new OutOfRangeRule(config)).uid("rule-out-of-range").name("OUT_OF_RANGE"),
                        byMetric.process(new InstrumentFlagRule(config)).uid("rule-instrument-flag").name("INSTRUMENT_FLAG"),
                        byDevice.process(new ZeroValueRule(config)).uid("rule-zero-value").name("ZERO_VALUE"),
                        byDevice.process(new OfflineRule(config)).uid("rule-offline").name("OFFLINE"),
                        byEnterprise.process(new TreatmentOffRule(config)).uid("rule-treatment-off").name("TREATMENT_OFF"),
                        byEnterprise.process(new WaterBalanceRule(config)).uid("rule-water-balance").name("WATER_BALANCE"));
        return new Output(anomalies, timely.getSideOutput(LateReadings.LATE));
    }
}
