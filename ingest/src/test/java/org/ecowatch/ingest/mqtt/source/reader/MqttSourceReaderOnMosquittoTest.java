package org.ecowatch.ingest.mqtt.source.reader;

import org.ecowatch.ingest.testing.MosquittoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttSourceReaderContract} against a Mosquitto of the test's own. */
class MqttSourceReaderOnMosquittoTest extends MqttSourceReaderContract {

    private static MosquittoServer mosquitto;

    @BeforeAll
    static void startMosquitto() {
        mosquitto = MosquittoServer.start(false);
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Override
    String brokerUrl() {
        return mosquitto.url();
    }
}
