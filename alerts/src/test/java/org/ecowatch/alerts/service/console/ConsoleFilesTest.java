package org.ecowatch.alerts.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.alerts.service.http.LeadApi;
import org.ecowatch.alerts.service.store.LeadStore;
import org.ecowatch.configs.PipelineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files as the lead service serves them, and its message bundles. No browser needed. */
class ConsoleFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class AsServed {
        @TempDir
        static Path directory;
        static LeadStore store;
        static LeadApi api;
        static final HttpClient HTTP = HttpClient.newHttpClient();

        @BeforeAll
        static void start() {
            store = LeadStore.open(new PipelineConfig.LeadStore("jdbc:h2:file:" + directory.resolve("leads"), null, null),
                    name -> null);
            api = new LeadApi(store, RunningLeadService.DEMO, ApiTokens.demo(RunningLeadService.DEMO.registry()), Clock.systemUTC(), () -> true)
                    .start("127.0.0.1", 0);
        }

        @AfterAll
        static void stop() {
            api.close();
            store.close();
        }

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void thePageNeedsNoTokenAndNamesTheChartingLibraryOfTheBuild() throws Exception {
            for (String path : new String[] {"/", "/console/"}) {
                HttpResponse<String> page = get(path);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
                assertThat(page.body()).contains("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").doesNotContain("${");
            }
            assertThat(get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").statusCode()).isEqualTo(200);
            assertThat(get("/js/main.js").statusCode()).isEqualTo(200);
            assertThat(get("/i18n/zh.json").statusCode()).isEqualTo(200);
        }

        @Test
        void itsDataStillNeedsOne() throws Exception {
            assertThat(get("/api/leads").statusCode()).isEqualTo(401);
            assertThat(get("/api/readings/latest?enterprise=ent-001").statusCode()).isEqualTo(401);
            assertThat(get("/no-such-file.js").statusCode()).isEqualTo(404);
        }

        @Test
        void readingsWithoutAReadingsStoreAreUnavailable() throws Exception {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/api/readings/latest?enterprise=ent-001"))
                    .header("Authorization", "Bearer " + ApiTokens.DEMO_STATION_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("unavailable");
        }
    }

    @Nested
    class TheMessageBundles {
        static final Path CONSOLE = Path.of("src/main/resources/console");
        /** t('key') and t(`key`) with a literal key, and the data-i18n attributes of the page. */
        static final Pattern KEY = Pattern.compile("\\bt\\('([a-zA-Z0-9.]+)'|data-i18n(?:-[a-z-]+)?=\"([a-zA-Z0-9.]+)\"");

        @Test
        void holdTheSameKeysInChineseAndEnglish() throws IOException {
            assertThat(keys(bundle("zh"))).isEqualTo(keys(bundle("en")));
        }

        @Test
        void holdEveryKeyTheConsoleAsksFor() throws IOException {
            Set<String> used = new TreeSet<>();
            try (Stream<Path> files = Files.walk(CONSOLE)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html")).toList()) {
                    Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        used.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
            assertThat(used).hasSizeGreaterThan(50);
            assertThat(keys(bundle("zh"))).containsAll(used);
        }

        @Test
        void nameEveryRuleStatusOutcomeAndSeverityOfTheContract() throws IOException {
            JsonNode zh = bundle("zh");
            for (String rule : org.ecowatch.configs.Thresholds.RULE_NAMES) {
                assertThat(zh.path("rule").has(rule)).as(rule).isTrue();
            }
            for (var status : org.ecowatch.alerts.service.store.LeadStatus.values()) {
                assertThat(zh.path("status").has(status.name())).as(status.name()).isTrue();
            }
            for (var outcome : org.ecowatch.alerts.service.store.Outcome.values()) {
                assertThat(zh.path("outcome").has(outcome.name())).as(outcome.name()).isTrue();
            }
            for (var severity : org.ecowatch.analytics.anomaly.Severity.values()) {
                assertThat(zh.path("severity").has(severity.name())).as(severity.name()).isTrue();
            }
        }

        static JsonNode bundle(String language) throws IOException {
            try (InputStream in = Files.newInputStream(CONSOLE.resolve("i18n/" + language + ".json"))) {
                return JSON.readTree(in);
            }
        }

        static Set<String> keys(JsonNode node) {
            Set<String> keys = new TreeSet<>();
            collect(node, "", keys);
            return keys;
        }

        private static void collect(JsonNode node, String prefix, Set<String> keys) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode child = node.get(name);
                if (child.isObject()) {
                    collect(child, prefix + name + ".", keys);
                } else {
                    keys.add(prefix + name);
                }
            }
        }
    }
}
