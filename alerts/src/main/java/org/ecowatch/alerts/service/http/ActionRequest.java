package org.ecowatch.alerts.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.alerts.service.store.Outcome;

/**
 * The body of an officer action: {@code {"note": "…"}}, and for {@code /outcome} {@code {"outcome": "…", "note": "…"}}.
 * An empty body is no note. Anything else is a 400 {@code invalid-body} naming the field.
 */
record ActionRequest(Outcome outcome, String note) {
    static final int MAX_NOTE = LeadStore.MAX_NOTE_LENGTH;
    private static final String OUTCOMES = String.join(", ", Arrays.stream(Outcome.values()).map(Enum::name).toList());

    /** The body of accept or close: a note at most. */
    static ActionRequest note(String body) {
        return parse(body, false);
    }

    /** The body of outcome: an outcome and a note. */
    static ActionRequest outcome(String body) {
        return parse(body, true);
    }

    private static ActionRequest parse(String body, boolean withOutcome) {
        JsonNode json = body == null || body.isBlank() ? Json.object() : read(body, withOutcome);
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String name = field.getKey();
            if (!name.equals("note") && !(withOutcome && name.equals("outcome"))) {
                throw ApiError.invalidBody(name, "unknown field " + name + "; the body takes "
                        + (withOutcome ? "outcome and note" : "note only"));
            }
        }
        return new ActionRequest(withOutcome ? outcomeOf(json.get("outcome")) : null, noteOf(json.get("note")));
    }

    private static JsonNode read(String body, boolean withOutcome) {
        String example = withOutcome ? "{\"outcome\": \"NO_VIOLATION\", \"note\": \"…\"}" : "{\"note\": \"…\"}";
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw ApiError.invalidBody(null, "the body must be a JSON object, e.g. " + example);
    }

    private static Outcome outcomeOf(JsonNode value) {
        if (value == null || value.isNull()) {
            throw ApiError.invalidBody("outcome", "outcome is required: one of " + OUTCOMES);
        }
        if (value.isTextual()) {
            for (Outcome outcome : Outcome.values()) {
                if (outcome.name().equals(value.asText())) {
                    return outcome;
                }
            }
        }
        throw ApiError.invalidBody("outcome", "outcome must be one of " + OUTCOMES);
    }

    private static String noteOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.invalidBody("note", "note must be a string");
        }
        String note = value.asText().strip();
        if (note.length() > MAX_NOTE) {
            throw ApiError.invalidBody("note", "note has " + note.length() + " characters; at most " + MAX_NOTE);
        }
        return note.isEmpty() ? null : note;
    }
}
