package org.ecowatch.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The one place ecowatch makes Paho MQTT 5 clients, so every client gets the same essentials:
 * TCP_NODELAY sockets (without them QoS 1 is ~10x slower), no automatic reconnect (callers
 * reconnect themselves with backoff and resubscribe), in-memory persistence, and a password read
 * from the environment at connect time rather than from the job graph.
 *
 * <pre>{@code
 * MqttClient client = MqttClients.connect(settings, "simulator-1", o -> o.setKeepAliveInterval(20));
 * }</pre>
 */
public final class MqttClients {

    /** Seconds a connect may take before it counts as failed. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Keep-alive unless a customiser says otherwise. */
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 30;

    private MqttClients() {}

    /**
     * Connection options with ecowatch's defaults: MQTT 5, clean start, TCP_NODELAY, no automatic
     * reconnect, credentials from {@code settings}. Callers adjust session settings on the result.
     *
     * @throws IllegalStateException when {@code settings.passwordEnv()} names a variable that is not set
     */
    public static MqttConnectionOptions options(MqttConnectionSettings settings) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {settings.serverUri()});
        options.setSocketFactory(socketFactoryFor(settings.serverUri()));
        options.setAutomaticReconnect(false);
        options.setCleanStart(true);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(DEFAULT_KEEP_ALIVE_SECONDS);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.passwordEnv() != null) {
            options.setPassword(passwordFrom(settings.passwordEnv()).getBytes(StandardCharsets.UTF_8));
        }
        return options;
    }

    /** A new, unconnected asynchronous client. Connect it with {@link #options(MqttConnectionSettings)}. */
    public static MqttAsyncClient newAsyncClient(MqttConnectionSettings settings, String clientId) throws MqttException {
        return new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
    }

    /** A connected blocking client; {@code customiser} may change the options before connecting. */
    public static MqttClient connect(
            MqttConnectionSettings settings, String clientId, Consumer<MqttConnectionOptions> customiser)
            throws MqttException {
        return connect(settings, clientId, customiser, null);
    }

    /**
     * A connected blocking client whose {@code callback} (may be null) is in place before the
     * connection opens, so messages a resumed session delivers at once are not missed.
     */
    public static MqttClient connect(
            MqttConnectionSettings settings,
            String clientId,
            Consumer<MqttConnectionOptions> customiser,
            MqttCallback callback)
            throws MqttException {
        MqttConnectionOptions options = options(settings);
        customiser.accept(options);
        MqttClient client = new MqttClient(settings.serverUri(), clientId, new MemoryPersistence());
        if (callback != null) {
            client.setCallback(callback);
        }
        try {
            client.connect(options);
            return client;
        } catch (MqttException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** A connected asynchronous client; waits for the connection to be acknowledged. */
    public static MqttAsyncClient connectAsync(
            MqttConnectionSettings settings, String clientId, Consumer<MqttConnectionOptions> customiser)
            throws MqttException {
        MqttConnectionOptions options = options(settings);
        customiser.accept(options);
        MqttAsyncClient client = newAsyncClient(settings, clientId);
        try {
            client.connect(options).waitForCompletion(CONNECT_TIMEOUT_SECONDS * 1000L + 1000L);
            return client;
        } catch (MqttException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** Disconnects without waiting long and releases the client's threads; never throws. */
    public static void closeQuietly(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException | RuntimeException ignored) {
            // Closing anyway below.
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // Nothing left to release.
        }
    }

    /** Blocking-client variant of {@link #closeQuietly(MqttAsyncClient)}. */
    public static void closeQuietly(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException | RuntimeException ignored) {
            // Closing anyway below.
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // Nothing left to release.
        }
    }

    static SocketFactory socketFactoryFor(String serverUri) {
        return serverUri.startsWith("ssl://") || serverUri.startsWith("wss://")
                ? new NoDelaySslSocketFactory()
                : new NoDelaySocketFactory();
    }

    private static String passwordFrom(String variable) {
        String password = System.getenv(variable);
        if (password == null) {
            throw new IllegalStateException("The environment variable " + variable
                    + " (named by the MQTT passwordEnv setting) is not set: export it or remove passwordEnv");
        }
        return password;
    }
}
