package org.ecowatch.ingest.mqtt.source;

import org.ecowatch.ingest.testing.SharedEmbeddedBroker;

/** {@link MqttSourceJobContract} against the embedded HiveMQ. */
class MqttSourceOnEmbeddedBrokerTest extends MqttSourceJobContract {

    @Override
    String brokerUrl() {
        return SharedEmbeddedBroker.url();
    }
}
