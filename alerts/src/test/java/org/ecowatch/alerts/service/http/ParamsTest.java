package org.ecowatch.alerts.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.service.store.LeadStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParamsTest {
    static final List<String> KNOWN = List.of("district", "status", "priority", "from", "to", "limit", "offset");

    static Params params(Map<String, List<String>> values) {
        return new Params(values, KNOWN);
    }

    static void assertInvalid(Runnable read, String field, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid-parameter");
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void anUnknownParameterIsRefusedWithTheOnesTheEndpointTakes() {
        assertInvalid(() -> params(Map.of("statuss", List.of("NEW"))), "statuss",
                "unknown parameter statuss; this endpoint takes district, status, priority");
    }

    @Nested
    class Values {
        @Test
        void enumsAreRepeatableOrCommaSeparated() {
            Params params = params(Map.of("status", List.of("NEW", "ACCEPTED,CLOSED"), "priority", List.of("P1")));

            assertThat(params.enums("status", LeadStatus.class))
                    .containsExactlyInAnyOrder(LeadStatus.NEW, LeadStatus.ACCEPTED, LeadStatus.CLOSED);
            assertThat(params.enums("priority", Lead.Priority.class)).containsExactly(Lead.Priority.P1);
        }

        @Test
        void anEnumValueThatIsNotOneOfItsValuesNamesThem() {
            assertInvalid(() -> params(Map.of("status", List.of("new"))).enums("status", LeadStatus.class), "status",
                    "status must be one of NEW, ACCEPTED, OUTCOME_REPORTED, CLOSED");
        }

        @Test
        void aSingleValueGivenTwiceOrEmptyIsRefused() {
            assertInvalid(() -> params(Map.of("district", List.of("a", "b"))).single("district"), "district",
                    "may be given only once");
            assertInvalid(() -> params(Map.of("district", List.of(" "))).single("district"), "district", "is empty");
        }

        @Test
        void oneOfNamesTheAllowedValues() {
            assertInvalid(() -> params(Map.of("district", List.of("west"))).oneOf("district", List.of("north", "south")),
                    "district", "district must be one of north, south");
        }
    }

    @Nested
    class Times {
        @Test
        void readsIsoTimesWithAnOffsetOrZ() {
            Params params = params(Map.of("from", List.of("2026-11-27T08:00:00+08:00"), "to", List.of("2026-11-27T01:00:00Z")));

            assertThat(params.timeRange()).isEqualTo(new Params.TimeRange(
                    Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-27T01:00:00Z")));
        }

        @Test
        void readsAPlusThatTheQueryStringTurnedIntoASpace() {
            assertThat(params(Map.of("from", List.of("2026-11-27T08:00:00 08:00"))).time("from"))
                    .contains(Instant.parse("2026-11-27T00:00:00Z"));
        }

        @Test
        void refusesATimeWithoutAnOffsetAndAnEmptyRange() {
            assertInvalid(() -> params(Map.of("from", List.of("2026-11-27T08:00:00"))).time("from"), "from",
                    "from must be an ISO-8601 time with an offset");
            assertInvalid(() -> params(Map.of("from", List.of("2026-11-27T08:00:00Z"), "to", List.of("2026-11-27T08:00:00Z")))
                    .timeRange(), "to", "to must be after from");
        }
    }

    @Nested
    class Paging {
        @Test
        void defaultsToTheFirstHundred() {
            Params params = params(Map.of());

            assertThat(params.limit()).isEqualTo(100);
            assertThat(params.offset()).isZero();
        }

        @Test
        void refusesALimitOutOfRangeAndANegativeOffset() {
            assertInvalid(() -> params(Map.of("limit", List.of("0"))).limit(), "limit", "from 1 to 500");
            assertInvalid(() -> params(Map.of("limit", List.of("501"))).limit(), "limit", "from 1 to 500");
            assertInvalid(() -> params(Map.of("limit", List.of("ten"))).limit(), "limit", "whole number");
            assertInvalid(() -> params(Map.of("offset", List.of("-1"))).offset(), "offset", "0 or more");
        }
    }
}
