package io.codara.ci.internal.docker;

/**
 * Splits the multiplexed stream of an attached exec without a TTY into its frames, as the Docker Engine API sends
 * them: an 8-byte header (the stream, 0 stdin, 1 stdout, 2 stderr; three zero bytes; the payload's size as a
 * big-endian 32-bit number) and the payload. Bytes may arrive in pieces of any size: a frame cut between two
 * {@link #feed} calls is continued at the next, its payload handed on as it arrives.
 */
final class StreamDemultiplexer {

    /** Receives payload bytes of one stream. */
    @FunctionalInterface
    interface Sink {
        void accept(int stream, byte[] bytes, int offset, int length);
    }

    private final Sink sink;
    private final byte[] header = new byte[8];
    private int headerFill;
    private int stream;
    private long remaining;

    StreamDemultiplexer(Sink sink) {
        this.sink = sink;
    }

    /** Feeds the next bytes of the stream. */
    void feed(byte[] bytes, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            if (remaining > 0) {
                int take = (int) Math.min(remaining, end - position);
                sink.accept(stream, bytes, position, take);
                position += take;
                remaining -= take;
                continue;
            }
            header[headerFill++] = bytes[position++];
            if (headerFill == header.length) {
                headerFill = 0;
                if (header[0] < 0 || header[0] > 3 || header[1] != 0 || header[2] != 0 || header[3] != 0) {
                    throw new IllegalStateException("not a multiplexed stream: frame header "
                            + java.util.HexFormat.of().formatHex(header));
                }
                stream = header[0];
                remaining = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8)
                        | (header[7] & 0xffL);
            }
        }
    }

    /** Whether the stream ended between two frames (not inside a header or payload). */
    boolean atFrameBoundary() {
        return headerFill == 0 && remaining == 0;
    }
}
