package org.ecowatch.ingest.mqtt.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition, in-memory persistence) for {@code demo}
 * and fast tests. It listens on 127.0.0.1 only, makes no outbound connection (usage statistics
 * off), keeps its files under the given root, and is a fresh HiveMQ instance on every start.
 *
 * <p>Limits (DESIGN.md, BROKER note): in-memory only, so sessions do not survive {@link #close()};
 * queued QoS 1 messages per client are capped at {@value #MAX_QUEUED_MESSAGES}. HiveMQ CE sends a
 * client at most 50 un-acknowledged QoS 1 messages, a constant its configuration cannot change;
 * this class raises it to {@value #INFLIGHT_WINDOW} (the client's Receive Maximum still applies)
 * through the public static field HiveMQ reads it from, because the MQTT source holds acks until a
 * checkpoint and would otherwise carry only 50 messages per session per checkpoint.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(Path.of("data/broker"), 0)) {
 *     String url = broker.url(); // tcp://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Messages HiveMQ queues per client before it discards (default 1000). */
    public static final int MAX_QUEUED_MESSAGES = 100_000;
    /** Un-acknowledged QoS 1 messages HiveMQ sends one client (its built-in value is 50). */
    public static final int INFLIGHT_WINDOW = 1000;
    /** QoS 1 publishes one client may have unacknowledged towards the broker (default 10). */
    static final int SERVER_RECEIVE_MAXIMUM = 1000;

    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port}, or on a free port when {@code port} is 0.
     *
     * @param root directory for its config, data and extension folders (created if missing)
     * @throws IOException when the port is taken or HiveMQ does not start
     */
    public static EmbeddedBroker start(Path root, int port) throws IOException {
        int actualPort = port == 0 ? freeLoopbackPort() : port;
        Path config = Files.createDirectories(root.resolve("config"));
        Path data = Files.createDirectories(root.resolve("data"));
        Path extensions = Files.createDirectories(root.resolve("extensions"));
        Files.writeString(config.resolve("config.xml"), configXml(actualPort), StandardCharsets.UTF_8);

        // Read at runtime by HiveMQ's publish polling; see the class comment.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = INFLIGHT_WINDOW;

        Thread.UncaughtExceptionHandler jvmHandler = Thread.getDefaultUncaughtExceptionHandler();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap()
                .build();
        long started = System.nanoTime();
        try {
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(hivemq);
            throw new IOException("Interrupted while starting the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hivemq);
            throw new IOException("The embedded MQTT broker did not start on 127.0.0.1:" + actualPort
                    + " (is the port taken?): " + rootCause(e), e);
        } finally {
            // HiveMQ installs its own handler; the host application's must stay in charge.
            Thread.setDefaultUncaughtExceptionHandler(jvmHandler);
        }
        LOG.info("Embedded MQTT broker listening on tcp://127.0.0.1:{} (started in {} ms)",
                actualPort, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedBroker(hivemq, actualPort);
    }

    /**
     * Starts on {@code preferredPort}, or on a free port when that one is taken
     * ({@code ./ecowatch demo} prefers 1883). Check {@link #port()} for the one it got.
     */
    public static EmbeddedBroker startPreferring(Path root, int preferredPort) throws IOException {
        if (preferredPort != 0 && isFree(preferredPort)) {
            try {
                return start(root, preferredPort);
            } catch (IOException e) {
                LOG.info("Port {} is taken; the embedded MQTT broker uses a free port", preferredPort);
            }
        }
        return start(root, 0);
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker (HiveMQ takes a few seconds). All sessions and queued messages are gone. */
    @Override
    public void close() {
        Thread.UncaughtExceptionHandler jvmHandler = Thread.getDefaultUncaughtExceptionHandler();
        try {
            hivemq.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The embedded MQTT broker did not stop cleanly: {}", rootCause(e));
        } finally {
            closeQuietly(hivemq);
            Thread.setDefaultUncaughtExceptionHandler(jvmHandler);
        }
    }

    static String configXml(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, MAX_QUEUED_MESSAGES, SERVER_RECEIVE_MAXIMUM);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.close();
        } catch (Exception e) {
            LOG.debug("Closing the embedded MQTT broker failed", e);
        }
    }

    private static String rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
