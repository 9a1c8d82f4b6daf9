package org.ecowatch.analytics.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ecowatch.analytics.rules.OrderedReadingsFunction;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.reading.Reading;

/**
 * Keeps readings that come later than the allowed out-of-orderness away from the rules, and says so: they are
 * stored like any other reading, but no rule can judge them any more, so each becomes a {@code late} dead
 * letter (topic: the device, {@code enterpriseId/deviceId}; payload: the reading as JSON).
 */
final class LateReadings extends ProcessFunction<Reading, Reading> {
    static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-readings") {};
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Reading> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        // The rules treat a reading at or behind their watermark as late; theirs never runs ahead of this one.
        if (OrderedReadingsFunction.timeOf(reading) > watermark) {
            out.collect(reading);
            return;
        }
        ctx.output(LATE, new DeadLetter(reading.deviceKey(), ctx.timerService().currentProcessingTime(), Reason.LATE,
                "reading of " + reading.metric() + " at " + Instant.ofEpochMilli(reading.ts()) + " arrived after event time reached "
                        + Instant.ofEpochMilli(watermark) + ": stored, but too late for detection",
                JSON.writeValueAsBytes(reading)));
    }
}
