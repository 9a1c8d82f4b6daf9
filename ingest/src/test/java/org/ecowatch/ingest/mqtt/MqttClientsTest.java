package org.ecowatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.junit.jupiter.api.Test;

class MqttClientsTest {

    @Test
    void makesSocketsWithNagleOffForPlainAndTlsUris() throws Exception {
        for (String uri : new String[] {"tcp://127.0.0.1:1883", "ssl://127.0.0.1:8883"}) {
            try (Socket socket = MqttClients.socketFactoryFor(uri).createSocket()) {
                assertThat(socket.getTcpNoDelay()).as(uri).isTrue();
            }
        }
    }

    @Test
    void optionsUseTheNoDelaySocketsAndLeaveReconnectingToTheCaller() {
        MqttConnectionOptions options = MqttClients.options(MqttConnectionSettings.of("tcp://127.0.0.1:1883"));

        assertThat(options.getSocketFactory()).isInstanceOf(NoDelaySocketFactory.class);
        assertThat(options.isAutomaticReconnect()).isFalse();
        assertThat(options.getMqttVersion()).isEqualTo(5);
        assertThat(options.getUserName()).isNull();
        assertThat(options.getPassword()).isNull();
    }

    @Test
    void readsThePasswordFromTheNamedEnvironmentVariable() {
        MqttConnectionOptions options =
                MqttClients.options(new MqttConnectionSettings("tcp://127.0.0.1:1883", "ecowatch", "PATH"));

        assertThat(options.getUserName()).isEqualTo("ecowatch");
        assertThat(new String(options.getPassword())).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void namesTheMissingPasswordVariable() {
        MqttConnectionSettings settings =
                new MqttConnectionSettings("tcp://127.0.0.1:1883", "ecowatch", "ECOWATCH_TEST_NOT_SET_4711");

        assertThatThrownBy(() -> MqttClients.options(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ECOWATCH_TEST_NOT_SET_4711");
    }

    @Test
    void connectsToABrokerWithTheCustomisedOptions() throws Exception {
        MqttClient client = MqttClients.connect(
                MqttConnectionSettings.of(SharedEmbeddedBroker.url()), "clients-test", o -> o.setKeepAliveInterval(7));
        try {
            assertThat(client.isConnected()).isTrue();
        } finally {
            MqttClients.closeQuietly(client);
        }
        assertThat(client.isConnected()).isFalse();
    }
}
