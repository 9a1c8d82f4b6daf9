package org.ecowatch.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecowatch.ingest.mqtt.broker.EmbeddedBroker;

/**
 * One embedded HiveMQ per test JVM, started on first use and stopped when the JVM exits: stopping
 * HiveMQ takes ~4 s, too long to pay per test. Tests sharing it use their own topics and client ids.
 */
public final class SharedEmbeddedBroker {

    private static EmbeddedBroker broker;

    private SharedEmbeddedBroker() {}

    public static synchronized EmbeddedBroker get() {
        if (broker == null) {
            try {
                Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "embedded-hivemq-");
                broker = EmbeddedBroker.start(root, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-hivemq-stop"));
        }
        return broker;
    }

    /** {@code tcp://127.0.0.1:PORT} of the shared broker. */
    public static String url() {
        return get().url();
    }
}
