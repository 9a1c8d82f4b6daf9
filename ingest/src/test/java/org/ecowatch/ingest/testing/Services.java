package org.ecowatch.ingest.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a server the build does not embed (Mosquitto, PostgreSQL) skip when it is absent,
 * unless {@code ECOWATCH_REQUIRE_SERVICES=true}, in which case they fail.
 */
public final class Services {

    public static final String REQUIRE_SERVICES = "ECOWATCH_REQUIRE_SERVICES";

    private Services() {}

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port} (within 500 ms). */
    public static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the environment demands every external service ({@value #REQUIRE_SERVICES}=true). */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_SERVICES));
    }

    /**
     * Skips the test with {@code message} when {@code available} is false, or fails it when
     * services are {@linkplain #required() required}.
     */
    public static void assumeOrFail(boolean available, String message) {
        if (available) {
            return;
        }
        if (required()) {
            throw new AssertionError(message + " (" + REQUIRE_SERVICES + "=true)");
        }
        Assumptions.abort(message);
    }
}
