package org.ecowatch.ingest.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.ecowatch.ingest.hj212.Hj212Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 TCP gateway: a server for legacy data loggers that keep a TCP connection open and send HJ 212 frames.
 * Each frame whose length, CRC and syntax are right and whose MN (and PW, when configured) belongs to a registered
 * device is published, byte for byte with CRLF, to {@code {prefix}/hj212/{enterpriseId}/{deviceId}} at QoS 1; when
 * its Flag asks for an ack, the 9014 data ack is written back once the broker has accepted the publish. Everything
 * else goes to {@code {prefix}/deadletter} with its HJ 212 reason code, and gets no ack. docs/GATEWAY.md has the
 * details.
 *
 * <p>Non-blocking I/O (Netty, a few event-loop threads for all connections) and one MQTT connection for the whole
 * gateway. Its threads are daemon threads: a launcher keeps its main thread in {@link #awaitClosed()}.
 *
 * <pre>{@code
 * try (Hj212Gateway gateway = new Hj212Gateway(Hj212GatewayOptions.defaults(mqtt, "ecowatch/v1", registry).withPort(9212))) {
 *     gateway.start();
 *     gateway.awaitClosed();
 * }
 * }</pre>
 */
public final class Hj212Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hj212Gateway.class);
    /** Loggers send little; a few event loops serve thousands of connections. */
    private static final int IO_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** The largest single socket read: what one read adds to a connection's backlog beyond its limit. */
    private static final int MAX_READ_BYTES = 16 * 1024;
    /**
     * Socket buffers, fixed so the kernel does not grow them to megabytes per connection: loggers send a few frames a
     * minute and we only write small acks back. They also bound what a client that reads no acks costs us.
     */
    private static final int SOCKET_RECEIVE_BUFFER = 64 * 1024;
    private static final int SOCKET_SEND_BUFFER = 16 * 1024;
    private static final long REFUSAL_WARN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Hj212GatewayOptions options;
    private final GatewayCounters counters = new GatewayCounters();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ChannelGroup channels = new DefaultChannelGroup("hj212-loggers", GlobalEventExecutor.INSTANCE);
    private LoggerConnection.Services services;
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private GatewayPublisher publisher;
    private Channel serverChannel;
    private volatile long lastRefusalWarnNanos;
    private boolean started;
    private boolean closing;

    public Hj212Gateway(Hj212GatewayOptions options) {
        this.options = options;
    }

    /**
     * Starts listening and connecting to the broker. Returns once the port is bound; the broker connection comes up in
     * the background (until it does, connections are accepted but not read from).
     *
     * @throws IllegalStateException when the address cannot be bound (port taken …), or when started twice
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the gateway was already started");
        }
        started = true;
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("ecowatch-gateway-accept", true));
        workers = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("ecowatch-gateway-io", true));
        int maxBuffered = options.maxBufferedBytesPerConnection();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER) // inherited by accepted sockets from the start
                // Reading starts once the connection's handler says the broker is there (backpressure).
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER)
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_SEND_BUFFER)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(maxBuffered / 2, maxBuffered))
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 1024, MAX_READ_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel);
                    }
                });
        try {
            Hj212Parser parser = Hj212Parser.forRegistry(options.registry(), options.maxDataLength());
            publisher = new GatewayPublisher(options.mqtt(), "ecowatch-gateway-" + options.port() + "-"
                    + UUID.randomUUID().toString().substring(0, 8), this::brokerAvailable);
            services = new LoggerConnection.Services(options, parser, publisher, counters);
            publisher.start();
            ChannelFuture bound = bootstrap.bind(options.bindHost(), options.port()).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IllegalStateException("the HJ 212 gateway cannot listen on " + options.bindHost() + ":" + options.port()
                        + ": " + bound.cause(), bound.cause());
            }
            serverChannel = bound.channel();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("HJ 212 gateway listening on {}:{}, publishing to {} under {}/hj212/… (max {} connections, idle timeout {}, frames up to {} bytes)",
                options.bindHost(), port(), options.mqtt().serverUri(), options.topicPrefix(), options.maxConnections(),
                options.idleTimeout(), options.maxDataLength());
    }

    /** The port it listens on (the chosen one when the options said 0). */
    public int port() {
        Channel channel = serverChannel;
        if (channel == null) {
            throw new IllegalStateException("the gateway is not listening; call start() first");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The counters since start. */
    public Hj212GatewayStats stats() {
        GatewayPublisher p = publisher;
        return counters.snapshot(p != null && p.brokerAvailable());
    }

    /** The most bytes any connection holds for an incomplete frame right now (for tests of the memory bound). */
    int largestHeldFrame() throws InterruptedException, ExecutionException {
        int largest = 0;
        for (Channel channel : channels) {
            LoggerConnection connection = channel.pipeline().get(LoggerConnection.class);
            if (connection != null) {
                largest = Math.max(largest, channel.eventLoop().submit(connection::heldFrameBytes).get());
            }
        }
        return largest;
    }

    /** Blocks until {@link #close()} has finished (e.g. from a shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops listening, closes every logger connection and the MQTT connection. Frames not yet accepted by the broker
     * are given up (their loggers got no ack, so they send them again). Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            if (serverChannel != null) {
                serverChannel.close().awaitUninterruptibly();
            }
            channels.close().awaitUninterruptibly();
            if (publisher != null) {
                publisher.close();
            }
            if (acceptor != null) {
                acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            }
            if (workers != null) {
                workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            }
            if (started) {
                LOG.info("HJ 212 gateway stopped: {}", stats());
            }
        } finally {
            closed.countDown();
        }
    }

    /** A new connection: refused beyond the maximum, else counted, tracked and given its handlers. */
    private void accept(SocketChannel channel) {
        if (counters.connectionsOpen.incrementAndGet() > options.maxConnections()) {
            counters.connectionsOpen.decrementAndGet();
            counters.connectionsRefused.increment();
            warnRefusal(channel);
            channel.close();
            return;
        }
        counters.connectionsAccepted.increment();
        channel.closeFuture().addListener(f -> counters.connectionsOpen.decrementAndGet());
        channels.add(channel);
        channel.pipeline().addLast(
                new IdleStateHandler(options.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                new LoggerConnection(services));
    }

    private void warnRefusal(SocketChannel channel) {
        long now = System.nanoTime();
        long last = lastRefusalWarnNanos;
        if (last == 0 || now - last > REFUSAL_WARN_INTERVAL_NANOS) {
            lastRefusalWarnNanos = now;
            LOG.warn("HJ 212 gateway refused a connection from {}: {} connections are open (maxConnections); "
                    + "{} refused so far", channel.remoteAddress(), options.maxConnections(), counters.connectionsRefused.sum());
        } else {
            LOG.debug("HJ 212 gateway refused a connection from {}: {} connections are open",
                    channel.remoteAddress(), options.maxConnections());
        }
    }

    /** The broker came or went: every connection re-decides whether to read (on its own event loop). */
    private void brokerAvailable(boolean available) {
        for (Channel channel : channels) {
            LoggerConnection connection = channel.pipeline().get(LoggerConnection.class);
            if (connection != null) {
                try {
                    channel.eventLoop().execute(connection::updateReading);
                } catch (RejectedExecutionException e) {
                    // shutting down
                }
            }
        }
    }
}
