package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.Test;

class AvatarImageTest {

    @Test
    void scalesALargeJpegDownKeepingItsAspect() throws Exception {
        byte[] png = AvatarImage.normalize(encode(picture(800, 600, BufferedImage.TYPE_INT_RGB), "jpeg"));

        BufferedImage result = decodePng(png);
        assertThat(result.getWidth()).isEqualTo(460);
        assertThat(result.getHeight()).isEqualTo(345);
    }

    @Test
    void keepsASmallPngsSizeAndTransparency() throws Exception {
        BufferedImage picture = picture(100, 50, BufferedImage.TYPE_INT_ARGB);
        picture.setRGB(0, 0, 0x00000000);

        BufferedImage result = decodePng(AvatarImage.normalize(encode(picture, "png")));

        assertThat(result.getWidth()).isEqualTo(100);
        assertThat(result.getHeight()).isEqualTo(50);
        assertThat(result.getRGB(0, 0) >>> 24).isZero();
        assertThat(result.getRGB(50, 25)).isEqualTo(picture.getRGB(50, 25));
    }

    @Test
    void acceptsGifAndTallImages() throws Exception {
        BufferedImage result = decodePng(AvatarImage.normalize(encode(picture(300, 1200, BufferedImage.TYPE_INT_RGB),
                "gif")));

        assertThat(result.getWidth()).isEqualTo(115);
        assertThat(result.getHeight()).isEqualTo(460);
    }

    @Test
    void dropsMetadata() throws Exception {
        byte[] withText = withChunk(encode(picture(10, 10, BufferedImage.TYPE_INT_RGB), "png"), "tEXt",
                "Comment\0taken at 52.52N 13.40E".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(decodePng(withText).getWidth()).isEqualTo(10);

        byte[] png = AvatarImage.normalize(withText);

        assertThat(new String(png, StandardCharsets.ISO_8859_1)).doesNotContain("tEXt").doesNotContain("52.52N");
    }

    @Test
    void rejectsWhatIsNotAPicture() {
        assertRefused("just some text".getBytes(StandardCharsets.UTF_8), "PNG, JPEG or GIF");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "PNG, JPEG or GIF");
        assertRefused(new byte[0], "empty");
        assertRefused(null, "empty");
    }

    @Test
    void rejectsOtherFormatsThatImageIoCouldDecode() throws Exception {
        assertRefused(encode(picture(10, 10, BufferedImage.TYPE_INT_RGB), "bmp"), "PNG, JPEG or GIF");
    }

    @Test
    void rejectsCorruptFiles() throws Exception {
        byte[] png = encode(picture(200, 200, BufferedImage.TYPE_INT_RGB), "png");

        assertRefused(Arrays.copyOf(png, 60), "could not be decoded as PNG");
        assertRefused(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2}, "could not be decoded as JPEG");
    }

    @Test
    void rejectsAHugeImageFromItsHeaderWithoutDecodingIt() {
        // A header claiming 5000x5000 pixels followed by no pixel data at all: decoding would fail differently, so
        // this message shows the size was refused from the header alone.
        byte[] header = ByteBuffer.allocate(13).putInt(5000).putInt(5000).put((byte) 8).put((byte) 6).put((byte) 0)
                .put((byte) 0).put((byte) 0).array();
        byte[] bomb = withChunk(withChunk(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, "IHDR",
                header), "IEND", new byte[0]);

        assertRefused(bomb, "5000x5000", "maximum is 4096x4096");
    }

    @Test
    void acceptsUpTo4096PixelsASide() throws Exception {
        assertRefused(encode(picture(4097, 1, BufferedImage.TYPE_INT_RGB), "png"), "4097x1");

        BufferedImage result = decodePng(AvatarImage.normalize(encode(picture(4096, 2, BufferedImage.TYPE_INT_RGB),
                "png")));
        assertThat(result.getWidth()).isEqualTo(460);
        assertThat(result.getHeight()).isEqualTo(1);
    }

    @Test
    void rejectsUploadsOver1MiB() throws Exception {
        byte[] png = encode(picture(10, 10, BufferedImage.TYPE_INT_RGB), "png");
        byte[] padded = Arrays.copyOf(png, AvatarImage.MAX_UPLOAD_BYTES + 1);

        assertRefused(padded, "larger than 1 MiB");
        // Trailing bytes after IEND are harmless: exactly 1 MiB passes the size check and decodes.
        assertThat(decodePng(AvatarImage.normalize(Arrays.copyOf(png, AvatarImage.MAX_UPLOAD_BYTES))).getWidth())
                .isEqualTo(10);
    }

    /** A picture with some structure, so that scaling and encoding have real work to do. */
    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xff000000 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as("ImageIO writes " + format).isTrue();
        return out.toByteArray();
    }

    private static BufferedImage decodePng(byte[] png) throws Exception {
        assertThat(Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** {@code png} with one more chunk: after IHDR when it has one, else appended. */
    private static byte[] withChunk(byte[] png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] chunk = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
        int at = png.length > 8 + 25 && new String(png, 12, 4, StandardCharsets.US_ASCII).equals("IHDR") ? 8 + 25
                : png.length;
        byte[] result = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, result, 0, at);
        System.arraycopy(chunk, 0, result, at, chunk.length);
        System.arraycopy(png, at, result, at + chunk.length, png.length - at);
        return result;
    }

    private static void assertRefused(byte[] upload, String... messageParts) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> AvatarImage.normalize(upload));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error).extracting(ApiError.FieldError::resource, ApiError.FieldError::field,
                    ApiError.FieldError::code).containsExactly("Avatar", "image", "invalid");
            assertThat(error.message()).contains(messageParts);
        });
    }
}
