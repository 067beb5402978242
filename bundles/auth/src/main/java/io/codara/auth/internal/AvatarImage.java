package io.codara.auth.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

/**
 * Turns an uploaded picture into the PNG Codara serves: only PNG, JPEG or GIF, bounded in bytes and in pixels
 * (checked before decoding), scaled down to avatar size and re-encoded, which also drops every bit of metadata.
 */
final class AvatarImage {

    static final int MAX_UPLOAD_BYTES = 1024 * 1024;
    static final int MAX_DIMENSION = 4096;
    static final int MAX_AVATAR_SIZE = 460;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};

    private AvatarImage() {
    }

    /** The upload as a PNG of at most {@value #MAX_AVATAR_SIZE} pixels a side; 422 for anything else. */
    static byte[] normalize(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw invalid("image is empty");
        }
        if (upload.length > MAX_UPLOAD_BYTES) {
            throw invalid("image is larger than 1 MiB");
        }
        // The format is decided from the bytes, never by asking every installed decoder to have a go.
        String format = startsWith(upload, PNG) ? "png"
                : startsWith(upload, JPEG) ? "jpeg"
                : startsWith(upload, GIF87) || startsWith(upload, GIF89) ? "gif"
                : null;
        if (format == null) {
            throw invalid("image must be a PNG, JPEG or GIF");
        }
        return png(scaleDown(decode(upload, format)));
    }

    /** Encodes an image as PNG, in memory. */
    static byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Memory-cached streams: ImageIO's defaults would spill to temporary files.
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a PNG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage decode(byte[] upload, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("The Java runtime has no " + format + " decoder");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            // Only the header is read here: a small file can claim a huge image, and decoding it would exhaust memory.
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw invalid("image has no pixels");
            }
            if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
                throw invalid("image is " + width + "x" + height + " pixels; the maximum is "
                        + MAX_DIMENSION + "x" + MAX_DIMENSION);
            }
            return reader.read(0);
        } catch (ApiException refused) {
            throw refused;
        } catch (IOException | RuntimeException e) {
            // Corrupt or truncated files surface as IIOException or as assorted unchecked exceptions from decoders.
            throw invalid("image could not be decoded as " + format.toUpperCase(Locale.ROOT));
        } finally {
            reader.dispose();
        }
    }

    /** Scales to fit {@value #MAX_AVATAR_SIZE} pixels, keeping the aspect, and always into plain RGB or ARGB pixels. */
    private static BufferedImage scaleDown(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        double factor = Math.min(1.0, (double) MAX_AVATAR_SIZE / Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * factor));
        int targetHeight = Math.max(1, (int) Math.round(height * factor));
        BufferedImage current = image;
        // Halving step by step before the last step keeps bilinear filtering from skipping pixels (aliasing).
        do {
            int nextWidth = Math.max(targetWidth, current.getWidth() / 2);
            int nextHeight = Math.max(targetHeight, current.getHeight() / 2);
            if (current.getWidth() <= 2 * targetWidth && current.getHeight() <= 2 * targetHeight) {
                nextWidth = targetWidth;
                nextHeight = targetHeight;
            }
            current = draw(current, nextWidth, nextHeight);
        } while (current.getWidth() != targetWidth || current.getHeight() != targetHeight);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        // Opaque pictures (every JPEG) stay without an alpha channel, which keeps their PNG smaller.
        BufferedImage target = new BufferedImage(width, height,
                source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static ApiException invalid(String message) {
        return ApiException.validation(List.of(new ApiError.FieldError("Avatar", "image", "invalid", message)));
    }
}
