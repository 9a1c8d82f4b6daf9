package org.ecowatch.ingest.mqtt;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a broker is and who we are to it. Safe to put in a Flink job graph: the password itself is
 * never held here, only the name of the environment variable it is read from when connecting.
 *
 * @param serverUri   {@code tcp://host:port}, {@code ssl://host:port}, {@code ws://…} or {@code wss://…}
 * @param username    user name, or {@code null} for anonymous access
 * @param passwordEnv name of the environment variable holding the password, or {@code null}
 */
public record MqttConnectionSettings(String serverUri, String username, String passwordEnv) implements Serializable {

    public MqttConnectionSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        if (!serverUri.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException(
                    "MQTT server URI '" + serverUri + "' must look like tcp://host:port or ssl://host:port");
        }
        username = blankToNull(username);
        passwordEnv = blankToNull(passwordEnv);
    }

    /** Anonymous access to {@code serverUri}. */
    public static MqttConnectionSettings of(String serverUri) {
        return new MqttConnectionSettings(serverUri, null, null);
    }

    public MqttConnectionSettings withServerUri(String uri) {
        return new MqttConnectionSettings(uri, username, passwordEnv);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
