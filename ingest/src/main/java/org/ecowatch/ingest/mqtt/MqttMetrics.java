package org.ecowatch.ingest.mqtt;

/**
 * Names of the MQTT metrics, all registered in the group {@value #GROUP} of the operator's metric
 * group. The launcher's progress display reads them by these names.
 */
public final class MqttMetrics {

    public static final String GROUP = "ecowatch";

    /** Source: messages handed to the pipeline (counter). */
    public static final String RECEIVED = "mqttReceived";
    /** Source: messages acknowledged to the broker after a completed checkpoint (counter). */
    public static final String ACKED = "mqttAcked";
    /** Source: connections re-established after an outage (counter). */
    public static final String RECONNECTS = "mqttReconnects";
    /** Source: messages received from the broker and not yet handed to the pipeline (gauge). */
    public static final String QUEUE_DEPTH = "mqttQueueDepth";
    /** Sink: publishes acknowledged by the broker (counter). */
    public static final String PUBLISHED = "mqttPublished";
    /** Sink: publishes the broker refused with an error reason code and that were dropped (counter). */
    public static final String PUBLISH_REFUSED = "mqttPublishRefused";

    private MqttMetrics() {}
}
