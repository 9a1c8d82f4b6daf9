package org.ecowatch.ingest.decode;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ecowatch.configs.Registry;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;

/**
 * The decode stage: valid readings on the main output, every rejection on {@link #DEAD_LETTERS}. No input
 * can fail this operator: an unexpected exception becomes an {@code internal.error} dead letter.
 */
public class DecodeFunction extends ProcessFunction<InboundMessage, Reading> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
    /** HJ 212 split packets, to be keyed by set and reassembled by {@link SplitPacketAssembly}. */
    public static final OutputTag<SplitPacket> SPLIT_PACKETS = new OutputTag<>("hj212-split-packets") {};

    private final String topicPrefix;
    private final Registry registry;
    private final Thresholds thresholds;
    private final ZoneId defaultZone;

    private transient MessageDecoder decoder;
    private transient MetricGroup metrics;
    private transient Counter valid;
    private transient Map<String, Counter> rejectedByReason;

    public DecodeFunction(String topicPrefix, Registry registry, Thresholds thresholds, ZoneId defaultZone) {
        this.topicPrefix = topicPrefix;
        this.registry = registry;
        this.thresholds = thresholds;
        this.defaultZone = defaultZone;
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new MessageDecoder(topicPrefix, registry, thresholds, defaultZone);
        metrics = getRuntimeContext().getMetricGroup().addGroup("ecowatch");
        valid = metrics.counter("readingsValid");
        rejectedByReason = new HashMap<>();
    }

    @Override
    public void processElement(InboundMessage message, Context ctx, Collector<Reading> out) {
        Decoded decoded;
        try {
            decoded = decoder.decode(message);
        } catch (RuntimeException e) {
            decoded = Decoded.rejected(new DeadLetter(message.topic(), message.receivedAt(), Reason.INTERNAL_ERROR,
                    "decoder failed: " + e, message.payload()));
        }
        for (Reading reading : decoded.readings()) {
            out.collect(reading);
        }
        valid.inc(decoded.readings().size());
        for (SplitPacket packet : decoded.splitPackets()) {
            ctx.output(SPLIT_PACKETS, packet);
        }
        for (DeadLetter rejected : decoded.rejected()) {
            ctx.output(DEAD_LETTERS, rejected);
            rejectedByReason.computeIfAbsent(rejected.reason(),
                    reason -> metrics.addGroup("reason", reason).counter("rejected")).inc();
        }
    }
}
