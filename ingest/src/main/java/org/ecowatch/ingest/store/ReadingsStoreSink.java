package org.ecowatch.ingest.store;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Flink sink that stores every reading in an InfluxDB-v2-compatible store (InfluxDB 2.x/3.x, QuestDB's
 * {@code /api/v2/write}) through influxdb-client-java's blocking write API.
 *
 * <p>One point per reading: measurement = the device kind ({@link ReadingsTables#measurement}), tags
 * {@code enterprise, device, metric, flag, kind} and {@code period} (ISO-8601, only for period data), field
 * {@code value}, timestamp = the reading's {@code ts} in milliseconds. Points are written in batches and at
 * every checkpoint, so the store holds everything up to the last completed checkpoint (at-least-once; replays
 * overwrite, see {@link ReadingsTables}). A store outage backpressures the job instead of losing readings;
 * configuration errors fail it with a message saying what to fix. Metrics: {@code ecowatch.readingsStored},
 * {@code ecowatch.storeRetries}.
 *
 * <pre>{@code
 * readings.sinkTo(ReadingsStoreSink.builder()
 *         .store(pipelineConfig.store())
 *         .url(embeddedQuestDb.httpUrl())      // only when store.url is "embedded"
 *         .registry(registry)
 *         .options(ReadingsStoreOptions.fromConfiguration(flinkConfig))
 *         .build()).uid("readings-store").name("readings store");
 * }</pre>
 * The token is read from the environment variable named by {@code store.tokenEnv} when each writer opens,
 * so it never travels in the job graph.
 */
public final class ReadingsStoreSink implements Sink<Reading> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReadingsStoreSink.class);

    private final PipelineConfig.Store store;
    private final Registry registry;
    private final ReadingsStoreOptions options;
    private final Environment environment;

    private ReadingsStoreSink(Builder builder) {
        this.store = builder.resolvedStore();
        this.registry = builder.registry;
        this.options = builder.options;
        this.environment = builder.environment;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SinkWriter<Reading> createWriter(WriterInitContext context) {
        return new ReadingsStoreWriter(store, token(), registry, options, context.metricGroup());
    }

    /** Where the points go: the store settings with the resolved URL. */
    public PipelineConfig.Store store() {
        return store;
    }

    public ReadingsStoreOptions options() {
        return options;
    }

    String token() {
        if (store.tokenEnv() == null || store.tokenEnv().isBlank()) {
            return null;
        }
        String token = environment.get(store.tokenEnv());
        if (token == null || token.isBlank()) {
            LOG.warn("store.tokenEnv names the environment variable {}, but it is not set: writing to {} without a token",
                    store.tokenEnv(), store.url());
            return null;
        }
        return token.trim();
    }

    /** Reads environment variables; replaceable in tests, which cannot set real ones. */
    @FunctionalInterface
    interface Environment extends Serializable {
        String get(String name);
    }

    /** Checks its input; messages name the {@code pipeline.yaml} field to fix. */
    public static final class Builder {
        private PipelineConfig.Store store;
        private String url;
        private Registry registry;
        private ReadingsStoreOptions options = ReadingsStoreOptions.defaults();
        private Environment environment = System::getenv;

        private Builder() {}

        /** The {@code store:} section of {@code pipeline.yaml}: url, org, bucket, tokenEnv. */
        public Builder store(PipelineConfig.Store store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The base URL to write to instead of {@code store.url}; required when that is {@code embedded}. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Resolves each reading's device to its kind, hence its measurement. */
        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Builder options(ReadingsStoreOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        public ReadingsStoreSink build() {
            if (store == null) {
                throw new IllegalStateException("the store settings (pipeline.yaml store:) are required: call store(...)");
            }
            if (registry == null) {
                throw new IllegalStateException("the registry is required to find each device's measurement: call registry(...)");
            }
            return new ReadingsStoreSink(this);
        }

        private PipelineConfig.Store resolvedStore() {
            String target = url != null ? url : store.url();
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("store.url is empty: set it in pipeline.yaml to 'embedded' or to the"
                        + " base URL of an InfluxDB-v2-compatible server, e.g. http://127.0.0.1:8086");
            }
            if ("embedded".equals(target)) {
                throw new IllegalArgumentException("store.url is 'embedded': start EmbeddedQuestDb and pass its httpUrl()"
                        + " to url(...)");
            }
            checkHttpUrl(target);
            requireText("store.org", store.org(), "the organization (any name for QuestDB)");
            requireText("store.bucket", store.bucket(), "the bucket (any name for QuestDB)");
            String base = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
            return new PipelineConfig.Store(base, store.org(), store.bucket(), store.tokenEnv());
        }

        private static void checkHttpUrl(String url) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("store.url '" + url + "' is not a URL: " + e.getMessage(), e);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("store.url '" + url + "' must be an http:// or https:// base URL"
                        + " with a host, e.g. http://127.0.0.1:8086");
            }
            if (uri.getPath() != null && uri.getPath().contains("/api/v2/write")) {
                throw new IllegalArgumentException("store.url '" + url + "' must be the server's base URL: drop /api/v2/write");
            }
        }

        private static void requireText(String field, String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " is empty: set it in pipeline.yaml to " + what);
            }
        }
    }
}
