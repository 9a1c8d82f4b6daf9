package org.ecowatch.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Counts the dead letters the pipeline publishes by reason and payload ({@link FuzzOracle#deadLetterKey}), without
 * keeping them: a fuzz run sends back megabytes of payloads. Readiness probes are left out; {@code late} dead letters
 * (readings stored but too late for detection, which a mutant's timestamp can cause) are counted apart.
 */
final class DeadLetterTally implements AutoCloseable {
    private final Map<String, LongAdder> byKey = new ConcurrentHashMap<>();
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong withoutDetail = new AtomicLong();
    private final MqttClient subscriber;

    DeadLetterTally(String brokerUrl, String prefix) throws MqttException {
        subscriber = MqttClients.connect(MqttConnectionSettings.of(brokerUrl), "fault-tally-" + System.nanoTime(), o -> { });
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(prefix + "/deadletter", 1)},
                new IMqttMessageListener[] {(topic, message) -> count(PipelineOutputs.JSON.readTree(message.getPayload()))});
    }

    private void count(JsonNode deadLetter) {
        if (PipelineOutputs.isProbe(deadLetter)) {
            return;
        }
        String reason = deadLetter.path("reason").asText();
        if (Reason.LATE.equals(reason)) {
            late.incrementAndGet();
            return;
        }
        if (deadLetter.path("detail").asText().isBlank()) {
            withoutDetail.incrementAndGet();
        }
        byte[] payload = Base64.getDecoder().decode(deadLetter.path("payloadBase64").asText());
        byKey.computeIfAbsent(FuzzOracle.deadLetterKey(reason, FuzzOracle.sha256(payload)), k -> new LongAdder()).increment();
        counted.incrementAndGet();
    }

    /** Dead letters counted, {@code late} ones and probes left out. */
    long counted() {
        return counted.get();
    }

    long late() {
        return late.get();
    }

    /** Dead letters whose {@code detail} sentence was empty (the contract wants a human sentence). */
    long withoutDetail() {
        return withoutDetail.get();
    }

    /** Count per dead-letter key. */
    Map<String, Long> byKey() {
        Map<String, Long> copy = new TreeMap<>();
        byKey.forEach((key, n) -> copy.put(key, n.sum()));
        return copy;
    }

    @Override
    public void close() {
        MqttClients.closeQuietly(subscriber);
    }
}
