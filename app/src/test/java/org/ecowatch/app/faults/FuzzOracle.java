package org.ecowatch.app.faults;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.ecowatch.app.faults.ReplayInput.Series;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.decode.MessageDecoder;
import org.ecowatch.ingest.mqtt.InboundMessage;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.simulator.SimulatedMessage;
import org.ecowatch.ingest.store.ReadingsTables;

/**
 * Says, before a message is published, what the pipeline must make of it: it decodes the message with the
 * pipeline's own decoder, offline. The expected counts of the fuzz test are therefore exact even though a mutation
 * may leave a message valid, or valid in part.
 */
final class FuzzOracle {
    /** One stored reading's identity in the store (docs/STORE.md): a replay or a duplicate overwrites it. */
    record StoredKey(Series series, long ts, String kind, long periodMillis) {}

    /**
     * @param deadLetters one key ({@link #deadLetterKey}) per dead letter the message must cause
     * @param readings    the readings of the message the pipeline must store
     * @param split       whether the decoder holds (part of) it back as an HJ 212 split packet awaiting its siblings
     * @param crash       the decoder's exception: the pipeline would dead-letter it as {@code internal.error}, a bug
     */
    record Verdict(List<String> deadLetters, List<StoredKey> readings, boolean split, RuntimeException crash) {}

    private final EcowatchConfig config;
    private final MessageDecoder decoder;

    FuzzOracle(EcowatchConfig config) {
        this.config = config;
        ZoneId zone = config.pipeline().timeZone();
        this.decoder = new MessageDecoder(config.pipeline().mqtt().topicPrefix(), config.registry(), config.thresholds(), zone);
    }

    Verdict judge(SimulatedMessage message) {
        String hash = sha256(message.payload());
        Decoded decoded;
        try {
            // Arrival now: published a moment later, a reading within the day-ahead bound stays within it.
            decoded = decoder.decode(new InboundMessage(message.topic(), message.payload(), System.currentTimeMillis()));
        } catch (RuntimeException e) {
            return new Verdict(List.of(deadLetterKey(Reason.INTERNAL_ERROR, hash)), List.of(), false, e);
        }
        List<String> deadLetters = decoded.rejected().stream().map(DeadLetter::reason).map(r -> deadLetterKey(r, hash)).toList();
        List<StoredKey> readings = decoded.readings().stream().map(this::key).toList();
        return new Verdict(deadLetters, readings, !decoded.splitPackets().isEmpty(), null);
    }

    StoredKey key(Reading r) {
        String table = ReadingsTables.measurement(config.registry().device(r.enterpriseId(), r.deviceId()).orElseThrow().kind());
        return new StoredKey(new Series(table, r.enterpriseId(), r.deviceId(), r.metric()), r.ts(), r.kind(), r.periodMillis());
    }

    /** A dead letter's identity: its reason and the payload it carries. */
    static String deadLetterKey(String reason, String payloadSha256) {
        return reason + " " + payloadSha256;
    }

    static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
