package org.ecowatch.ingest.gateway;

import java.time.Duration;
import java.util.Objects;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.hj212.Hj212Parser;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * How an {@link Hj212Gateway} listens, where it publishes and the limits that protect it from slow, silent and
 * abusive clients. Start from {@link #defaults} and change what differs:
 *
 * <pre>{@code
 * Hj212GatewayOptions options = Hj212GatewayOptions.defaults(mqtt, "ecowatch/v1", registry)
 *         .withBindHost("0.0.0.0").withPort(9212);
 * }</pre>
 *
 * @param bindHost                      address to listen on; default {@value #DEFAULT_BIND_HOST} (loopback only)
 * @param port                          TCP port; 0 picks a free one (see {@link Hj212Gateway#port()})
 * @param mqtt                          the broker the frames are published to
 * @param topicPrefix                   MQTT topic prefix, e.g. {@code ecowatch/v1}
 * @param registry                      the devices; a frame's MN must be some device's {@code mn}
 * @param maxDataLength                 largest data segment accepted, in bytes (1..9999); larger frames are skipped
 *                                      without being buffered
 * @param maxConnections                connections accepted at once; more are closed right after accepting
 * @param idleTimeout                   a connection that sends nothing for this long is closed
 * @param maxBufferedBytesPerConnection per connection: frames read but not yet acknowledged by the broker above this
 *                                      stop reading from the socket; acks the client does not read above this close
 *                                      the connection. At least one frame of {@code maxDataLength}
 * @param publishTimeout                a frame not accepted by the broker within this time (broker unreachable) is
 *                                      given up: no ack, the logger sends it again
 */
public record Hj212GatewayOptions(
        String bindHost,
        int port,
        MqttConnectionSettings mqtt,
        String topicPrefix,
        Registry registry,
        int maxDataLength,
        int maxConnections,
        Duration idleTimeout,
        int maxBufferedBytesPerConnection,
        Duration publishTimeout) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Loggers report at least every few minutes; a connection silent for longer is dead or stuck. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_BUFFERED_BYTES_PER_CONNECTION = 64 * 1024;
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    /** "##" + 4 digits + 4 CRC digits + CRLF around the data segment. */
    private static final int FRAME_OVERHEAD = 12;

    public Hj212GatewayOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = a free port), not " + port);
        }
        if (topicPrefix.isEmpty() || topicPrefix.endsWith("/") || topicPrefix.contains("+") || topicPrefix.contains("#")) {
            throw new IllegalArgumentException("topic prefix '" + topicPrefix + "' must be non-empty, without a trailing / and without wildcards");
        }
        if (maxDataLength < 1 || maxDataLength > 9999) {
            throw new IllegalArgumentException("maxDataLength must be 1..9999 (the 4-digit length field), not " + maxDataLength);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
        }
        if (maxBufferedBytesPerConnection < maxDataLength + FRAME_OVERHEAD) {
            throw new IllegalArgumentException("maxBufferedBytesPerConnection (" + maxBufferedBytesPerConnection
                    + ") must hold at least one frame of maxDataLength " + maxDataLength + " (" + (maxDataLength + FRAME_OVERHEAD) + " bytes)");
        }
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive, not " + publishTimeout);
        }
    }

    /** Loopback, a free port, and the default limits. */
    public static Hj212GatewayOptions defaults(MqttConnectionSettings mqtt, String topicPrefix, Registry registry) {
        return new Hj212GatewayOptions(DEFAULT_BIND_HOST, 0, mqtt, topicPrefix, registry,
                Hj212Parser.DEFAULT_MAX_DATA_LENGTH, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_BUFFERED_BYTES_PER_CONNECTION, DEFAULT_PUBLISH_TIMEOUT);
    }

    public Hj212GatewayOptions withBindHost(String host) {
        return new Hj212GatewayOptions(host, port, mqtt, topicPrefix, registry, maxDataLength, maxConnections,
                idleTimeout, maxBufferedBytesPerConnection, publishTimeout);
    }

    public Hj212GatewayOptions withPort(int newPort) {
        return new Hj212GatewayOptions(bindHost, newPort, mqtt, topicPrefix, registry, maxDataLength, maxConnections,
                idleTimeout, maxBufferedBytesPerConnection, publishTimeout);
    }

    public Hj212GatewayOptions withMaxDataLength(int bytes) {
        return new Hj212GatewayOptions(bindHost, port, mqtt, topicPrefix, registry, bytes, maxConnections,
                idleTimeout, maxBufferedBytesPerConnection, publishTimeout);
    }

    public Hj212GatewayOptions withMaxConnections(int connections) {
        return new Hj212GatewayOptions(bindHost, port, mqtt, topicPrefix, registry, maxDataLength, connections,
                idleTimeout, maxBufferedBytesPerConnection, publishTimeout);
    }

    public Hj212GatewayOptions withIdleTimeout(Duration timeout) {
        return new Hj212GatewayOptions(bindHost, port, mqtt, topicPrefix, registry, maxDataLength, maxConnections,
                timeout, maxBufferedBytesPerConnection, publishTimeout);
    }

    public Hj212GatewayOptions withMaxBufferedBytesPerConnection(int bytes) {
        return new Hj212GatewayOptions(bindHost, port, mqtt, topicPrefix, registry, maxDataLength, maxConnections,
                idleTimeout, bytes, publishTimeout);
    }

    public Hj212GatewayOptions withPublishTimeout(Duration timeout) {
        return new Hj212GatewayOptions(bindHost, port, mqtt, topicPrefix, registry, maxDataLength, maxConnections,
                idleTimeout, maxBufferedBytesPerConnection, timeout);
    }
}
