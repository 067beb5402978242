package io.codara.web.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebSocketCodecTest {

    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    @Test
    void serverFramesUseTheShortestLengthEncoding() {
        assertThat(header(WebSocketCodec.encode(WebSocketFrame.TEXT, new byte[0]), 2)).containsExactly(0x81, 0x00);
        assertThat(header(WebSocketCodec.encode(WebSocketFrame.TEXT, new byte[125]), 2)).containsExactly(0x81, 125);
        assertThat(header(WebSocketCodec.encode(WebSocketFrame.TEXT, new byte[126]), 4)).containsExactly(0x81, 126, 0, 126);
        assertThat(header(WebSocketCodec.encode(WebSocketFrame.BINARY, new byte[65535]), 4)).containsExactly(0x82, 126, 0xff, 0xff);
        ByteBuffer large = WebSocketCodec.encode(WebSocketFrame.TEXT, new byte[65536]);
        assertThat(header(large, 10)).containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThat(large.remaining()).isEqualTo(10 + 65536);
        assertThat(header(WebSocketCodec.encode(WebSocketFrame.PING, new byte[0]), 2)).containsExactly(0x89, 0);
    }

    @Test
    void theRfcsMaskedHelloDecodes() throws Exception {
        // RFC 6455 section 5.7: a single-frame masked text message containing "Hello".
        byte[] wire = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        List<WebSocketFrame> frames = new WebSocketCodec.Decoder(1024).feed(ByteBuffer.wrap(wire));
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).fin()).isTrue();
        assertThat(frames.get(0).opcode()).isEqualTo(WebSocketFrame.TEXT);
        assertThat(new String(frames.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
        assertThat(WebSocketCodec.encode(true, WebSocketFrame.TEXT, "Hello".getBytes(StandardCharsets.UTF_8), MASK))
                .isEqualTo(ByteBuffer.wrap(wire));
    }

    @Test
    void framesSplitAtEveryByteAndRunTogetherDecodeAlike() throws Exception {
        for (int size : new int[] {0, 1, 125, 126, 1000, 65535, 65536, 70000}) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (i * 31);
            }
            ByteBuffer one = WebSocketCodec.encode(false, WebSocketFrame.BINARY, payload, MASK);
            ByteBuffer two = WebSocketCodec.encode(true, WebSocketFrame.CONTINUATION, new byte[] {1, 2, 3}, MASK);
            ByteBuffer ping = WebSocketCodec.encode(true, WebSocketFrame.PING, new byte[] {9}, MASK);
            byte[] wire = concat(one, ping, two);

            WebSocketCodec.Decoder decoder = new WebSocketCodec.Decoder(100_000);
            List<WebSocketFrame> frames = new ArrayList<>();
            int step = size < 2000 ? 1 : 997;
            for (int i = 0; i < wire.length; i += step) {
                frames.addAll(decoder.feed(ByteBuffer.wrap(wire, i, Math.min(step, wire.length - i))));
            }
            assertThat(frames).extracting(WebSocketFrame::opcode)
                    .containsExactly(WebSocketFrame.BINARY, WebSocketFrame.PING, WebSocketFrame.CONTINUATION);
            assertThat(frames.get(0).fin()).isFalse();
            assertThat(frames.get(0).payload()).isEqualTo(payload);
            assertThat(frames.get(1).payload()).containsExactly(9);
            assertThat(frames.get(2).payload()).containsExactly(1, 2, 3);

            assertThat(new WebSocketCodec.Decoder(100_000).feed(ByteBuffer.wrap(wire))).hasSize(3);
        }
    }

    @Test
    void whatAServerMustRefuseIsRefusedWithItsCloseCode() {
        assertRefused(WebSocketCodec.encode(WebSocketFrame.TEXT, new byte[] {1}), 1002, "masked");
        ByteBuffer reserved = WebSocketCodec.encode(true, WebSocketFrame.TEXT, new byte[] {1}, MASK);
        reserved.put(0, (byte) (reserved.get(0) | 0x40));
        assertRefused(reserved, 1002, "Reserved");
        assertRefused(WebSocketCodec.encode(true, 0x3, new byte[0], MASK), 1002, "opcode");
        assertRefused(WebSocketCodec.encode(true, WebSocketFrame.PING, new byte[126], MASK), 1002, "Control");
        assertRefused(WebSocketCodec.encode(false, WebSocketFrame.PONG, new byte[1], MASK), 1002, "Control");
        assertRefused(WebSocketCodec.encode(true, WebSocketFrame.TEXT, new byte[2000], MASK), 1009, "too big");
        // A length announced beyond the limit is refused before its bytes arrive.
        ByteBuffer huge = WebSocketCodec.encode(true, WebSocketFrame.TEXT, new byte[70000], MASK);
        huge.limit(14);
        assertRefused(huge, 1009, "too big");
    }

    @Test
    void closePayloadsCarryTheCodeAndAReasonCutOnACharacterBoundary() {
        assertThat(WebSocketCodec.closePayload(1000, "")).containsExactly(0x03, 0xe8);
        byte[] payload = WebSocketCodec.closePayload(1013, "é".repeat(100));
        assertThat(payload.length).isLessThanOrEqualTo(125);
        assertThat(payload.length % 2).isZero(); // 2 code bytes + whole two-byte characters
        assertThat(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)).isEqualTo("é".repeat(61));
        assertThat(WebSocketCodec.validCloseCode(1000)).isTrue();
        assertThat(WebSocketCodec.validCloseCode(1005)).isFalse();
        assertThat(WebSocketCodec.validCloseCode(1006)).isFalse();
        assertThat(WebSocketCodec.validCloseCode(999)).isFalse();
        assertThat(WebSocketCodec.validCloseCode(4000)).isTrue();
    }

    @Test
    void textMustBeUtf8() throws Exception {
        assertThat(WebSocketCodec.utf8("héllo €".getBytes(StandardCharsets.UTF_8))).isEqualTo("héllo €");
        assertThatThrownBy(() -> WebSocketCodec.utf8(new byte[] {(byte) 0xc3, 0x28}))
                .isInstanceOf(WebSocketProtocolException.class)
                .satisfies(e -> assertThat(((WebSocketProtocolException) e).code()).isEqualTo(1007));
    }

    private static void assertRefused(ByteBuffer wire, int code, String message) {
        assertThatThrownBy(() -> new WebSocketCodec.Decoder(1024).feed(wire))
                .isInstanceOf(WebSocketProtocolException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((WebSocketProtocolException) e).code()).isEqualTo(code));
    }

    private static int[] header(ByteBuffer frame, int length) {
        int[] bytes = new int[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = frame.get(frame.position() + i) & 0xff;
        }
        return bytes;
    }

    static byte[] concat(ByteBuffer... buffers) {
        int total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer buffer : buffers) {
            joined.put(buffer.duplicate());
        }
        return joined.array();
    }
}
