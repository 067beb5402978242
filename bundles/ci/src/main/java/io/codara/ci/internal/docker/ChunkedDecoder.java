package io.codara.ci.internal.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an HTTP/1.1 body in chunked transfer coding ({@code <hex size>[;ext]\r\n<data>\r\n ... 0\r\n\r\n}) fed in
 * pieces of any size; the data goes to a sink as it arrives.
 */
final class ChunkedDecoder {

    /** Receives decoded body bytes. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] bytes, int offset, int length);
    }

    private enum State { SIZE, DATA, DATA_END, TRAILER, DONE }

    private final Sink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.SIZE;
    private long remaining;

    ChunkedDecoder(Sink sink) {
        this.sink = sink;
    }

    /** Feeds the next bytes of the body; bytes after the last chunk are ignored. */
    void feed(byte[] bytes, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position < end && state != State.DONE) {
            switch (state) {
                case DATA -> {
                    int take = (int) Math.min(remaining, end - position);
                    sink.accept(bytes, position, take);
                    position += take;
                    remaining -= take;
                    if (remaining == 0) {
                        state = State.DATA_END;
                    }
                }
                default -> {
                    byte b = bytes[position++];
                    if (b != '\n') {
                        if (line.size() > 4096) {
                            throw new IllegalStateException("chunked body: line too long");
                        }
                        line.write(b);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.US_ASCII).strip();
                    line.reset();
                    lineEnded(text);
                }
            }
        }
    }

    private void lineEnded(String text) {
        switch (state) {
            case SIZE -> {
                int semicolon = text.indexOf(';');
                String size = semicolon < 0 ? text : text.substring(0, semicolon).strip();
                try {
                    remaining = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("chunked body: bad chunk size '" + text + "'");
                }
                if (remaining < 0) {
                    throw new IllegalStateException("chunked body: bad chunk size '" + text + "'");
                }
                state = remaining == 0 ? State.TRAILER : State.DATA;
            }
            case DATA_END -> {
                if (!text.isEmpty()) {
                    throw new IllegalStateException("chunked body: expected CRLF after a chunk, found '" + text + "'");
                }
                state = State.SIZE;
            }
            case TRAILER -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException("chunked body: unexpected state " + state);
        }
    }

    /** Whether the last chunk and the trailer have been read. */
    boolean done() {
        return state == State.DONE;
    }
}
