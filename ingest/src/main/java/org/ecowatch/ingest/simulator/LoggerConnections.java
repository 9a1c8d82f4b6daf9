package org.ecowatch.ingest.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated legacy data loggers: one TCP connection per device to the HJ 212 gateway, kept open as real
 * loggers keep theirs, with a reader that counts the 9014 data acks the gateway sends back.
 */
final class LoggerConnections implements AutoCloseable {
    private final InetSocketAddress gateway;
    private final Map<String, Socket> byMn = new HashMap<>();
    private final AtomicLong acks = new AtomicLong();

    LoggerConnections(InetSocketAddress gateway) {
        this.gateway = gateway;
    }

    long acks() {
        return acks.get();
    }

    void send(String mn, byte[] frame) throws IOException {
        Socket socket = byMn.get(mn);
        if (socket == null || socket.isClosed()) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(gateway, 5_000);
            byMn.put(mn, socket);
            startAckReader(mn, socket);
        }
        try {
            socket.getOutputStream().write(frame);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            closeQuietly(byMn.remove(mn));
            throw e;
        }
    }

    private void startAckReader(String mn, Socket socket) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (InputStream in = socket.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    String text = new String(buffer, 0, n, StandardCharsets.US_ASCII);
                    for (int at = text.indexOf("CN=9014"); at >= 0; at = text.indexOf("CN=9014", at + 1)) {
                        acks.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // The connection closed: the next send reconnects.
            }
        }, "simulated-logger-" + mn);
        reader.setDaemon(true);
        reader.start();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }

    @Override
    public void close() {
        byMn.values().forEach(LoggerConnections::closeQuietly);
        byMn.clear();
    }
}
