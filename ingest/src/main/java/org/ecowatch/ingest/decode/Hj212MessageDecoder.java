package org.ecowatch.ingest.decode;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.hj212.FrameSplitter;
import org.ecowatch.ingest.hj212.Hj212Decoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Parser;
import org.ecowatch.ingest.hj212.Hj212Rejection;
import org.ecowatch.ingest.hj212.Hj212Result;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;

/**
 * HJ 212 frames arriving on {@code {prefix}/hj212/{enterpriseId}/{deviceId}}: a payload may hold several
 * frames. Whole frames become readings here; split packets are handed on for keyed reassembly, because the
 * packets of one set may reach different subtasks. Frames of commands that carry no data (heartbeats, status)
 * are accepted and counted, not turned into readings (CONTRACT §3).
 */
final class Hj212MessageDecoder {
    private final Registry registry;
    private final Hj212Parser parser;
    /** Whole frames pass its assembler at once and split packets never reach it, so it holds nothing between messages. */
    private final Hj212Decoder frames;

    Hj212MessageDecoder(Registry registry, ZoneId defaultZone) {
        this.registry = registry;
        this.parser = Hj212Parser.forRegistry(registry, Hj212Parser.DEFAULT_MAX_DATA_LENGTH);
        this.frames = new Hj212Decoder(registry, defaultZone);
    }

    Decoded decode(InboundMessage message, TelemetryTopic topic) {
        List<Reading> readings = new ArrayList<>();
        List<DeadLetter> rejected = new ArrayList<>();
        List<SplitPacket> packets = new ArrayList<>();
        for (Hj212Result<byte[]> item : FrameSplitter.splitAll(message.payload(), parser.maxDataLength())) {
            if (!item.isAccepted()) {
                rejected.add(deadLetter(message, item.rejection()));
                continue;
            }
            Hj212Result<Hj212Frame> parsed = parser.parse(item.value());
            if (parsed.isAccepted() && parsed.value().split() && sentByTopicDevice(parsed.value(), topic)) {
                Hj212Frame packet = parsed.value();
                packets.add(new SplitPacket(message.topic(), topic.enterpriseId(), topic.deviceId(), packet.qn(),
                        packet.pnum(), packet.pno(), item.value(), message.receivedAt()));
                continue;
            }
            for (Hj212Result<Hj212Decoder.Decoded> result : frames.decodeFrame(item.value(), topic.enterpriseId(),
                    topic.deviceId(), message.receivedAt())) {
                if (result.isAccepted()) {
                    readings.addAll(result.value().readings());
                } else {
                    rejected.add(deadLetter(message, result.rejection()));
                }
            }
        }
        return new Decoded(readings, rejected, packets);
    }

    /** Packets of another or an unknown device take the whole-frame path, which rejects them with the reason. */
    private boolean sentByTopicDevice(Hj212Frame frame, TelemetryTopic topic) {
        return registry.deviceByMn(frame.mn()).map(ref -> ref.key().equals(topic.deviceKey())).orElse(false);
    }

    static DeadLetter deadLetter(InboundMessage message, Hj212Rejection rejection) {
        return new DeadLetter(message.topic(), message.receivedAt(), rejection.reason(), rejection.detail(), message.payload());
    }
}
