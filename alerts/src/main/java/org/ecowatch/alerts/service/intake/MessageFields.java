package org.ecowatch.alerts.service.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the fields of a pipeline message strictly: a missing or mistyped field names itself in the error. */
final class MessageFields {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode json;

    private MessageFields(ObjectNode json) {
        this.json = json;
    }

    /** Parses {@code payload} as a JSON object whose {@code schema} is {@code schema}. */
    static MessageFields parse(byte[] payload, String schema) throws InvalidMessage {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidMessage("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidMessage("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMessage("not a JSON object");
        }
        MessageFields fields = new MessageFields((ObjectNode) root);
        String actual = fields.text("schema");
        if (!schema.equals(actual)) {
            throw new InvalidMessage("schema is \"" + actual + "\", expected \"" + schema + "\"");
        }
        return fields;
    }

    String text(String field) throws InvalidMessage {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidMessage(field + " is missing or not a non-empty string");
        }
        return node.asText();
    }

    /** A string field that may be absent or null. */
    String optionalText(String field) throws InvalidMessage {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidMessage(field + " is not a string");
        }
        return node.asText();
    }

    int positiveInt(String field) throws InvalidMessage {
        JsonNode node = json.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw new InvalidMessage(field + " is missing or not a positive integer");
        }
        return node.asInt();
    }

    Instant time(String field) throws InvalidMessage {
        String text = text(field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidMessage(field + " \"" + text + "\" is not an ISO-8601 time with an offset");
        }
    }

    <E extends Enum<E>> E oneOf(String field, Class<E> type) throws InvalidMessage {
        String text = text(field);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessage(field + " \"" + text + "\" is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    JsonNode node(String field) {
        return json.get(field);
    }

    /** The message without its {@code schema}: what the API shows. */
    String withoutSchema() {
        ObjectNode copy = json.deepCopy();
        copy.remove("schema");
        return copy.toString();
    }
}
