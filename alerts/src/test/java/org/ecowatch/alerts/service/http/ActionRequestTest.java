package org.ecowatch.alerts.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ecowatch.alerts.service.store.Outcome;
import org.junit.jupiter.api.Test;

class ActionRequestTest {

    static void assertInvalidBody(Runnable parse, String field, String message) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid-body");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void anEmptyBodyIsNoNote() {
        assertThat(ActionRequest.note("")).isEqualTo(new ActionRequest(null, null));
        assertThat(ActionRequest.note(null)).isEqualTo(new ActionRequest(null, null));
        assertThat(ActionRequest.note("{\"note\": \"  \"}")).isEqualTo(new ActionRequest(null, null));
    }

    @Test
    void readsTheOutcomeAndTheNote() {
        assertThat(ActionRequest.outcome("{\"outcome\":\"CONFIRMED_VIOLATION\",\"note\":\" bypass valve open \"}"))
                .isEqualTo(new ActionRequest(Outcome.CONFIRMED_VIOLATION, "bypass valve open"));
    }

    @Test
    void anOutcomeIsRequiredAndMustBeOneOfTheFour() {
        assertInvalidBody(() -> ActionRequest.outcome("{}"), "outcome", "outcome is required: one of CONFIRMED_VIOLATION");
        assertInvalidBody(() -> ActionRequest.outcome("{\"outcome\":\"GUILTY\"}"), "outcome",
                "outcome must be one of CONFIRMED_VIOLATION, NO_VIOLATION, EQUIPMENT_FAULT, SELF_REPORTED_MINOR");
        assertInvalidBody(() -> ActionRequest.outcome("{\"outcome\":3}"), "outcome", "outcome must be one of");
    }

    @Test
    void refusesABodyThatIsNotAJsonObject() {
        assertInvalidBody(() -> ActionRequest.note("note=hi"), null, "the body must be a JSON object");
        assertInvalidBody(() -> ActionRequest.note("[\"hi\"]"), null, "the body must be a JSON object");
    }

    @Test
    void refusesAnUnknownFieldAndAnOutcomeOnAccept() {
        assertInvalidBody(() -> ActionRequest.note("{\"notes\":\"x\"}"), "notes", "unknown field notes; the body takes note only");
        assertInvalidBody(() -> ActionRequest.note("{\"outcome\":\"NO_VIOLATION\"}"), "outcome", "unknown field outcome");
    }

    @Test
    void refusesANoteOverTwoThousandCharactersOrNotAString() {
        String chinese = "字".repeat(2000);
        assertThat(ActionRequest.note("{\"note\":\"" + chinese + "\"}").note()).hasSize(2000);
        assertInvalidBody(() -> ActionRequest.note("{\"note\":\"" + chinese + "字\"}"), "note",
                "note has 2001 characters; at most 2000");
        assertInvalidBody(() -> ActionRequest.note("{\"note\":42}"), "note", "note must be a string");
    }
}
