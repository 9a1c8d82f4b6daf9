package org.ecowatch.configs;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;

/** {@code pipeline.yaml}: where the pipeline's servers are and how it runs (CONTRACT §8). */
public record PipelineConfig(
        Mqtt mqtt,
        Store store,
        LeadStore leadStore,
        Checkpoints checkpoints,
        int parallelism,
        Http http,
        ZoneId timeZone,
        Gateway gateway) implements Serializable {

    /** The broker. {@code url} is {@code tcp://…}, {@code ssl://…} or {@code embedded}. */
    /**
     * @param sharedSubscription whether the pipeline's sessions share the load over a shared subscription (the
     *                           default); false: one session on plain subscriptions, for a broker that does not keep
     *                           shared subscriptions across its own restart (Mosquitto 2.0, docs/DEPLOY.md)
     */
    public record Mqtt(String url, String username, String passwordEnv, String topicPrefix, boolean sharedSubscription)
            implements Serializable {
        public Mqtt(String url, String username, String passwordEnv, String topicPrefix) {
            this(url, username, passwordEnv, topicPrefix, true);
        }

        public boolean embedded() {
            return "embedded".equals(url);
        }
    }

    /** The readings store: {@code embedded} or the base URL of an InfluxDB-v2-compatible write endpoint. */
    public record Store(String url, String org, String bucket, String tokenEnv) implements Serializable {
        public boolean embedded() {
            return "embedded".equals(url);
        }
    }

    public record LeadStore(String jdbcUrl, String usernameEnv, String passwordEnv) implements Serializable {}

    public record Checkpoints(String dir, Duration interval) implements Serializable {}

    /**
     * The lead service's HTTP API (docs/API.md).
     *
     * @param bind      the address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for every interface)
     * @param tokensEnv the environment variable that holds the API tokens ({@code role/name=token,…})
     */
    public record Http(String bind, int port, String tokensEnv) implements Serializable {}

    /**
     * The HJ 212 TCP gateway ({@code ./ecowatch gateway}) for legacy data loggers.
     *
     * @param maxFrameBytes the largest data segment accepted; the standard says 1024, real loggers send more
     */
    public record Gateway(String bind, int port, int maxConnections, Duration idleTimeout, int maxFrameBytes)
            implements Serializable {}
}
