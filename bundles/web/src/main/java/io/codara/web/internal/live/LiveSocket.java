package io.codara.web.internal.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.codara.api.live.LiveSink;
import io.codara.api.live.LiveSubscription;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live socket after the handshake, independent of the HTTP server: queues the channel's messages (bounded: a
 * client that cannot keep up is disconnected with 1013), answers pings, pings an idle client and drops one that
 * stops answering, and runs the closing handshake. The channel's subscription is released exactly once, whichever
 * side ends the socket.
 */
final class LiveSocket implements LiveSink {

    /** What carries the bytes: Jetty's upgraded connection in production, a fake in tests. */
    interface Transport {

        /** Writes the buffers in order; calls {@code done} or {@code failed} once, maybe on this thread. */
        void write(ByteBuffer[] buffers, Runnable done, java.util.function.Consumer<Throwable> failed);

        /** Closes the connection at once. */
        void close();

        /** Runs {@code task} after {@code millis} on a shared scheduler; answers how to cancel it. */
        Runnable schedule(Runnable task, long millis);
    }

    /** The limits of one socket. */
    record Limits(long pingMillis, long queueBytes, int maxMessageBytes, long closeWaitMillis) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);

    private final String name;
    private final Limits limits;
    private final WebSocketCodec.Decoder decoder;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    private final java.io.ByteArrayOutputStream fragments = new java.io.ByteArrayOutputStream();
    private int fragmentedOpcode = -1;
    private Transport transport;
    private LiveSubscription subscription;
    private boolean writing;
    private long queuedBytes;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean ended;
    private boolean inboundSincePing = true;
    private Runnable cancelTimer = () -> { };
    private Runnable onEnd = () -> { };

    LiveSocket(String name, Limits limits) {
        this.name = name;
        this.limits = limits;
        this.decoder = new WebSocketCodec.Decoder(limits.maxMessageBytes());
    }

    /** The channel's subscription, released when the socket ends (at once if it already has). */
    void subscription(LiveSubscription subscription) {
        boolean release;
        synchronized (this) {
            this.subscription = subscription;
            release = ended;
        }
        if (release) {
            release();
        }
    }

    /** Called once when the socket has ended, after the subscription is released. */
    synchronized void onEnd(Runnable onEnd) {
        this.onEnd = onEnd;
    }

    /** The connection is upgraded: send what was queued and start the ping timer. */
    void attach(Transport transport) {
        synchronized (this) {
            this.transport = transport;
            if (ended) {
                transport.close();
                return;
            }
        }
        schedulePing();
        flush();
    }

    /**
     * Ends a socket whose connection was never switched over (the client left before the 101 was written, say), so
     * that its subscription does not wait for ever.
     */
    void abandonIfUnattached() {
        synchronized (this) {
            if (transport != null || ended) {
                return;
            }
        }
        LOG.debug("Live socket {}: the connection was never upgraded", name);
        end();
    }

    @Override
    public boolean send(String text) {
        ByteBuffer frame = WebSocketCodec.encode(WebSocketFrame.TEXT, text.getBytes(StandardCharsets.UTF_8));
        boolean tooSlow;
        synchronized (this) {
            if (closeSent || ended) {
                return false;
            }
            tooSlow = queuedBytes + frame.remaining() > limits.queueBytes();
            if (tooSlow) {
                LOG.info("Live socket {}: the client reads too slowly ({} bytes queued); closing it", name, queuedBytes);
                queue.clear();
                queuedBytes = 0;
                queueClose(TRY_AGAIN_LATER, "Client too slow");
            } else {
                queue.addLast(frame);
                queuedBytes += frame.remaining();
            }
        }
        if (tooSlow) {
            release();
        }
        flush();
        return !tooSlow && isOpen();
    }

    @Override
    public void close(int code, String reason) {
        synchronized (this) {
            if (closeSent || ended) {
                return;
            }
            queueClose(code, reason);
        }
        release();
        flush();
    }

    @Override
    public synchronized boolean isOpen() {
        return !closeSent && !ended;
    }

    /** Bytes from the client. */
    void receive(ByteBuffer data) {
        List<WebSocketFrame> frames;
        try {
            frames = decoder.feed(data);
        } catch (WebSocketProtocolException e) {
            fail(e);
            return;
        }
        synchronized (this) {
            inboundSincePing = true;
        }
        for (WebSocketFrame frame : frames) {
            try {
                handle(frame);
            } catch (WebSocketProtocolException e) {
                fail(e);
                return;
            }
        }
    }

    private void handle(WebSocketFrame frame) throws WebSocketProtocolException {
        switch (frame.opcode()) {
            case WebSocketFrame.PING -> {
                synchronized (this) {
                    if (!closeSent) {
                        // Control frames may go between the frames of a message, but never inside one: whole
                        // frames are queued, so a pong can jump the queue.
                        queue.addFirst(WebSocketCodec.encode(WebSocketFrame.PONG, frame.payload()));
                    }
                }
                flush();
            }
            case WebSocketFrame.PONG -> {
                // Any inbound byte already counts as a sign of life.
            }
            case WebSocketFrame.CLOSE -> closeFromClient(frame.payload());
            case WebSocketFrame.TEXT, WebSocketFrame.BINARY -> {
                if (fragmentedOpcode >= 0) {
                    throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR,
                            "A new message began before the last one ended");
                }
                fragmentedOpcode = frame.opcode();
                fragments.reset();
                append(frame);
            }
            case WebSocketFrame.CONTINUATION -> {
                if (fragmentedOpcode < 0) {
                    throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR,
                            "Continuation frame without a message");
                }
                append(frame);
            }
            default -> throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Unknown opcode");
        }
    }

    /** Collects a message's fragments; a complete message is checked and otherwise ignored (streams are read-only). */
    private void append(WebSocketFrame frame) throws WebSocketProtocolException {
        if (fragments.size() + frame.payload().length > limits.maxMessageBytes()) {
            throw new WebSocketProtocolException(WebSocketProtocolException.MESSAGE_TOO_BIG, "Message too big");
        }
        fragments.writeBytes(frame.payload());
        if (!frame.fin()) {
            return;
        }
        int opcode = fragmentedOpcode;
        fragmentedOpcode = -1;
        if (opcode == WebSocketFrame.BINARY) {
            throw new WebSocketProtocolException(WebSocketProtocolException.UNSUPPORTED_DATA,
                    "This stream accepts no binary messages");
        }
        WebSocketCodec.utf8(fragments.toByteArray());
        fragments.reset();
    }

    private void closeFromClient(byte[] payload) throws WebSocketProtocolException {
        int code = NORMAL;
        if (payload.length == 1) {
            throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Bad close frame");
        }
        if (payload.length >= 2) {
            code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            if (!WebSocketCodec.validCloseCode(code)) {
                throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Bad close code " + code);
            }
            WebSocketCodec.utf8(java.util.Arrays.copyOfRange(payload, 2, payload.length));
        }
        boolean closeNow;
        synchronized (this) {
            closeReceived = true;
            if (!closeSent) {
                queue.clear(); // the client is leaving: what was not sent yet is not wanted
                queuedBytes = 0;
                queueClose(code, "");
            }
            closeNow = !writing && queue.isEmpty();
        }
        release();
        if (closeNow) {
            end();
        } else {
            flush();
        }
    }

    private void fail(WebSocketProtocolException e) {
        LOG.debug("Live socket {}: {} ({})", name, e.getMessage(), e.code());
        synchronized (this) {
            if (!closeSent) {
                queue.clear();
                queuedBytes = 0;
                queueClose(e.code(), e.getMessage());
            }
            closeReceived = true; // read no further: the stream of frames can no longer be trusted
        }
        release();
        flush();
    }

    /** Queues the close frame last; after it is written the socket waits a little for the client's close. */
    private void queueClose(int code, String reason) {
        closeSent = true;
        queue.addLast(WebSocketCodec.encode(WebSocketFrame.CLOSE, WebSocketCodec.closePayload(code, reason)));
    }

    private void flush() {
        ByteBuffer[] batch;
        Transport target;
        synchronized (this) {
            if (writing || transport == null || queue.isEmpty() || ended) {
                return;
            }
            batch = queue.toArray(ByteBuffer[]::new);
            queue.clear();
            writing = true;
            target = transport;
        }
        long size = 0;
        for (ByteBuffer buffer : batch) {
            size += buffer.remaining();
        }
        long written = size;
        target.write(batch, () -> written(written), this::writeFailed);
    }

    private void written(long bytes) {
        boolean closeNow;
        boolean waitForClient;
        Transport target;
        synchronized (this) {
            target = transport;
            writing = false;
            queuedBytes = Math.max(0, queuedBytes - bytes);
            boolean drained = queue.isEmpty();
            closeNow = closeSent && closeReceived && drained;
            waitForClient = closeSent && !closeReceived && drained;
        }
        if (closeNow) {
            end();
        } else if (waitForClient) {
            target.schedule(this::end, limits.closeWaitMillis());
        } else {
            flush();
        }
    }

    private void writeFailed(Throwable cause) {
        LOG.debug("Live socket {}: write failed: {}", name, cause.toString());
        end();
    }

    /** The connection is gone (closed by either side, or failed). */
    void transportClosed() {
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        end();
    }

    private void end() {
        Transport target;
        Runnable cancel;
        Runnable ending;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            queue.clear();
            target = transport;
            cancel = cancelTimer;
            ending = onEnd;
        }
        cancel.run();
        if (target != null) {
            target.close();
        }
        release();
        ending.run();
    }

    private void release() {
        LiveSubscription toRelease;
        synchronized (this) {
            toRelease = subscription;
            if (toRelease == null) {
                return; // released when it arrives, if the socket has ended by then
            }
        }
        if (released.compareAndSet(false, true)) {
            try {
                toRelease.close();
            } catch (RuntimeException e) {
                LOG.warn("Live socket {}: releasing its subscription failed", name, e);
            }
        }
    }

    private void schedulePing() {
        Transport target;
        synchronized (this) {
            if (ended || closeSent) {
                return;
            }
            target = transport;
        }
        Runnable cancel = target.schedule(this::ping, limits.pingMillis());
        synchronized (this) {
            cancelTimer = cancel;
        }
    }

    /** Every ping interval: a client silent since the last ping is gone; else ping it again. */
    private void ping() {
        boolean alive;
        synchronized (this) {
            if (ended || closeSent) {
                return;
            }
            alive = inboundSincePing;
            inboundSincePing = false;
            if (alive) {
                queue.addFirst(WebSocketCodec.encode(WebSocketFrame.PING, new byte[0]));
            }
        }
        if (!alive) {
            LOG.debug("Live socket {}: no answer to the last ping; closing it", name);
            end();
            return;
        }
        flush();
        schedulePing();
    }

    @Override
    public String toString() {
        return "LiveSocket[" + name + "]";
    }
}
