package org.ecowatch.configs;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds {@code pipeline.yaml} to {@link PipelineConfig}, filling in the documented defaults (docs/CONFIG.md). */
final class PipelineBinder {
    static final String DEFAULT_MQTT_URL = "embedded";
    static final String DEFAULT_TOPIC_PREFIX = "ecowatch/v1";
    static final String DEFAULT_STORE_URL = "embedded";
    static final String DEFAULT_STORE_ORG = "ecowatch";
    static final String DEFAULT_STORE_BUCKET = "readings";
    static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/leads";
    static final String DEFAULT_CHECKPOINT_DIR = "./data/checkpoints";
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_PARALLELISM = 2;
    static final int DEFAULT_HTTP_PORT = 8080;
    static final String DEFAULT_HTTP_BIND = "127.0.0.1";
    static final String DEFAULT_TOKENS_ENV = "ECOWATCH_API_TOKENS";
    static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Shanghai");
    static final String DEFAULT_GATEWAY_BIND = "127.0.0.1";
    static final int DEFAULT_GATEWAY_PORT = 9212;
    static final int DEFAULT_GATEWAY_MAX_CONNECTIONS = 1000;
    static final Duration DEFAULT_GATEWAY_IDLE_TIMEOUT = Duration.ofMinutes(5);
    static final int DEFAULT_GATEWAY_MAX_FRAME_BYTES = 8192;

    private static final List<String> ROOT_KEYS =
            List.of("mqtt", "store", "leadStore", "checkpoints", "parallelism", "http", "timeZone", "gateway");
    private static final List<String> MQTT_KEYS = List.of("url", "username", "passwordEnv", "topicPrefix", "sharedSubscription");
    private static final List<String> STORE_KEYS = List.of("url", "org", "bucket", "tokenEnv");
    private static final List<String> LEAD_STORE_KEYS = List.of("jdbcUrl", "usernameEnv", "passwordEnv");
    private static final List<String> CHECKPOINT_KEYS = List.of("dir", "interval");
    private static final List<String> HTTP_KEYS = List.of("bind", "port", "tokensEnv");
    private static final List<String> GATEWAY_KEYS = List.of("bind", "port", "maxConnections", "idleTimeout", "maxFrameBytes");

    private static final Pattern LOOKS_SECRET = Pattern.compile("(?i).*(password|passwd|pwd|token|secret|credential|apikey|api_key).*");
    private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    /** What to name the environment variable in a fix, per {@code …Env} key. */
    private static final Map<String, String> EXAMPLE_ENV = Map.of(
            "mqtt.passwordEnv", "ECOWATCH_MQTT_PASSWORD",
            "store.tokenEnv", "ECOWATCH_STORE_TOKEN",
            "leadStore.passwordEnv", "ECOWATCH_DB_PASSWORD",
            "leadStore.usernameEnv", "ECOWATCH_DB_USER");

    private PipelineBinder() {}

    static PipelineConfig bind(Node root) {
        checkKeys(root, ROOT_KEYS);
        return new PipelineConfig(
                mqtt(root.get("mqtt")),
                store(root.get("store")),
                leadStore(root.get("leadStore")),
                checkpoints(root.get("checkpoints")),
                root.get("parallelism").integer(1, 10_000, DEFAULT_PARALLELISM),
                http(root.get("http")),
                root.get("timeZone").zone(DEFAULT_TIME_ZONE),
                gateway(root.get("gateway")));
    }

    private static PipelineConfig.Mqtt mqtt(Node mqtt) {
        checkKeys(mqtt, MQTT_KEYS);
        Node url = mqtt.get("url");
        String brokerUrl = url.text(DEFAULT_MQTT_URL);
        if (brokerUrl != null && !brokerUrl.equals("embedded")) {
            checkUrl(url, brokerUrl, BROKER_SCHEMES,
                    "`url: embedded` or a broker URL such as `url: tcp://127.0.0.1:1883` (schemes tcp, ssl, ws, wss)");
        }
        Node prefix = mqtt.get("topicPrefix");
        String topicPrefix = prefix.text(DEFAULT_TOPIC_PREFIX);
        if (topicPrefix != null && (topicPrefix.contains("+") || topicPrefix.contains("#")
                || topicPrefix.startsWith("/") || topicPrefix.endsWith("/") || topicPrefix.contains("//")
                || topicPrefix.chars().anyMatch(Character::isWhitespace))) {
            prefix.problem("\"" + topicPrefix + "\" is not a usable topic prefix",
                    "write topic levels separated by single slashes, without wildcards, spaces or leading/trailing"
                            + " slash, such as `topicPrefix: ecowatch/v1`");
            topicPrefix = null;
        }
        return new PipelineConfig.Mqtt(brokerUrl, mqtt.get("username").text(), mqtt.get("passwordEnv").envName(),
                topicPrefix, mqtt.get("sharedSubscription").bool(true));
    }

