package org.ecowatch.alerts.outcomes;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.mqtt.InboundMessage;

/**
 * Reads the messages of {@code {prefix}/outcomes/+} into {@link ConfirmedOutcomes}, for the lead builder's broadcast
 * state. A payload that does not follow {@code ecowatch.outcomes/1}, or names another enterprise than its topic, goes
 * to {@link #DEAD_LETTERS} as {@code outcomes.malformed}. An empty payload (how MQTT deletes a retained message)
 * clears the enterprise's confirmed violations. No message can fail this operator: an unexpected exception becomes an
 * {@code internal.error} dead letter.
 */
public class OutcomesDecoder extends ProcessFunction<InboundMessage, ConfirmedOutcomes> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("outcomes-dead-letters") {};

    private final String topicPrefix;
    private transient Map<String, Counter> rejected;

    public OutcomesDecoder(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    @Override
    public void open(OpenContext openContext) {
        rejected = new HashMap<>();
    }

    /**
     * For the outcomes source: outcomes have no event time, and must not hold back the lead builder's, which is the
     * lesser of its two inputs' watermarks. The highest watermark leaves the alerts' alone in charge.
     */
    public static WatermarkStrategy<InboundMessage> watermarks() {
        return WatermarkStrategy.forGenerator(context -> new NoEventTime());
    }

    private static final class NoEventTime implements WatermarkGenerator<InboundMessage> {
        @Override
        public void onEvent(InboundMessage event, long eventTimestamp, WatermarkOutput output) {
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }
    }

    @Override
    public void processElement(InboundMessage message, Context ctx, Collector<ConfirmedOutcomes> out) {
        String enterprise = OutcomesTopic.enterpriseOf(topicPrefix, message.topic()).orElse(null);
        try {
            if (enterprise == null) {
                throw new MalformedOutcomes("the topic is not " + topicPrefix + "/outcomes/{enterpriseId}");
            }
            if (message.payload().length == 0) {
                out.collect(new ConfirmedOutcomes(enterprise, null));
                return;
            }
            ConfirmedOutcomes outcomes = OutcomesJson.parse(message.payload());
            if (!outcomes.enterpriseId().equals(enterprise)) {
                throw new MalformedOutcomes("\"enterpriseId\" is " + outcomes.enterpriseId() + " but the topic names " + enterprise);
            }
            out.collect(outcomes);
        } catch (MalformedOutcomes e) {
            reject(message, Reason.OUTCOMES_MALFORMED, e.getMessage(), ctx);
        } catch (RuntimeException e) {
            // never fail the job: a retained message would fail it again after every restart
            reject(message, Reason.INTERNAL_ERROR, "outcomes decoder failed: " + e, ctx);
        }
    }

    private void reject(InboundMessage message, String reason, String detail, Context ctx) {
        ctx.output(DEAD_LETTERS, new DeadLetter(message.topic(), message.receivedAt(), reason, detail, message.payload()));
        // registered on first use, as the telemetry decoder's, so the progress line lists only reasons seen
        rejected.computeIfAbsent(reason, r -> getRuntimeContext().getMetricGroup().addGroup("ecowatch")
                .addGroup("reason", r).counter("rejected")).inc();
    }
}
