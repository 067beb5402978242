package io.codara.ci.internal.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ChunkedDecoderTest {

    @Test
    void decodesChunksWithExtensionsAndATrailerFedInAnyPieces() {
        byte[] body = ("5\r\nhello\r\n1;name=value\r\n,\r\n" + "10\r\n" + " world, chunked!" + "\r\n"
                + "0\r\nX-Trailer: yes\r\n\r\nIGNORED").getBytes(StandardCharsets.US_ASCII);
        for (int piece = 1; piece <= body.length; piece++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChunkedDecoder decoder = new ChunkedDecoder(out::write);
            for (int i = 0; i < body.length; i += piece) {
                decoder.feed(body, i, Math.min(piece, body.length - i));
            }
            assertThat(out.toString(StandardCharsets.US_ASCII)).as("piece %d", piece)
                    .isEqualTo("hello, world, chunked!");
            assertThat(decoder.done()).isTrue();
        }
    }

    @Test
    void isNotDoneBeforeTheLastChunkAndRejectsABadSize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkedDecoder decoder = new ChunkedDecoder(out::write);
        byte[] part = "3\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII);
        decoder.feed(part, 0, part.length);
        assertThat(decoder.done()).isFalse();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("abc");

        byte[] bad = "zz\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ChunkedDecoder(out::write).feed(bad, 0, bad.length))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bad chunk size 'zz'");
    }
}
