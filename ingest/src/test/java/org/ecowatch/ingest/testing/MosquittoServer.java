package org.ecowatch.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private Mosquitto ({@code /usr/sbin/mosquitto}) on a free loopback port, with its own config
 * tuned for tests: no in-flight limit, a deep queue, anonymous access, and persistence only when
 * asked (a broker-restart test needs the sessions to survive). Skips the test when the binary is
 * missing, or fails it when {@code ECOWATCH_REQUIRE_SERVICES=true}.
 *
 * <pre>{@code
 * try (MosquittoServer mosquitto = MosquittoServer.start(false)) { … mosquitto.url() … }
 * }</pre>
 */
public final class MosquittoServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private static final long START_WAIT_MILLIS = 10_000;

    private final Path dir;
    private final Path configFile;
    private final int port;
    private Process process;
    private boolean frozen;
    private final Thread killOnExit;

    private MosquittoServer(Path dir, int port, boolean persistence) throws IOException {
        this.dir = dir;
        this.port = port;
        this.configFile = dir.resolve("mosquitto.conf");
        Files.writeString(configFile, config(port, persistence, dir), StandardCharsets.UTF_8);
        this.killOnExit = new Thread(this::kill, "mosquitto-kill-" + port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a Mosquitto of its own.
     *
     * @param persistence whether sessions and queued messages survive {@link #restart()}
     */
    public static MosquittoServer start(boolean persistence) {
        Services.assumeOrFail(Files.isExecutable(BINARY), "Mosquitto is not installed at " + BINARY);
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "mosquitto-");
            MosquittoServer server = new MosquittoServer(dir, freeLoopbackPort(), persistence);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Freezes the broker (SIGSTOP): its connections stay open but nothing is answered, like a broker stalled under
     * load. A client's publishes are written but not acknowledged until {@link #thaw()}.
     */
    public synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Lets a {@linkplain #freeze() frozen} broker go on (SIGCONT); it then answers what it was sent meanwhile. */
    public synchronized void thaw() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    /** Stops the broker the way an operator would (SIGTERM: a persistent broker saves its state). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        thaw(); // a stopped process would not act on SIGTERM
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Stops it and starts it again on the same port with the same config. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down.
        }
    }

    private synchronized void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + START_WAIT_MILLIS;
        while (!Services.reachable(port)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                String log = Files.exists(dir.resolve("mosquitto.log")) ? Files.readString(dir.resolve("mosquitto.log")) : "";
                stop();
                throw new IllegalStateException("Mosquitto did not start on port " + port + ":\n" + log
                        + Files.readString(dir.resolve("mosquitto.out")));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Mosquitto", e);
            }
        }
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("Mosquitto is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling Mosquitto", e);
        }
    }

    private void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private static String config(int port, boolean persistence, Path dir) {
        return String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                // When started as root, Mosquitto would switch to the 'mosquitto' user and could not
                // write to our directory.
                "user " + System.getProperty("user.name"),
                "max_inflight_messages 0",
                "max_queued_messages 100000",
                "max_queued_bytes 0",
                "persistence " + persistence,
                "persistence_location " + dir + "/",
                "autosave_interval 1",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
