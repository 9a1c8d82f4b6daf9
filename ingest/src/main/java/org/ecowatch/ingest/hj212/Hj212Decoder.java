package org.ecowatch.ingest.hj212;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;

/**
 * The whole codec behind one entry: bytes in, frames and readings or rejections out. It runs
 * {@link FrameSplitter} → {@link Hj212Parser} → identity check → {@link SplitPacketAssembler} →
 * {@link Hj212Readings} over each input. Split packets are held across calls (one MQTT message per packet is
 * normal), so use one decoder per stream of frames whose split sets belong together (per device key, per TCP
 * connection). The held packets live in memory only, bounded as the assembler says. Not thread-safe.
 *
 * <p>The identity check (MN, PW) runs before assembly, so frames from unknown devices cannot occupy the assembler.
 */
public final class Hj212Decoder {

    /**
     * One accepted frame (whole again if it came split) and its readings: empty for commands that carry none
     * (the caller logs those), never empty for a data command whose fields gave readings.
     */
    public record Decoded(Hj212Frame frame, List<Reading> readings) {}

    private final Hj212Parser parser;
    private final Hj212Readings readings;
    private final SplitPacketAssembler assembler;

    /** Default limits: {@link Hj212Parser#DEFAULT_MAX_DATA_LENGTH}, {@link SplitPacketAssembler#SplitPacketAssembler()}. */
    public Hj212Decoder(Registry registry, ZoneId defaultZone) {
        this(registry, defaultZone, Hj212Parser.DEFAULT_MAX_DATA_LENGTH, new SplitPacketAssembler());
    }

    /**
     * @param registry      the devices; {@code null} skips MN/PW checks and tolerates no MODBUS CRC
     * @param defaultZone   the zone of DataTime for enterprises without one
     * @param maxDataLength the largest data segment accepted (1..9999 bytes)
     */
    public Hj212Decoder(Registry registry, ZoneId defaultZone, int maxDataLength, SplitPacketAssembler assembler) {
        this.parser = registry == null
                ? new Hj212Parser(maxDataLength, mn -> false)
                : Hj212Parser.forRegistry(registry, maxDataLength);
        this.readings = new Hj212Readings(registry, defaultZone);
        this.assembler = assembler;
    }

    /**
     * Decodes one complete input holding any number of frames (an MQTT payload, a file).
     *
     * @param enterpriseId the enterprise named by the topic; with {@code deviceId} {@code null}, the device is
     *                     found by MN alone (the {@code decode} command, the gateway)
     * @param nowMillis    the time used to expire incomplete split sets
     */
    public List<Hj212Result<Decoded>> decode(byte[] input, String enterpriseId, String deviceId, long nowMillis) {
        List<Hj212Result<Decoded>> results = new ArrayList<>();
        for (Hj212Result<byte[]> item : FrameSplitter.splitAll(input, parser.maxDataLength())) {
            if (item.isAccepted()) {
                decodeFrame(item.value(), enterpriseId, deviceId, nowMillis, results);
            } else {
                results.add(Hj212Result.rejected(item.rejection()));
            }
        }
        return results;
    }

    /** Decodes one frame's bytes as {@link FrameSplitter} emits them (for a caller that runs its own splitter). */
    public List<Hj212Result<Decoded>> decodeFrame(byte[] frame, String enterpriseId, String deviceId, long nowMillis) {
        List<Hj212Result<Decoded>> results = new ArrayList<>();
        decodeFrame(frame, enterpriseId, deviceId, nowMillis, results);
        return results;
    }

    /** Rejections for split sets that expired by {@code nowMillis} (call it now and then when no input arrives). */
    public List<Hj212Rejection> expire(long nowMillis) {
        return assembler.expire(nowMillis);
    }

    private void decodeFrame(byte[] bytes, String enterpriseId, String deviceId, long nowMillis,
                             List<Hj212Result<Decoded>> results) {
        Hj212Result<Hj212Frame> parsed = parser.parse(bytes);
        if (!parsed.isAccepted()) {
            results.add(Hj212Result.rejected(parsed.rejection()));
            return;
        }
        boolean byMnOnly = deviceId == null;
        Hj212Result<Hj212Readings.Sender> sender = readings.identify(parsed.value(), enterpriseId, deviceId, byMnOnly);
        if (!sender.isAccepted()) {
            results.add(Hj212Result.rejected(sender.rejection()));
            return;
        }
        for (Hj212Result<Hj212Frame> whole : assembler.accept(parsed.value(), nowMillis)) {
            if (!whole.isAccepted()) {
                results.add(Hj212Result.rejected(whole.rejection()));
                continue;
            }
            Hj212Frame frame = whole.value();
            Hj212Result<List<Reading>> converted = byMnOnly ? readings.readings(frame) : readings.readings(frame, enterpriseId, deviceId);
            results.add(converted.isAccepted()
                    ? Hj212Result.accepted(new Decoded(frame, converted.value()))
                    : Hj212Result.rejected(converted.rejection()));
        }
    }
}
