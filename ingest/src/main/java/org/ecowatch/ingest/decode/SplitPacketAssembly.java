package org.ecowatch.ingest.decode;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.hj212.Hj212Decoder;
import org.ecowatch.ingest.hj212.Hj212Reasons;
import org.ecowatch.ingest.hj212.Hj212Result;
import org.ecowatch.ingest.reading.Reading;

/**
 * Puts split HJ 212 frames back together, keyed by {@link SplitPacket#setKey()} (device and QN), in checkpointed
 * state so a restart loses no half-received set. A set still incomplete {@link #EXPIRY} after its first packet
 * goes to the dead letter as {@code hj212.split-expired} with every packet received.
 */
public class SplitPacketAssembly extends KeyedProcessFunction<String, SplitPacket, Reading> {
    static final Duration EXPIRY = Duration.ofMinutes(2);

    private final Registry registry;
    private final ZoneId defaultZone;
    private transient MapState<Integer, SplitPacket> packets;
    private transient ValueState<Long> expiresAt;

    public SplitPacketAssembly(Registry registry, ZoneId defaultZone) {
        this.registry = registry;
        this.defaultZone = defaultZone;
    }

    @Override
    public void open(OpenContext openContext) {
        packets = getRuntimeContext().getMapState(new MapStateDescriptor<>("packets", Types.INT, Types.POJO(SplitPacket.class)));
        expiresAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expires-at", Types.LONG));
    }

    @Override
    public void processElement(SplitPacket packet, Context ctx, Collector<Reading> out) throws Exception {
        if (expiresAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + EXPIRY.toMillis();
            expiresAt.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
        packets.put(packet.pno(), packet);
        List<SplitPacket> received = received();
        if (received.size() < packet.pnum()) {
            return;
        }
        // Complete: decode the packets in order; the codec's assembler joins them into one frame.
        Hj212Decoder decoder = new Hj212Decoder(registry, defaultZone);
        for (SplitPacket p : received) {
            for (Hj212Result<Hj212Decoder.Decoded> result : decoder.decodeFrame(p.frame(), p.enterpriseId(), p.deviceId(), p.receivedAt())) {
                if (result.isAccepted()) {
                    result.value().readings().forEach(out::collect);
                } else {
                    ctx.output(DecodeFunction.DEAD_LETTERS, new DeadLetter(p.topic(), p.receivedAt(),
                            result.rejection().reason(), result.rejection().detail(), joined(received)));
                }
            }
        }
        ctx.timerService().deleteProcessingTimeTimer(expiresAt.value());
        clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Reading> out) throws Exception {
        List<SplitPacket> received = received();
        if (!received.isEmpty()) {
            SplitPacket first = received.get(0);
            ctx.output(DecodeFunction.DEAD_LETTERS, new DeadLetter(first.topic(), first.receivedAt(), Hj212Reasons.SPLIT_EXPIRED,
                    "split set QN=" + first.qn() + " has " + received.size() + " of " + first.pnum() + " packets after "
                            + EXPIRY.toMinutes() + " minutes; the packets received are in the payload", joined(received)));
        }
        clear();
    }

    private List<SplitPacket> received() throws Exception {
        List<SplitPacket> received = new ArrayList<>();
        packets.values().forEach(received::add);
        received.sort((a, b) -> Integer.compare(a.pno(), b.pno()));
        return received;
    }

    private static byte[] joined(List<SplitPacket> received) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        received.forEach(p -> all.writeBytes(p.frame()));
        return all.toByteArray();
    }

    private void clear() {
        packets.clear();
        expiresAt.clear();
    }
}
