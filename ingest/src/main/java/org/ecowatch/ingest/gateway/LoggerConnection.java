package org.ecowatch.ingest.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.DeadLetterJson;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.hj212.FrameSplitter;
import org.ecowatch.ingest.hj212.Hj212Encoder;
import org.ecowatch.ingest.hj212.Hj212Frame;
import org.ecowatch.ingest.hj212.Hj212Parser;
import org.ecowatch.ingest.hj212.Hj212Reasons;
import org.ecowatch.ingest.hj212.Hj212Rejection;
import org.ecowatch.ingest.hj212.Hj212Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data logger's TCP connection. Cuts what it sends into frames (one {@link FrameSplitter}, so frames may be split
 * across reads or glued within one), checks each frame (length, CRC, syntax, MN, PW), publishes good frames to their
 * device's hj212 topic and everything else to the dead letter, and writes the 9014 ack for a frame that asks for one
 * once the broker has accepted it.
 *
 * <p>Bounded: reading stops while this connection's frames waiting for the broker exceed the per-connection limit,
 * or while the broker is unreachable; acks the client leaves unread beyond the limit close the connection. All state
 * is touched on the channel's event loop only.
 */
final class LoggerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LoggerConnection.class);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NO_BYTES = new byte[0];
    /** A client cycling through made-up MNs must not grow the set of MNs already warned about without bound. */
    private static final int MAX_WARNED_MNS = 64;

    /** What every connection of one gateway shares. */
    record Services(Hj212GatewayOptions options, Hj212Parser parser,
                    GatewayPublisher publisher, GatewayCounters counters) {}

    private final Services services;
    private final FrameSplitter splitter;
    private final byte[] chunk = new byte[4096];
    private final Set<String> warnedMns = new HashSet<>();
    private ChannelHandlerContext ctx;
    private String peer = "tcp://unknown";
    /** Bytes and messages of this connection submitted to the broker and not yet settled. */
    private long pendingBytes;
    private int pendingCount;
    private long framesReceived;

    LoggerConnection(Services services) {
        this.services = services;
        this.splitter = new FrameSplitter(services.options().maxDataLength());
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        ctx = context;
        peer = "tcp://" + describe(context.channel().remoteAddress());
        LOG.debug("HJ 212 logger connected from {}", peer);
        updateReading();
        super.channelActive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            while (buf.isReadable()) {
                int n = Math.min(buf.readableBytes(), chunk.length);
                buf.readBytes(chunk, 0, n);
                splitter.feed(chunk, 0, n, this::onItem);
            }
        } finally {
            buf.release();
        }
        updateReading();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        splitter.finish(this::onItem); // a frame cut off by the close is reported, not silently lost
        LOG.debug("HJ 212 logger {} disconnected after {} frames", peer, framesReceived);
        super.channelInactive(context);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // Silent because we stopped reading, or waiting for the broker to accept its frames: not the client's fault.
            if (pendingCount == 0 && services.publisher().brokerAvailable()) {
                services.counters().connectionsClosedIdle.increment();
                LOG.debug("HJ 212 logger {} sent nothing for {}; closing the connection", peer, services.options().idleTimeout());
                context.close();
            }
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (!context.channel().isWritable() && context.channel().isActive()) {
            services.counters().connectionsClosedUnreadAcks.increment();
            LOG.warn("HJ 212 logger {} leaves more than {} bytes of acks unread; closing the connection",
                    peer, services.options().maxBufferedBytesPerConnection());
            context.close();
        }
        super.channelWritabilityChanged(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("HJ 212 logger {}: {}; closing the connection", peer, cause.toString());
        context.close();
    }

    /** Bytes the splitter holds for an incomplete frame (tests check the memory bound). Event loop only. */
    int heldFrameBytes() {
        return splitter.bufferedBytes();
    }

    /** Reads only while the broker is there and this connection's backlog is within its limit. Event loop only. */
    void updateReading() {
        if (ctx == null) {
            return;
        }
        boolean read = ctx.channel().isActive()
                && services.publisher().brokerAvailable()
                && pendingBytes < services.options().maxBufferedBytesPerConnection();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private void onItem(Hj212Result<byte[]> item) {
        if (!item.isAccepted()) {
            // garbage, a frame over the size limit, a length that points at no CRC: the bytes were not kept
            reject(item.rejection(), NO_BYTES);
            return;
        }
        byte[] bytes = item.value();
        framesReceived++;
        Hj212Result<Hj212Frame> parsed = services.parser().parse(bytes);
        if (!parsed.isAccepted()) {
            reject(parsed.rejection(), bytes);
            return;
        }
        Hj212Frame frame = parsed.value();
        Optional<Registry.DeviceRef> owner = services.options().registry().deviceByMn(frame.mn());
        if (owner.isEmpty()) {
            warnOnce(frame.mn(), "sends frames with MN={}, which no device in the registry has; they go to the dead letter");
            reject(new Hj212Rejection(Hj212Reasons.MN_UNKNOWN, "no device in the registry has MN=" + frame.mn()), bytes);
            return;
        }
        Registry.DeviceRef device = owner.get();
        String password = device.device().hj212Password();
        if (password != null && !password.equals(frame.pw())) {
            warnOnce(frame.mn(), "sends frames with MN={} and a PW that is not the device's hj212Password; they go to the dead letter");
            // never echo the configured password
            reject(new Hj212Rejection(Hj212Reasons.PASSWORD, (frame.pw() == null ? "the frame has no PW" : "PW does not match")
                    + " the password configured for " + device.key() + " (hj212Password)"), bytes);
            return;
        }
        publishFrame(frame, device, bytes);
    }

    private void publishFrame(Hj212Frame frame, Registry.DeviceRef device, byte[] bytes) {
        String topic = TelemetryTopic.hj212Topic(services.options().topicPrefix(), device.enterprise().id(), device.device().id());
        byte[] payload = Arrays.copyOf(bytes, bytes.length + CRLF.length);
        System.arraycopy(CRLF, 0, payload, bytes.length, CRLF.length);
        byte[] ack = ackFor(frame);
        submit(topic, payload, () -> {
            services.counters().framesPublished.increment();
            if (ack != null && ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(ack)).addListener(written -> {
                    if (written.isSuccess()) {
                        services.counters().acksSent.increment();
                    }
                });
            }
        });
    }

    /** The 9014 ack to write once the broker accepted the frame, or {@code null} when none is due. */
    private byte[] ackFor(Hj212Frame frame) {
        if (!frame.ackRequested()) {
            return null;
        }
        if (frame.qn() == null) {
            LOG.debug("HJ 212 logger {} asks for an ack of a frame without QN (MN={}); an ack repeats the QN, so none is sent", peer, frame.mn());
            return null;
        }
        return Hj212Encoder.dataAck(frame);
    }

    private void reject(Hj212Rejection rejection, byte[] bytes) {
        services.counters().rejected(rejection.reason());
        LOG.debug("HJ 212 logger {}: {} ({})", peer, rejection.reason(), rejection.detail());
        DeadLetter deadLetter = new DeadLetter(peer, System.currentTimeMillis(), rejection.reason(), rejection.detail(), bytes);
        submit(services.options().topicPrefix() + "/deadletter", DeadLetterJson.toBytes(deadLetter),
                services.counters().deadLettersPublished::increment);
    }

    /** Hands a message to the broker; {@code onAccepted} runs on this connection's event loop after the PUBACK. */
    private void submit(String topic, byte[] payload, Runnable onAccepted) {
        pendingBytes += payload.length;
        pendingCount++;
        EventExecutor loop = ctx.executor();
        services.publisher().submit(new GatewayPublisher.Outbound(topic, payload, services.options().publishTimeout(),
                new GatewayPublisher.Completion() {
                    @Override
                    public void accepted() {
                        onLoop(loop, () -> {
                            settle(payload.length);
                            onAccepted.run();
                        });
                    }

                    @Override
                    public void failed(String why) {
                        services.counters().publishFailures.increment();
                        LOG.debug("HJ 212 logger {}: a message for {} was not published, so no ack: {}", peer, topic, why);
                        onLoop(loop, () -> settle(payload.length));
                    }
                }));
    }

    private void settle(int bytes) {
        pendingBytes -= bytes;
        pendingCount--;
        updateReading();
    }

    private void warnOnce(String mn, String message) {
        if (warnedMns.size() < MAX_WARNED_MNS && warnedMns.add(mn)) {
            LOG.warn("HJ 212 logger " + peer + " " + message, mn);
        }
    }

    private static void onLoop(EventExecutor loop, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the gateway is shutting down: the connection is gone and nothing is left to settle
        }
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress().getHostAddress();
            return (inet.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
