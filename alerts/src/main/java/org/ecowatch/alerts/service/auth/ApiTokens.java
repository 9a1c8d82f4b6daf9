package org.ecowatch.alerts.service.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigProblem;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Registry;

/**
 * The API's bearer tokens, from the environment variable {@code http.tokensEnv} names: comma-separated
 * {@code role/name=token} entries, {@code station/<name>} or {@code officer/<officerId>} (docs/API.md). An officer's
 * district is the one of registry.yaml whose {@code officers} list names the id.
 *
 * <p>Only SHA-256 digests of the tokens are kept, and a presented token is compared with every one of them in
 * constant time ({@link MessageDigest#isEqual}), so neither memory dumps nor response timing give a token away.
 */
public final class ApiTokens {
    public static final int MIN_LENGTH = 16;
    public static final String DEMO_STATION_TOKEN = "demo-station-token";
    /** Bearer tokens (RFC 6750 b64token) carry only these characters. */
    private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9._~+/=-]+");

    private record Entry(byte[] digest, Principal principal) {}

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The tokens in the environment variable {@code variable}; every problem in it is reported at once. */
    public static ApiTokens fromEnvironment(String variable, Registry registry) throws ConfigException {
        return parse(variable, System.getenv(variable), registry);
    }

    /** Parses {@code value}, the content of the environment variable {@code variable} (named in messages). */
    public static ApiTokens parse(String variable, String value, Registry registry) throws ConfigException {
        String source = "environment variable " + variable;
        String example = variable + "='station/duty-desk=<token>,officer/<officerId>=<token>'";
        if (value == null || value.isBlank()) {
            throw new ConfigException(List.of(new ConfigProblem(source, "",
                    "is not set, and the HTTP API has no built-in token",
                    "set " + example + " with tokens of at least " + MIN_LENGTH + " random characters (docs/API.md)")));
        }
        Map<String, String> districtOfOfficer = districtsOfOfficers(registry);
        List<ConfigProblem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, String> entryOfDigest = new LinkedHashMap<>();
        String[] items = value.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.isEmpty()) {
                continue; // a trailing comma is harmless
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                // The item may be a bare token: never echo it.
                problems.add(new ConfigProblem(source, "entry " + (i + 1), "is not role/name=token",
                        "write e.g. " + example));
                continue;
            }
            String who = item.substring(0, eq).strip();
            String token = item.substring(eq + 1).strip();
            String field = "entry " + (i + 1) + " (" + who + ")";
            Principal principal = principal(who, districtOfOfficer, source, field, problems);
            if (token.length() < MIN_LENGTH) {
                problems.add(new ConfigProblem(source, field, "the token has " + token.length() + " characters",
                        "use at least " + MIN_LENGTH + " random characters, e.g. the output of `openssl rand -hex 24`"));
            } else if (!TOKEN_CHARS.matcher(token).matches()) {
                problems.add(new ConfigProblem(source, field, "the token has characters a Bearer header cannot carry",
                        "use only letters, digits and - . _ ~ + / ="));
            }
            byte[] digest = sha256(token);
            String earlier = entryOfDigest.putIfAbsent(HexFormat.of().formatHex(digest), field);
            if (earlier != null) {
                problems.add(new ConfigProblem(source, field, "has the same token as " + earlier,
                        "give every entry a token of its own"));
            }
            if (principal != null) {
                entries.add(new Entry(digest, principal));
            }
        }
        if (problems.isEmpty() && entries.isEmpty()) {
            problems.add(new ConfigProblem(source, "", "holds no token", "set " + example));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ApiTokens(entries);
    }

    /**
     * The fixed tokens of {@code ./ecowatch demo} only: {@value #DEMO_STATION_TOKEN} for the station (named
     * {@code station}) and {@link #demoOfficerToken} for every officer of the registry.
     */
    public static ApiTokens demo(Registry registry) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(sha256(DEMO_STATION_TOKEN), Principal.station("station")));
        districtsOfOfficers(registry).forEach((officer, district) ->
                entries.add(new Entry(sha256(demoOfficerToken(officer)), Principal.officer(officer, district))));
        return new ApiTokens(entries);
    }

    /** {@code demo-<officerId>-token}: an officer's token in {@code ./ecowatch demo}. */
    public static String demoOfficerToken(String officerId) {
        return "demo-" + officerId + "-token";
    }

    /** Who holds {@code token}; empty for an unknown (or null) token. */
    public Optional<Principal> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(token);
        Principal found = null;
        for (Entry entry : entries) { // no early exit: every request costs the same
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Who has a token (for a start-up log line; the tokens themselves are not kept). */
    public List<Principal> principals() {
        return entries.stream().map(Entry::principal).toList();
    }

    private static Principal principal(String who, Map<String, String> districtOfOfficer, String source,
            String field, List<ConfigProblem> problems) {
        int slash = who.indexOf('/');
        String role = slash < 0 ? "" : who.substring(0, slash).strip();
        String name = slash < 0 ? who : who.substring(slash + 1).strip();
        if (slash < 0 || name.isEmpty()) {
            problems.add(new ConfigProblem(source, field, "is not role/name",
                    "write station/<name> or officer/<officerId> before the ="));
            return null;
        }
        if (role.equals(Role.STATION.id())) {
            return Principal.station(name);
        }
        if (!role.equals(Role.OFFICER.id())) {
            problems.add(new ConfigProblem(source, field, "unknown role " + role, "use station or officer"));
            return null;
        }
        String district = districtOfOfficer.get(name);
        if (district == null) {
            problems.add(new ConfigProblem(source, field, "no district of registry.yaml has an officer " + name,
                    "use an id of districts[].officers[] (" + String.join(", ", districtOfOfficer.keySet()) + ")"));
            return null;
        }
        return Principal.officer(name, district);
    }

    private static Map<String, String> districtsOfOfficers(Registry registry) {
        Map<String, String> districtOfOfficer = new LinkedHashMap<>();
        for (District district : registry.districts()) {
            for (District.Officer officer : district.officers()) {
                districtOfOfficer.putIfAbsent(officer.id(), district.id());
            }
        }
        return districtOfOfficer;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
