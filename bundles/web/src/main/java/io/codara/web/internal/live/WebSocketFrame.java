package io.codara.web.internal.live;

/**
 * One RFC 6455 frame, unmasked.
 *
 * @param fin whether this is the last frame of its message
 * @param opcode the frame's opcode ({@link #TEXT}, {@link #CLOSE}...)
 * @param payload the application data
 */
record WebSocketFrame(boolean fin, int opcode, byte[] payload) {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    boolean control() {
        return (opcode & 0x8) != 0;
    }
}
