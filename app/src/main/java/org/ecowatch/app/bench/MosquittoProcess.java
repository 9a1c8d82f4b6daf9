package org.ecowatch.app.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the bench's own on a free loopback port, tuned for load: Mosquitto's defaults (20 messages in
 * flight per client, 1000 queued) throttle and drop under load, so both are lifted (the clients' Receive Maximum
 * still bounds what is in flight), persistence is off and TCP_NODELAY on.
 */
final class MosquittoProcess implements AutoCloseable {
    static final Path DEBIAN_BINARY = Path.of("/usr/sbin/mosquitto");
    /** The settings the bench runs Mosquitto with, besides the listener and the log. */
    static final String TUNING = String.join("\n",
            "max_inflight_messages 0",
            "max_queued_messages 1000000",
            "max_queued_bytes 0",
            "persistence false",
            "set_tcp_nodelay true");

    private final Process process;
    private final int port;
    private final String version;

    private MosquittoProcess(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** {@code /usr/sbin/mosquitto}, or {@code mosquitto} on the PATH. */
    static Optional<Path> binary() {
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return Optional.of(DEBIAN_BINARY);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mosquitto");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static MosquittoProcess start(Path binary, Path dir) throws IOException {
        Files.createDirectories(dir);
        int port = freeLoopbackPort();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // Started as root, Mosquitto would switch to the user 'mosquitto', who cannot write here.
                "user " + System.getProperty("user.name"),
                TUNING,
                "log_dest file " + dir.resolve("mosquitto.log"),
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        // Ctrl-C on the bench must not leave a broker behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "bench-mosquitto-kill"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("Mosquitto (" + binary + ") did not start on 127.0.0.1:" + port + "; see " + dir.resolve("mosquitto.log"));
            }
            sleep(20);
        }
        return new MosquittoProcess(process, port, version(binary));
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String version() {
        return version;
    }

    /** CPU time the broker process has used. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** "mosquitto version 2.0.11", from the first line of {@code mosquitto -h}. */
    private static String version(Path binary) {
        try {
            Process help = new ProcessBuilder(binary.toString(), "-h").redirectErrorStream(true).start();
            String first = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            help.waitFor(5, TimeUnit.SECONDS);
            return first.startsWith("mosquitto version") ? first.substring("mosquitto ".length()) : "version unknown";
        } catch (IOException e) {
            return "version unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "version unknown";
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
