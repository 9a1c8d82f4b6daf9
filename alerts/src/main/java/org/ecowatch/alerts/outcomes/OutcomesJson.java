package org.ecowatch.alerts.outcomes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.ingest.decode.TelemetryTopic;

/**
 * The {@code ecowatch.outcomes/1} JSON form of one enterprise's confirmed violations (docs/LEADS.md):
 * <pre>{@code
 * {"schema":"ecowatch.outcomes/1","enterpriseId":"ent-001",
 *  "confirmed":[{"leadId":"…","openedAt":"2026-11-27T01:00:00Z","reportedAt":"2026-11-27T05:10:00Z"}]}
 * }</pre>
 * Written with UTC times; read strictly: every field above is required and typed, times are ISO-8601 with an offset,
 * keys are not repeated. Fields it does not know are ignored, so the message can be extended compatibly.
 */
public final class OutcomesJson {
    public static final String SCHEMA = "ecowatch.outcomes/1";
    /** A year of confirmed violations of one enterprise is far below this (about 2 000 of them). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8)
                .maxNumberLength(64)
                .maxStringLength(MAX_PAYLOAD_BYTES)
                .build());
    }

    private OutcomesJson() {}

    public static byte[] toBytes(ConfirmedOutcomes outcomes) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("schema", SCHEMA);
        json.put("enterpriseId", outcomes.enterpriseId());
        ArrayNode confirmed = json.putArray("confirmed");
        for (ConfirmedOutcome c : outcomes.confirmed()) {
            confirmed.addObject()
                    .put("leadId", c.leadId())
                    .put("openedAt", c.openedAt().toString())
                    .put("reportedAt", c.reportedAt().toString());
        }
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("confirmed outcomes could not be written as JSON", e);
        }
    }

    /**
     * @throws MalformedOutcomes saying which field is wrong and what was expected
     */
    public static ConfirmedOutcomes parse(byte[] payload) throws MalformedOutcomes {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new MalformedOutcomes("payload is " + payload.length + " bytes; the limit is " + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString());
        } catch (CharacterCodingException e) {
            throw new MalformedOutcomes("payload is not valid UTF-8");
        } catch (JsonProcessingException e) {
            throw new MalformedOutcomes("payload is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedOutcomes("payload must be a JSON object with \"schema\", \"enterpriseId\" and \"confirmed\"");
        }
        String schema = text(root, "schema");
        if (!SCHEMA.equals(schema)) {
            throw new MalformedOutcomes("\"schema\" is \"" + schema + "\"; expected \"" + SCHEMA + "\"");
        }
        String enterpriseId = text(root, "enterpriseId");
        if (!TelemetryTopic.ID.matcher(enterpriseId).matches()) {
            throw new MalformedOutcomes("\"enterpriseId\" \"" + enterpriseId + "\" is not an id of [A-Za-z0-9_.-]{1,64}");
        }
        JsonNode items = root.get("confirmed");
        if (items == null || !items.isArray()) {
            throw new MalformedOutcomes("\"confirmed\" must be an array (empty when nothing is confirmed)");
        }
        List<ConfirmedOutcome> confirmed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = "confirmed[" + i + "]";
            if (!item.isObject()) {
                throw new MalformedOutcomes(where + " must be an object with \"leadId\", \"openedAt\" and \"reportedAt\"");
            }
            String leadId = text(item, "leadId", where);
            if (leadId.isBlank()) {
                throw new MalformedOutcomes(where + ".leadId must not be blank");
            }
            confirmed.add(new ConfirmedOutcome(leadId, enterpriseId, time(item, "openedAt", where), time(item, "reportedAt", where)));
        }
        return new ConfirmedOutcomes(enterpriseId, confirmed);
    }

    private static String text(JsonNode parent, String field) throws MalformedOutcomes {
        return text(parent, field, null);
    }

    private static String text(JsonNode parent, String field, String where) throws MalformedOutcomes {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedOutcomes((where == null ? "" : where + ".") + field + " is required and must be a string");
        }
        return value.asText();
    }

    private static Instant time(JsonNode item, String field, String where) throws MalformedOutcomes {
        String text = text(item, field, where);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedOutcomes(where + "." + field + " \"" + text + "\" is not ISO-8601 with an offset, e.g. 2026-11-27T09:00:00+08:00");
        }
    }
}
