package org.ecowatch.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MqttConnectionSettingsTest {

    @Test
    void rejectsAServerUriWithoutAScheme() {
        assertThatThrownBy(() -> MqttConnectionSettings.of("localhost:1883"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp://host:port");
    }

    @Test
    void treatsBlankCredentialsAsAbsent() {
        MqttConnectionSettings settings = new MqttConnectionSettings("ssl://broker:8883", " ", "");

        assertThat(settings.username()).isNull();
        assertThat(settings.passwordEnv()).isNull();
    }
}
