package org.ecowatch.ingest.simulator;

/**
 * One message the simulator wants sent.
 *
 * @param topic             the MQTT topic it belongs on (for {@link Transport#GATEWAY}: the topic the gateway publishes to)
 * @param expectedRejection the dead-letter reason the pipeline should give it, or null for valid telemetry
 * @param mn                the HJ 212 device number of a frame, null for JSON
 */
public record SimulatedMessage(String topic, byte[] payload, int readings, String expectedRejection, Transport transport,
                               String mn) {

    /** How a message travels, as real fleets mix them. */
    public enum Transport {
        /** A JSON batch published to {@code {prefix}/telemetry/…}. */
        MQTT_JSON,
        /** HJ 212 frames published to {@code {prefix}/hj212/…} by an MQTT-capable data logger. */
        MQTT_HJ212,
        /** HJ 212 frames sent over TCP by a legacy data logger to the gateway. */
        GATEWAY
    }

    public SimulatedMessage(String topic, byte[] payload, int readings, String expectedRejection) {
        this(topic, payload, readings, expectedRejection, Transport.MQTT_JSON, null);
    }
}
