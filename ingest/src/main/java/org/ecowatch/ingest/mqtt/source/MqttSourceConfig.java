package org.ecowatch.ingest.mqtt.source;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * The checked settings of one {@link MqttSource}, as {@link MqttSourceOptions#resolve} produced
 * them. Travels in the job graph to the enumerator and the readers.
 *
 * @param sessions      number of sessions, or {@code null} for "the source parallelism"
 * @param queueCapacity hand-off queue capacity, at least {@code receiveMaximum}
 */
public record MqttSourceConfig(
        MqttConnectionSettings connection,
        List<String> topicFilters,
        String sharedGroup,
        boolean sharedSubscription,
        String clientIdPrefix,
        Integer sessions,
        Duration sessionExpiry,
        int receiveMaximum,
        int queueCapacity,
        Duration keepAlive,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        int qos,
        Duration failAfterOutage)
        implements Serializable {

    /** The stable client id of session {@code index}. */
    public String clientId(int index) {
        return clientIdPrefix + "-" + index;
    }

    /** What sessions subscribe to: {@code $share/{group}/{filter}}, or the plain filters. */
    public List<String> subscriptionFilters() {
        return sharedSubscription
                ? topicFilters.stream().map(f -> "$share/" + sharedGroup + "/" + f).toList()
                : topicFilters;
    }
}
