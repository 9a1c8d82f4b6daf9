package org.ecowatch.ingest.decode;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed inbound topic: {@code {prefix}/telemetry/{enterpriseId}/{deviceId}} (JSON batches) or
 * {@code {prefix}/hj212/{enterpriseId}/{deviceId}} (HJ 212 frames), CONTRACT §1.
 */
public record TelemetryTopic(Format format, String enterpriseId, String deviceId) {

    public enum Format { JSON, HJ212 }

    /** Ids in topics (CONTRACT §1). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** The topic filters the pipeline subscribes to. */
    public static String[] filters(String prefix) {
        return new String[] {prefix + "/telemetry/+/+", prefix + "/hj212/+/+"};
    }

    public static String jsonTopic(String prefix, String enterpriseId, String deviceId) {
        return prefix + "/telemetry/" + enterpriseId + "/" + deviceId;
    }

    public static String hj212Topic(String prefix, String enterpriseId, String deviceId) {
        return prefix + "/hj212/" + enterpriseId + "/" + deviceId;
    }

    public static Optional<TelemetryTopic> parse(String prefix, String topic) {
        if (topic == null || !topic.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String[] parts = topic.substring(prefix.length() + 1).split("/", -1);
        if (parts.length != 3 || !ID.matcher(parts[1]).matches() || !ID.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        Format format = switch (parts[0]) {
            case "telemetry" -> Format.JSON;
            case "hj212" -> Format.HJ212;
            default -> null;
        };
        return format == null ? Optional.empty() : Optional.of(new TelemetryTopic(format, parts[1], parts[2]));
    }

    public String deviceKey() {
        return enterpriseId + "/" + deviceId;
    }
}
