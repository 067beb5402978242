package io.codara.web.internal.live;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6455 framing: {@link #encode} writes frames (unmasked, as a server sends them, or masked as a client must),
 * and a {@link Decoder} reads the bytes of one connection as they arrive, in any split, into whole frames, checking
 * what a server must check of a client: masking, reserved bits, control frame rules and a size limit.
 */
final class WebSocketCodec {

    private WebSocketCodec() {
    }

    /** A server frame: FIN set, unmasked, with the shortest length encoding (7, 16 or 64 bits). */
    static ByteBuffer encode(int opcode, byte[] payload) {
        return encode(true, opcode, payload, null);
    }

    /** A frame; {@code mask} of 4 bytes masks the payload (clients must), {@code null} sends it as is. */
    static ByteBuffer encode(boolean fin, int opcode, byte[] payload, byte[] mask) {
        int length = payload.length;
        int header = 2 + (length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8) + (mask == null ? 0 : 4);
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) ((fin ? 0x80 : 0) | (opcode & 0x0F)));
        int maskBit = mask == null ? 0 : 0x80;
        if (length <= 125) {
            frame.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            frame.put((byte) (maskBit | 126));
            frame.putShort((short) length);
        } else {
            frame.put((byte) (maskBit | 127));
            frame.putLong(length);
        }
        if (mask == null) {
            frame.put(payload);
        } else {
            frame.put(mask);
            for (int i = 0; i < length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
        }
        return frame.flip();
    }

    /** A close frame's payload: the code, then the reason cut to fit 125 bytes on a character boundary. */
    static byte[] closePayload(int code, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, 123);
        while (length > 0 && length < text.length && (text[length] & 0xC0) == 0x80) {
            length--; // never cut a multi-byte character in two
        }
        ByteBuffer payload = ByteBuffer.allocate(2 + length);
        payload.putShort((short) code);
        payload.put(text, 0, length);
        return payload.array();
    }

    /** Strict UTF-8 decoding: a text message with bad bytes is a 1007 error. */
    static String utf8(byte[] bytes) throws WebSocketProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WebSocketProtocolException(WebSocketProtocolException.INVALID_PAYLOAD, "Text is not UTF-8");
        }
    }

    /** Whether a peer may send this close code (RFC 6455 section 7.4). */
    static boolean validCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /** Reads one connection's client frames; not thread-safe (one reader per connection). */
    static final class Decoder {

        private final int maxPayload;
        private byte[] pending = new byte[0];

        /** @param maxPayload the largest payload of a single frame accepted (1009 beyond it) */
        Decoder(int maxPayload) {
            this.maxPayload = maxPayload;
        }

        /** Consumes the readable bytes of {@code data} and answers the frames they complete, in order. */
        List<WebSocketFrame> feed(ByteBuffer data) throws WebSocketProtocolException {
            byte[] joined = Arrays.copyOf(pending, pending.length + data.remaining());
            data.get(joined, pending.length, joined.length - pending.length);
            List<WebSocketFrame> frames = new ArrayList<>();
            int offset = 0;
            while (true) {
                int used = parse(joined, offset, frames);
                if (used == 0) {
                    break;
                }
                offset += used;
            }
            pending = Arrays.copyOfRange(joined, offset, joined.length);
            return frames;
        }

        /** Parses one frame at {@code offset}; answers the bytes it used, 0 when the frame is not complete yet. */
        private int parse(byte[] in, int offset, List<WebSocketFrame> out) throws WebSocketProtocolException {
            int available = in.length - offset;
            if (available < 2) {
                return 0;
            }
            int first = in[offset] & 0xFF;
            int second = in[offset + 1] & 0xFF;
            boolean fin = (first & 0x80) != 0;
            if ((first & 0x70) != 0) {
                throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Reserved bits set");
            }
            int opcode = first & 0x0F;
            if (opcode != WebSocketFrame.CONTINUATION && opcode != WebSocketFrame.TEXT && opcode != WebSocketFrame.BINARY
                    && opcode != WebSocketFrame.CLOSE && opcode != WebSocketFrame.PING && opcode != WebSocketFrame.PONG) {
                throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Unknown opcode " + opcode);
            }
            if ((second & 0x80) == 0) {
                throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Client frames must be masked");
            }
            long length = second & 0x7F;
            int header = 2;
            if (length == 126) {
                if (available < 4) {
                    return 0;
                }
                length = ((in[offset + 2] & 0xFF) << 8) | (in[offset + 3] & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (available < 10) {
                    return 0;
                }
                length = ByteBuffer.wrap(in, offset + 2, 8).getLong();
                header = 10;
                if (length < 0) {
                    throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR, "Negative length");
                }
            }
            boolean control = (opcode & 0x8) != 0;
            if (control && (length > 125 || !fin)) {
                throw new WebSocketProtocolException(WebSocketProtocolException.PROTOCOL_ERROR,
                        "Control frames are unfragmented and at most 125 bytes");
            }
            if (length > maxPayload) {
                throw new WebSocketProtocolException(WebSocketProtocolException.MESSAGE_TOO_BIG, "Frame too big");
            }
            int total = header + 4 + (int) length;
            if (available < total) {
                return 0;
            }
            int maskAt = offset + header;
            byte[] payload = new byte[(int) length];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (in[maskAt + 4 + i] ^ in[maskAt + (i & 3)]);
            }
            out.add(new WebSocketFrame(fin, opcode, payload));
            return total;
        }
    }
}
