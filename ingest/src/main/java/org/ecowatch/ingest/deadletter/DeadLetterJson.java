package org.ecowatch.ingest.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;

/** The {@code ecowatch.deadletter/1} JSON form of a dead letter (CONTRACT §6). */
public final class DeadLetterJson {
    public static final String SCHEMA = "ecowatch.deadletter/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterJson() {}

    public static ObjectNode toJson(DeadLetter deadLetter) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("topic", deadLetter.topic());
        json.put("receivedAt", Instant.ofEpochMilli(deadLetter.receivedAt()).toString());
        json.put("reason", deadLetter.reason());
        json.put("detail", deadLetter.detail());
        json.put("payloadBase64", Base64.getEncoder().encodeToString(deadLetter.payload()));
        return json;
    }

    public static byte[] toBytes(DeadLetter deadLetter) {
        try {
            return MAPPER.writeValueAsBytes(toJson(deadLetter));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a dead letter could not be written as JSON", e);
        }
    }
}
