package io.codara.ci.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StreamDemultiplexerTest {

    /** A frame as the engine sends it. */
    static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[8 + payload.length];
        frame[0] = (byte) stream;
        frame[4] = (byte) (payload.length >>> 24);
        frame[5] = (byte) (payload.length >>> 16);
        frame[6] = (byte) (payload.length >>> 8);
        frame[7] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 8, payload.length);
        return frame;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void splitsFramesIntoTheirStreamsWhateverPiecesTheBytesArriveIn() {
        byte[] stream = concat(frame(1, "out 1\n"), frame(2, "err 1\n"), frame(1, ""), frame(1, "out 2\n"),
                frame(2, "x".repeat(70_000)));
        for (int piece : new int[] {1, 3, 7, 8, 9, 13, 4096, stream.length}) {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            List<Integer> order = new ArrayList<>();
            StreamDemultiplexer demultiplexer = new StreamDemultiplexer((s, bytes, offset, length) -> {
                String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
                (s == 1 ? out : err).append(text);
                if (order.isEmpty() || order.get(order.size() - 1) != s) {
                    order.add(s);
                }
            });
            for (int i = 0; i < stream.length; i += piece) {
                demultiplexer.feed(stream, i, Math.min(piece, stream.length - i));
            }
            assertThat(out.toString()).as("piece %d", piece).isEqualTo("out 1\nout 2\n");
            assertThat(err.toString()).as("piece %d", piece).isEqualTo("err 1\n" + "x".repeat(70_000));
            assertThat(order).as("piece %d", piece).containsExactly(1, 2, 1, 2);
            assertThat(demultiplexer.atFrameBoundary()).isTrue();
        }
    }

    @Test
    void knowsWhenTheStreamEndsInsideAFrameAndRejectsARawStream() {
        StreamDemultiplexer demultiplexer = new StreamDemultiplexer((s, bytes, offset, length) -> { });
        byte[] frame = frame(1, "hello");
        demultiplexer.feed(frame, 0, 10);
        assertThat(demultiplexer.atFrameBoundary()).isFalse();
        demultiplexer.feed(frame, 10, frame.length - 10);
        assertThat(demultiplexer.atFrameBoundary()).isTrue();

        byte[] raw = "hello world, no frames\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new StreamDemultiplexer((s, b, o, l) -> { }).feed(raw, 0, raw.length))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a multiplexed stream");
    }
}
