package org.ecowatch.ingest.gateway;

import java.util.Map;

/**
 * A snapshot of an {@link Hj212Gateway}'s counters since it started, for the launcher's status line and for tests.
 *
 * @param connectionsOpen            connections open now
 * @param connectionsAccepted        connections accepted (within {@code maxConnections})
 * @param connectionsRefused         connections closed at once because {@code maxConnections} were open
 * @param connectionsClosedIdle      connections closed after {@code idleTimeout} of silence
 * @param connectionsClosedUnreadAcks connections closed because the client left more than
 *                                   {@code maxBufferedBytesPerConnection} of acks unread
 * @param framesPublished            frames the broker accepted on a device's hj212 topic
 * @param acksSent                   9014 data acks written to a logger
 * @param rejectedByReason           rejected input by HJ 212 reason code ({@code hj212.crc}, {@code hj212.mn-unknown},
 *                                   {@code hj212.garbage} …); each was published as a dead letter
 * @param deadLettersPublished       dead letters the broker accepted
 * @param publishFailures            frames or dead letters given up: not accepted within {@code publishTimeout}, refused
 *                                   by the broker, or still queued when the gateway closed
 * @param brokerConnected            whether the gateway's MQTT connection is up now
 */
public record Hj212GatewayStats(
        long connectionsOpen,
        long connectionsAccepted,
        long connectionsRefused,
        long connectionsClosedIdle,
        long connectionsClosedUnreadAcks,
        long framesPublished,
        long acksSent,
        Map<String, Long> rejectedByReason,
        long deadLettersPublished,
        long publishFailures,
        boolean brokerConnected) {

    public Hj212GatewayStats {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }

    /** All rejections, whatever the reason. */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rejections with this reason code (0 when none). */
    public long rejected(String reason) {
        return rejectedByReason.getOrDefault(reason, 0L);
    }

    /** One terminal line: {@code loggers 12 connected · frames 340 published, 120 acked · rejected 1 (hj212.crc 1)}. */
    public String line() {
        StringBuilder s = new StringBuilder(String.format("loggers %d connected · frames %,d published, %,d acked · rejected %,d",
                connectionsOpen, framesPublished, acksSent, rejected()));
        if (!rejectedByReason.isEmpty()) {
            s.append(' ').append(rejectedByReason);
        }
        return s.append(brokerConnected ? "" : " · BROKER UNREACHABLE").toString();
    }
}
