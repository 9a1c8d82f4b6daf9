package org.ecowatch.ingest.mqtt.source.reader;

import org.ecowatch.ingest.testing.SharedEmbeddedBroker;

/** {@link MqttSourceReaderContract} against the embedded HiveMQ. */
class MqttSourceReaderOnEmbeddedBrokerTest extends MqttSourceReaderContract {

    @Override
    String brokerUrl() {
        return SharedEmbeddedBroker.url();
    }
}
