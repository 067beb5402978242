package io.codara.web.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class LiveSocketTest {

    private static final byte[] MASK = {1, 2, 3, 4};
    private static final LiveSocket.Limits LIMITS = new LiveSocket.Limits(30_000, 4096, 1000, 5000);

    private final FakeTransport transport = new FakeTransport();
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();

    private LiveSocket open(LiveSocket.Limits limits) {
        LiveSocket socket = new LiveSocket("test", limits);
        socket.subscription(released::incrementAndGet);
        socket.onEnd(ended::incrementAndGet);
        return socket;
    }

    @Test
    void messagesQueuedBeforeTheUpgradeAreSentInOrderOnceAttached() {
        LiveSocket socket = open(LIMITS);
        assertThat(socket.send("one")).isTrue();
        assertThat(socket.send("two")).isTrue();
        assertThat(transport.frames()).isEmpty();
        socket.attach(transport);
        socket.send("three");
        assertThat(transport.texts()).containsExactly("one", "two", "three");
        assertThat(released).hasValue(0);
    }

    @Test
    void pingsAreAnsweredWithTheirPayloadAndClientTextIsAccepted() {
        LiveSocket socket = open(LIMITS);
        socket.attach(transport);
        socket.receive(client(true, WebSocketFrame.PING, "abc"));
        socket.receive(ByteBuffer.wrap(WebSocketCodecTest.concat(client(false, WebSocketFrame.TEXT, "hel"),
                client(true, WebSocketFrame.PING, "x"), client(true, WebSocketFrame.CONTINUATION, "lo"))));
        assertThat(transport.frames()).extracting(Frame::opcode).containsExactly(WebSocketFrame.PONG, WebSocketFrame.PONG);
        assertThat(transport.frames()).extracting(Frame::text).containsExactly("abc", "x");
        assertThat(socket.isOpen()).isTrue();
    }

    @Test
    void theClientsCloseIsEchoedThenTheConnectionClosesAndTheSubscriptionIsReleasedOnce() {
        LiveSocket socket = open(LIMITS);
        socket.attach(transport);
        socket.receive(client(true, WebSocketFrame.CLOSE, WebSocketCodec.closePayload(1000, "bye")));
        assertThat(transport.frames()).extracting(Frame::opcode).containsExactly(WebSocketFrame.CLOSE);
        assertThat(transport.frames().get(0).closeCode()).isEqualTo(1000);
        assertThat(transport.closed).isTrue();
        assertThat(socket.send("late")).isFalse();
        socket.transportClosed();
        socket.close(1000, "again");
        assertThat(released).hasValue(1);
        assertThat(ended).hasValue(1);
    }

    @Test
    void aServerCloseSendsPendingMessagesFirstAndWaitsForTheClientsClose() {
        LiveSocket socket = open(LIMITS);
        socket.attach(transport);
        socket.send("last words");
        socket.close(1000, "done");
        assertThat(released).hasValue(1);
        assertThat(transport.frames()).extracting(Frame::opcode).containsExactly(WebSocketFrame.TEXT, WebSocketFrame.CLOSE);
        assertThat(transport.closed).isFalse();
        socket.receive(client(true, WebSocketFrame.CLOSE, WebSocketCodec.closePayload(1000, "")));
        assertThat(transport.closed).isTrue();
        assertThat(transport.frames()).hasSize(2); // no second close frame
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsCutOffAfterTheWait() {
        LiveSocket socket = open(LIMITS);
        socket.attach(transport);
        socket.close(1001, "going away");
        assertThat(transport.frames().get(0).closeCode()).isEqualTo(1001);
        assertThat(transport.closed).isFalse();
        transport.runScheduled(5000);
        assertThat(transport.closed).isTrue();
        assertThat(ended).hasValue(1);
    }

    @Test
    void aSlowClientIsDisconnectedWith1013InsteadOfBufferingWithoutLimit() {
        LiveSocket socket = open(LIMITS);
        transport.holdWrites = true;
        socket.attach(transport);
        String message = "x".repeat(1000);
        int accepted = 0;
        while (socket.send(message)) {
            accepted++;
            assertThat(accepted).isLessThan(10);
        }
        assertThat(accepted).isBetween(3, 5);
        assertThat(released).hasValue(1);
        transport.holdWrites = false;
        transport.completeHeld();
        List<Frame> frames = transport.frames();
        assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(1013);
        assertThat(frames).extracting(Frame::opcode).containsOnly(WebSocketFrame.TEXT, WebSocketFrame.CLOSE);
    }

    @Test
    void anIdleClientIsPingedAndDroppedWhenItStopsAnswering() {
        LiveSocket socket = open(LIMITS);
        socket.attach(transport);
        transport.runScheduled(30_000);
        assertThat(transport.frames()).extracting(Frame::opcode).containsExactly(WebSocketFrame.PING);
        socket.receive(client(true, WebSocketFrame.PONG, ""));
        transport.runScheduled(30_000);
        assertThat(transport.frames()).extracting(Frame::opcode).containsExactly(WebSocketFrame.PING, WebSocketFrame.PING);
        assertThat(transport.closed).isFalse();
        transport.runScheduled(30_000); // no answer to the second ping
        assertThat(transport.closed).isTrue();
        assertThat(released).hasValue(1);
    }

    @Test
    void protocolErrorsCloseWithTheirCode() {
        assertClosesWith(WebSocketCodec.encode(WebSocketFrame.TEXT, "unmasked".getBytes(StandardCharsets.UTF_8)), 1002);
        assertClosesWith(client(true, WebSocketFrame.BINARY, "bin"), 1003);
        assertClosesWith(client(true, WebSocketFrame.TEXT, new byte[] {(byte) 0xc3, 0x28}), 1007);
        assertClosesWith(client(true, WebSocketFrame.CONTINUATION, "orphan"), 1002);
        assertClosesWith(ByteBuffer.wrap(WebSocketCodecTest.concat(client(false, WebSocketFrame.TEXT, "a"),
                client(true, WebSocketFrame.TEXT, "b"))), 1002);
        assertClosesWith(ByteBuffer.wrap(WebSocketCodecTest.concat(client(false, WebSocketFrame.TEXT, "a".repeat(600)),
                client(true, WebSocketFrame.CONTINUATION, "b".repeat(600)))), 1009);
        assertClosesWith(client(true, WebSocketFrame.CLOSE, WebSocketCodec.closePayload(1005, "")), 1002);
        assertClosesWith(client(true, WebSocketFrame.CLOSE, new byte[] {3}), 1002);
    }

    @Test
    void aSubscriptionArrivingAfterTheEndIsReleasedAtOnce() {
        LiveSocket socket = new LiveSocket("late", LIMITS);
        socket.attach(transport);
        socket.transportClosed();
        socket.subscription(released::incrementAndGet);
        assertThat(released).hasValue(1);
    }

    @Test
    void aHandshakeThatNeverBecameASocketReleasesItsSubscription() {
        LiveSocket socket = open(LIMITS);
        socket.send("queued");
        socket.abandonIfUnattached();
        assertThat(released).hasValue(1);
        assertThat(ended).hasValue(1);
        assertThat(socket.send("more")).isFalse();

        LiveSocket attached = new LiveSocket("attached", LIMITS);
        AtomicInteger kept = new AtomicInteger();
        attached.subscription(kept::incrementAndGet);
        attached.attach(transport);
        attached.abandonIfUnattached();
        assertThat(kept).hasValue(0);
        assertThat(attached.isOpen()).isTrue();
    }

    private void assertClosesWith(ByteBuffer wire, int code) {
        FakeTransport fake = new FakeTransport();
        AtomicInteger release = new AtomicInteger();
        LiveSocket socket = new LiveSocket("bad", LIMITS);
        socket.subscription(release::incrementAndGet);
        socket.attach(fake);
        socket.receive(wire);
        assertThat(fake.frames()).extracting(Frame::opcode).containsExactly(WebSocketFrame.CLOSE);
        assertThat(fake.frames().get(0).closeCode()).isEqualTo(code);
        assertThat(fake.closed).isTrue();
        assertThat(release).hasValue(1);
    }

    private static ByteBuffer client(boolean fin, int opcode, String text) {
        return client(fin, opcode, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer client(boolean fin, int opcode, byte[] payload) {
        return WebSocketCodec.encode(fin, opcode, payload, MASK);
    }

    /** A server frame as written. */
    record Frame(int opcode, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    /** Collects written bytes; writes complete at once unless held; a manual clock for scheduled tasks. */
    static final class FakeTransport implements LiveSocket.Transport {

        private final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        private final List<Runnable> held = new ArrayList<>();
        private final List<long[]> dueAt = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();
        private long now;
        boolean holdWrites;
        boolean closed;

        @Override
        public void write(ByteBuffer[] buffers, Runnable done, Consumer<Throwable> failed) {
            Runnable complete = () -> {
                for (ByteBuffer buffer : buffers) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    written.writeBytes(bytes);
                }
                done.run();
            };
            if (holdWrites) {
                held.add(complete);
            } else {
                complete.run();
            }
        }

        void completeHeld() {
            while (!held.isEmpty()) {
                held.remove(0).run();
            }
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public Runnable schedule(Runnable task, long millis) {
            long[] due = {now + millis};
            dueAt.add(due);
            tasks.add(task);
            return () -> due[0] = Long.MAX_VALUE;
        }

        void runScheduled(long advance) {
            now += advance;
            for (int i = 0; i < tasks.size(); i++) {
                if (dueAt.get(i)[0] <= now) {
                    dueAt.get(i)[0] = Long.MAX_VALUE;
                    tasks.get(i).run();
                }
            }
        }

        List<Frame> frames() {
            ByteBuffer in = ByteBuffer.wrap(written.toByteArray());
            List<Frame> frames = new ArrayList<>();
            while (in.hasRemaining()) {
                int opcode = in.get() & 0x0f;
                int length = in.get() & 0x7f;
                long size = length == 126 ? in.getShort() & 0xffff : length == 127 ? in.getLong() : length;
                byte[] payload = new byte[(int) size];
                in.get(payload);
                frames.add(new Frame(opcode, payload));
            }
            return frames;
        }

        List<String> texts() {
            return frames().stream().filter(f -> f.opcode() == WebSocketFrame.TEXT).map(Frame::text).toList();
        }
    }
}
