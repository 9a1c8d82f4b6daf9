package org.ecowatch.ingest.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.ecowatch.ingest.hj212.FrameSplitter;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Parser;
import org.ecowatch.ingest.hj212.Hj212Result;

/**
 * A data logger as the gateway sees it: a plain blocking {@link Socket} on loopback that writes frames and reads
 * the frames (acks) the gateway writes back.
 */
final class LoggerSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final FrameSplitter splitter = new FrameSplitter();
    private final Hj212Parser parser = new Hj212Parser();
    private final Deque<Hj212Result<byte[]>> received = new ArrayDeque<>();

    private LoggerSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    static LoggerSocket connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer, 0 for the system's default */
    static LoggerSocket connect(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.setTcpNoDelay(true); // byte-by-byte writes really go out one by one
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        return new LoggerSocket(socket);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendByteByByte(byte[] bytes) throws IOException {
        for (byte b : bytes) {
            out.write(b);
            out.flush();
        }
    }

    /** The next frame the gateway wrote back, parsed (so its length and CRC are verified); fails after {@code timeout}. */
    Hj212Frame awaitFrame(Duration timeout) throws IOException {
        Hj212Result<byte[]> item = next(timeout);
        if (item == null) {
            throw new AssertionError("the gateway wrote no frame within " + timeout);
        }
        if (!item.isAccepted()) {
            throw new AssertionError("the gateway wrote something that is not a frame: " + item.rejection());
        }
        Hj212Result<Hj212Frame> frame = parser.parse(item.value());
        if (!frame.isAccepted()) {
            throw new AssertionError("the gateway wrote a frame that does not parse: " + frame.rejection());
        }
        return frame.value();
    }

    /** Whether the gateway wrote nothing for {@code quiet}. */
    boolean silentFor(Duration quiet) throws IOException {
        return next(quiet) == null;
    }

    /** Whether the gateway closed the connection within {@code timeout} (what it wrote before is ignored). */
    boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset
            }
        }
        return false;
    }

    private Hj212Result<byte[]> next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[1024];
        while (received.isEmpty()) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (n < 0) {
                throw new AssertionError("the gateway closed the connection");
            }
            splitter.feed(buffer, 0, n, received::add);
        }
        return received.poll();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