    private static PipelineConfig.Store store(Node store) {
        checkKeys(store, STORE_KEYS);
        Node url = store.get("url");
        String storeUrl = url.text(DEFAULT_STORE_URL);
        if (storeUrl != null && !storeUrl.equals("embedded")) {
            checkUrl(url, storeUrl, Set.of("http", "https"),
                    "`url: embedded` or the base URL of an InfluxDB-v2-compatible endpoint, such as"
                            + " `url: http://127.0.0.1:8086`");
        }
        return new PipelineConfig.Store(storeUrl, store.get("org").text(DEFAULT_STORE_ORG),
                store.get("bucket").text(DEFAULT_STORE_BUCKET), store.get("tokenEnv").envName());
    }

    private static PipelineConfig.LeadStore leadStore(Node leadStore) {
        checkKeys(leadStore, LEAD_STORE_KEYS);
        Node url = leadStore.get("jdbcUrl");
        String jdbcUrl = url.text(DEFAULT_JDBC_URL);
        if (jdbcUrl != null) {
            if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
                url.problem("\"" + jdbcUrl + "\" is neither an H2 nor a PostgreSQL JDBC URL",
                        "write `jdbcUrl: jdbc:h2:file:./data/leads` or `jdbcUrl: jdbc:postgresql://HOST:5432/DATABASE`");
            } else if (jdbcUrl.toLowerCase(Locale.ROOT).matches(".*[?&;]password=.*")) {
                url.problem("the JDBC URL carries a literal password; secrets are never written in configuration files",
                        "remove `password=…` from the URL and write `passwordEnv: ECOWATCH_DB_PASSWORD`, naming the"
                                + " environment variable that holds it");
            }
        }
        return new PipelineConfig.LeadStore(jdbcUrl, leadStore.get("usernameEnv").envName(),
                leadStore.get("passwordEnv").envName());
    }

    private static PipelineConfig.Checkpoints checkpoints(Node checkpoints) {
        checkKeys(checkpoints, CHECKPOINT_KEYS);
        return new PipelineConfig.Checkpoints(checkpoints.get("dir").text(DEFAULT_CHECKPOINT_DIR),
                checkpoints.get("interval").duration(DEFAULT_CHECKPOINT_INTERVAL));
    }

    private static PipelineConfig.Http http(Node http) {
        checkKeys(http, HTTP_KEYS);
        String tokensEnv = http.get("tokensEnv").envName();
        return new PipelineConfig.Http(http.get("bind").text(DEFAULT_HTTP_BIND), http.get("port").integer(1, 65535, DEFAULT_HTTP_PORT),
                tokensEnv == null ? DEFAULT_TOKENS_ENV : tokensEnv);
    }

    private static PipelineConfig.Gateway gateway(Node gateway) {
        checkKeys(gateway, GATEWAY_KEYS);
        return new PipelineConfig.Gateway(
                gateway.get("bind").text(DEFAULT_GATEWAY_BIND),
                gateway.get("port").integer(1, 65535, DEFAULT_GATEWAY_PORT),
                gateway.get("maxConnections").integer(1, 1_000_000, DEFAULT_GATEWAY_MAX_CONNECTIONS),
                gateway.get("idleTimeout").duration(DEFAULT_GATEWAY_IDLE_TIMEOUT),
                // The length field of a frame has four digits: nothing larger can be framed.
                gateway.get("maxFrameBytes").integer(1024, 9999, DEFAULT_GATEWAY_MAX_FRAME_BYTES));
    }

    private static void checkUrl(Node node, String url, Set<String> schemes, String expected) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            node.problem("\"" + url + "\" is not a URL", "write " + expected);
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || uri.getHost() == null) {
            String replacement = switch (scheme) {
                case "mqtt" -> "tcp";
                case "mqtts" -> "ssl";
                default -> null;
            };
            node.problem("\"" + url + "\" is not a URL ecowatch can use here",
                    replacement != null && uri.getHost() != null
                            ? "write `url: " + replacement + url.substring(scheme.length()) + "`"
                            : "write " + expected);
        } else if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            node.problem("the URL carries a literal password; secrets are never written in configuration files",
                    "remove `user:password@` from the URL and name the environment variable that holds the secret"
                            + " with the section's `…Env` key");
        }
    }

    /**
     * Unknown keys, where a key that looks like a credential gets its own error: secrets are referenced by
     * environment variable name, never written in the file, and the error must not echo the value.
     */
    private static void checkKeys(Node section, List<String> known) {
        for (String key : section.unknownKeys(known)) {
            Node node = section.get(key);
            if (!LOOKS_SECRET.matcher(key).matches() || key.endsWith("Env")) {
                node.reportUnknownKey(known);
                continue;
            }
            List<String> envKeys = known.stream().filter(k -> k.endsWith("Env")).toList();
            String envKey = Suggestions.closest(key + "Env", envKeys).orElse(envKeys.isEmpty() ? null : envKeys.get(0));
            String fix = envKey == null
                    ? "remove it: ecowatch reads secrets from environment variables named by the `…Env` keys"
                            + " (mqtt.passwordEnv, store.tokenEnv, leadStore.passwordEnv)"
                    : "remove it, put the secret in an environment variable and write `" + envKey + ": "
                            + EXAMPLE_ENV.getOrDefault(section.path() + "." + envKey, "ECOWATCH_SECRET")
                            + "` naming that variable";
            node.problem("`" + key + "` looks like a literal secret; secrets are never written in configuration files",
                    fix);
        }
    }
}
