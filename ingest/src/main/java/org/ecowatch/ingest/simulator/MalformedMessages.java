package org.ecowatch.ingest.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.decode.TelemetryTopic;

/**
 * The mistakes real fleets make, one at a time in rotation, so that a demo shows the dead letter at work:
 * truncated JSON, an unregistered device, a payload naming another device, a wrong unit, a value that is
 * not a number, an oversize batch.
 */
final class MalformedMessages {
    private final Registry registry;
    private final String prefix;
    private int next;

    MalformedMessages(Registry registry, String prefix) {
        this.registry = registry;
        this.prefix = prefix;
    }

    SimulatedMessage next(Instant at) {
        var enterprise = registry.enterprises().get(next % registry.enterprises().size());
        var device = enterprise.devices().get(0);
        String topic = TelemetryTopic.jsonTopic(prefix, enterprise.id(), device.id());
        String ts = "\"ts\":" + at.toEpochMilli();
        String metric = device.metrics().isEmpty() ? "w01018" : device.metrics().get(0);
        return switch (next++ % 6) {
            case 0 -> message(topic, "{" + ts + ",\"readings\":[{\"metric\":\"" + metric + "\",\"val", Reason.JSON_MALFORMED);
            case 1 -> message(TelemetryTopic.jsonTopic(prefix, enterprise.id(), "unregistered-99"),
                    "{" + ts + ",\"readings\":[{\"metric\":\"" + metric + "\",\"value\":1.0}]}", Reason.DEVICE_UNKNOWN);
            case 2 -> message(topic, "{\"device\":\"someone-else/" + device.id() + "\"," + ts
                    + ",\"readings\":[{\"metric\":\"" + metric + "\",\"value\":1.0}]}", Reason.DEVICE_MISMATCH);
            // Meter metrics have fixed units (CONTRACT §2), so this one is wrong whatever thresholds.yaml says.
            case 3 -> message(topic, "{" + ts + ",\"readings\":[{\"metric\":\"power.active\",\"value\":1.0,\"unit\":\"W\"}]}",
                    Reason.UNIT_MISMATCH);
            case 4 -> message(topic, "{" + ts + ",\"readings\":[{\"metric\":\"" + metric + "\",\"value\":\"ERR\"}]}",
                    Reason.VALUE_INVALID);
            default -> {
                String reading = "{\"metric\":\"" + metric + "\",\"value\":1.0}";
                String readings = String.join(",", java.util.Collections.nCopies(3000, reading));
                yield message(topic, "{" + ts + ",\"readings\":[" + readings + "]}", Reason.PAYLOAD_TOO_LARGE);
            }
        };
    }

    private static SimulatedMessage message(String topic, String payload, String reason) {
        return new SimulatedMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 0, reason);
    }
}
