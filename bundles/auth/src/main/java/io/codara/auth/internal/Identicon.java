package io.codara.auth.internal;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The picture of an account without an uploaded avatar: like GitHub's identicons, a 5x5 grid mirrored left to
 * right, its pattern and colour derived from the login so that it never changes and needs no storage.
 */
final class Identicon {

    static final int SIZE = 420;
    static final int GRID = 5;
    /** GitHub's proportions: a 35 pixel margin around 5 cells of 70 pixels. */
    static final int MARGIN = 35;
    static final int CELL = (SIZE - 2 * MARGIN) / GRID;
    static final int BACKGROUND = 0xf0f0f0;

    private Identicon() {
    }

    /** The identicon of {@code login} (case does not matter, as for logins), as PNG. */
    static byte[] png(String login) {
        return AvatarImage.png(image(login));
    }

    static BufferedImage image(String login) {
        byte[] hash = sha256(login.toLowerCase(Locale.ROOT));
        int colour = colour(hash);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                image.setRGB(x, y, BACKGROUND);
            }
        }
        int half = (GRID + 1) / 2;
        boolean blank = true;
        for (int row = 0; row < GRID; row++) {
            for (int column = 0; column < half; column++) {
                int bit = row * half + column;
                if (((hash[bit / 8] >> (bit % 8)) & 1) == 1) {
                    fill(image, row, column, colour);
                    fill(image, row, GRID - 1 - column, colour);
                    blank = false;
                }
            }
        }
        if (blank) {
            // One login in 32768 draws no cell at all; a lone centre cell still shows its colour.
            fill(image, GRID / 2, GRID / 2, colour);
        }
        return image;
    }

    /** A hue from the hash with saturation and brightness kept in a range that reads well on the light background. */
    private static int colour(byte[] hash) {
        float hue = (((hash[28] & 0xff) << 8) | (hash[29] & 0xff)) / 65536f;
        float saturation = 0.45f + (hash[30] & 0xff) / 255f * 0.20f;
        float brightness = 0.60f + (hash[31] & 0xff) / 255f * 0.20f;
        return Color.HSBtoRGB(hue, saturation, brightness) & 0xffffff;
    }

    private static void fill(BufferedImage image, int row, int column, int colour) {
        int left = MARGIN + column * CELL;
        int top = MARGIN + row * CELL;
        for (int y = top; y < top + CELL; y++) {
            for (int x = left; x < left + CELL; x++) {
                image.setRGB(x, y, colour);
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
