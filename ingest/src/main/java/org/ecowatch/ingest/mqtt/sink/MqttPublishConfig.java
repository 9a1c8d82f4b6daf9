package org.ecowatch.ingest.mqtt.sink;

import java.io.Serializable;
import java.time.Duration;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/** The checked settings of one {@link MqttPublishSink}. */
record MqttPublishConfig(
        MqttConnectionSettings connection,
        String clientIdPrefix,
        int maxInFlight,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax)
        implements Serializable {}
