package org.ecowatch.alerts.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigProblem;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Registry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    static final String VAR = "ECOWATCH_API_TOKENS";
    static final Registry REGISTRY = new Registry(List.of(
            new District("north", "北片区", List.of(new District.Officer("officer-01", "刘志强"))),
            new District("south", "南片区", List.of(new District.Officer("officer-02", "陈静")))),
            List.of(), List.of());
    static final String STATION_TOKEN = "9f2c41ab7d03e1c9f2c41ab7";
    static final String OFFICER_TOKEN = "41ab7d03e1c9f2c41ab7d03e";

    @Nested
    class Parsing {
        @Test
        void readsStationAndOfficerEntriesWithTheOfficersDistrict() throws ConfigException {
            ApiTokens tokens = ApiTokens.parse(VAR,
                    " station/duty-desk=" + STATION_TOKEN + " , officer/officer-02=" + OFFICER_TOKEN + ",", REGISTRY);

            assertThat(tokens.authenticate(STATION_TOKEN)).contains(Principal.station("duty-desk"));
            assertThat(tokens.authenticate(OFFICER_TOKEN)).contains(Principal.officer("officer-02", "south"));
        }

        @Test
        void refusesAnUnknownTokenAPrefixOfATokenAndNoToken() throws ConfigException {
            ApiTokens tokens = ApiTokens.parse(VAR, "station/duty-desk=" + STATION_TOKEN, REGISTRY);

            assertThat(tokens.authenticate("0000000000000000000000")).isEmpty();
            assertThat(tokens.authenticate(STATION_TOKEN.substring(0, 20))).isEmpty();
            assertThat(tokens.authenticate(STATION_TOKEN + "x")).isEmpty();
            assertThat(tokens.authenticate(null)).isEmpty();
        }

        @Test
        void givesOnePersonSeveralTokensForRotation() throws ConfigException {
            ApiTokens tokens = ApiTokens.parse(VAR,
                    "officer/officer-01=" + STATION_TOKEN + ",officer/officer-01=" + OFFICER_TOKEN, REGISTRY);

            assertThat(tokens.authenticate(STATION_TOKEN)).contains(Principal.officer("officer-01", "north"));
            assertThat(tokens.authenticate(OFFICER_TOKEN)).contains(Principal.officer("officer-01", "north"));
        }
    }

    @Nested
    class Problems {
        @Test
        void anUnsetVariableNamesTheVariableAndTheFix() {
            assertThatThrownBy(() -> ApiTokens.parse(VAR, null, REGISTRY))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("environment variable " + VAR)
                    .hasMessageContaining("is not set")
                    .hasMessageContaining(VAR + "='station/duty-desk=<token>");
        }

        @Test
        void everyBadEntryIsReportedAtOnceByNumberAndNameWithoutItsToken() {
            String secret = "short-secret";
            ConfigException e = parseFails("station/desk=" + secret
                    + ",admin/root=" + STATION_TOKEN + "a"
                    + ",officer/officer-99=" + STATION_TOKEN + "b"
                    + ",officer-01=" + STATION_TOKEN + "c"
                    + "," + STATION_TOKEN + "d"
                    + ",station/desk2=" + STATION_TOKEN + "e"
                    + ",officer/officer-01=" + STATION_TOKEN + "e"
                    + ",station/desk3=" + STATION_TOKEN + "!");

            assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly(
                    "entry 1 (station/desk)", "entry 2 (admin/root)", "entry 3 (officer/officer-99)",
                    "entry 4 (officer-01)", "entry 5", "entry 7 (officer/officer-01)", "entry 8 (station/desk3)");
            assertThat(e.problems()).extracting(ConfigProblem::problem).containsExactly(
                    "the token has 12 characters",
                    "unknown role admin",
                    "no district of registry.yaml has an officer officer-99",
                    "is not role/name",
                    "is not role/name=token",
                    "has the same token as entry 6 (station/desk2)",
                    "the token has characters a Bearer header cannot carry");
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("environment variable " + VAR));
            assertThat(e.problems().get(2).fix()).contains("officer-01, officer-02");
            assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(STATION_TOKEN);
        }

        @Test
        void onlyCommasHoldNoToken() {
            assertThat(parseFails(" , ,").problems()).extracting(ConfigProblem::problem).containsExactly("holds no token");
        }

        private ConfigException parseFails(String value) {
            try {
                ApiTokens.parse(VAR, value, REGISTRY);
            } catch (ConfigException e) {
                return e;
            }
            throw new AssertionError("parsed " + value);
        }
    }

    @Nested
    class Demo {
        @Test
        void hasTheStationTokenAndOneTokenPerOfficerOfTheRegistry() {
            ApiTokens tokens = ApiTokens.demo(REGISTRY);

            assertThat(tokens.authenticate("demo-station-token")).contains(Principal.station("station"));
            assertThat(tokens.authenticate("demo-officer-01-token")).contains(Principal.officer("officer-01", "north"));
            assertThat(tokens.authenticate(ApiTokens.demoOfficerToken("officer-02")))
                    .contains(Principal.officer("officer-02", "south"));
            assertThat(tokens.principals()).hasSize(3);
        }
    }
}
