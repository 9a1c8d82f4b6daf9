package org.ecowatch.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.decode.Decoded;
import org.ecowatch.ingest.reading.Reading;

/**
 * Decodes and validates one {@code ecowatch.telemetry/1} batch (CONTRACT §2).
 *
 * <p>A problem with the message as a whole (size, JSON syntax, schema, device identity, batch timestamp)
 * rejects the whole message; a problem with one reading rejects only that reading, so its valid neighbours
 * are still stored. Either way the dead letter carries the whole payload and names every problem found.
 */
public final class JsonBatchDecoder {
    public static final String SCHEMA = "ecowatch.telemetry/1";
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_READINGS = 500;

    // Deep nesting and absurd number lengths are stopped by the parser, before any tree is built.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxNumberLength(64)
                .maxStringLength(MAX_PAYLOAD_BYTES)
                .build());
    }

    private final Thresholds thresholds;

    /** @param thresholds the configured units; null skips the unit check (decoding without a configuration) */
    public JsonBatchDecoder(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param enterpriseId the enterprise the topic names, or null when decoding without a topic
     * @param deviceId     the device the topic names, or null when decoding without a topic
     */
    public Decoded decode(String topic, String enterpriseId, String deviceId, byte[] payload, long receivedAt) {
        Rejector reject = new Rejector(topic, payload, receivedAt);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return reject.whole(Reason.PAYLOAD_TOO_LARGE,
                    "payload is " + payload.length + " bytes; the limit is " + MAX_PAYLOAD_BYTES + " bytes (64 KiB): split the batch");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(utf8(payload));
        } catch (CharacterCodingException e) {
            return reject.whole(Reason.JSON_MALFORMED, "payload is not valid UTF-8");
        } catch (IOException e) {
            return reject.whole(Reason.JSON_MALFORMED, "payload is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return reject.whole(Reason.SCHEMA_INVALID, "payload must be a JSON object with \"ts\" and \"readings\"");
        }
        JsonNode schema = root.get("schema");
        if (schema != null && !SCHEMA.equals(schema.asText(null))) {
            return reject.whole(Reason.SCHEMA_INVALID, "\"schema\" is " + schema + "; expected \"" + SCHEMA + "\"");
        }

        String[] identity = {enterpriseId, deviceId};
        String mismatch = checkDeviceField(root.get("device"), identity);
        if (mismatch != null) {
            return reject.whole(Reason.DEVICE_MISMATCH, mismatch);
        }

        JsonNode batchTs = root.get("ts");
        if (batchTs == null || batchTs.isNull()) {
            return reject.whole(Reason.TIMESTAMP_INVALID, "\"ts\" is required: ISO-8601 with offset or epoch milliseconds");
        }
        Timestamps.Parsed batchTime = Timestamps.parse(batchTs, receivedAt);
        if (batchTime.error() != null) {
            return reject.whole(Reason.TIMESTAMP_INVALID, "ts: " + batchTime.error());
        }

        JsonNode readings = root.get("readings");
        if (readings == null || !readings.isArray() || readings.isEmpty()) {
            return reject.whole(Reason.SCHEMA_INVALID, "\"readings\" must be a non-empty array of readings");
        }
        if (readings.size() > MAX_READINGS) {
            return reject.whole(Reason.TOO_MANY_READINGS,
                    "batch holds " + readings.size() + " readings; the limit is " + MAX_READINGS + ": split the batch");
        }

        List<Reading> valid = new ArrayList<>(readings.size());
        ReadingValidator validator = new ReadingValidator(thresholds, batchTime.epochMillis(), receivedAt);
        for (int i = 0; i < readings.size(); i++) {
            ReadingValidator.Result result = validator.validate(readings.get(i), identity[0], identity[1]);
            if (result.reading() != null) {
                valid.add(result.reading());
            } else {
                reject.reading(i, result.reason(), result.detail());
            }
        }
        return new Decoded(valid, reject.readingRejections());
    }

    /**
     * Checks the optional {@code device} field against the topic's device; when decoding without a topic it
     * supplies the identity ({@code enterpriseId/deviceId}). Returns a mismatch description, or null.
     */
    private static String checkDeviceField(JsonNode device, String[] identity) {
        if (device == null || device.isNull()) {
            return null;
        }
        if (!device.isTextual()) {
            return "\"device\" must be a string \"enterpriseId/deviceId\" or \"deviceId\"";
        }
        String named = device.asText();
        if (identity[1] == null) {
            int slash = named.indexOf('/');
            identity[0] = slash < 0 ? null : named.substring(0, slash);
            identity[1] = slash < 0 ? named : named.substring(slash + 1);
            return null;
        }
        String full = identity[0] + "/" + identity[1];
        if (named.equals(full) || named.equals(identity[1])) {
            return null;
        }
        return "payload names device \"" + named + "\" but was published on the topic of " + full;
    }

    private static String utf8(byte[] payload) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(payload))
                .toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Collects the rejections of one message into dead-letter records. */
    private static final class Rejector {
        private final String topic;
        private final byte[] payload;
        private final long receivedAt;
        private String firstReason;
        private final List<String> problems = new ArrayList<>();

        Rejector(String topic, byte[] payload, long receivedAt) {
            this.topic = topic;
            this.payload = payload;
            this.receivedAt = receivedAt;
        }

        Decoded whole(String reason, String detail) {
            return Decoded.rejected(new DeadLetter(topic, receivedAt, reason, detail, payload));
        }

        void reading(int index, String reason, String detail) {
            if (firstReason == null) {
                firstReason = reason;
            }
            problems.add("readings[" + index + "]." + detail);
        }

        /** One dead letter for all rejected readings of the message: the reason of the first, every detail. */
        List<DeadLetter> readingRejections() {
            if (firstReason == null) {
                return List.of();
            }
            String detail = problems.size() == 1
                    ? problems.get(0)
                    : problems.size() + " readings rejected: " + String.join("; ", problems);
            return List.of(new DeadLetter(topic, receivedAt, firstReason, detail, payload));
        }
    }
}
