package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class IdenticonTest {

    @Test
    void isA420PixelPng() throws Exception {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Identicon.png("alice")));

        assertThat(decoded.getWidth()).isEqualTo(420);
        assertThat(decoded.getHeight()).isEqualTo(420);
    }

    @Test
    void isTheSameForTheSameLoginInAnyCase() {
        assertThat(Identicon.png("alice")).isEqualTo(Identicon.png("alice")).isEqualTo(Identicon.png("ALICE"));
    }

    @Test
    void differsBetweenLogins() {
        Set<String> pictures = new HashSet<>();
        List<String> logins = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi");
        for (String login : logins) {
            pictures.add(java.util.Base64.getEncoder().encodeToString(Identicon.png(login)));
        }
        assertThat(pictures).hasSize(logins.size());
    }

    @Test
    void isAMirroredGridOfTwoColoursOnAMargin() {
        for (String login : List.of("alice", "bob", "octocat")) {
            BufferedImage image = Identicon.image(login);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < Identicon.SIZE; y++) {
                for (int x = 0; x < Identicon.SIZE; x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    assertThat(rgb).isEqualTo(image.getRGB(Identicon.SIZE - 1 - x, y) & 0xffffff);
                    boolean margin = x < Identicon.MARGIN || y < Identicon.MARGIN
                            || x >= Identicon.SIZE - Identicon.MARGIN || y >= Identicon.SIZE - Identicon.MARGIN;
                    if (margin) {
                        assertThat(rgb).isEqualTo(Identicon.BACKGROUND);
                    } else {
                        // Every cell is one solid colour: compare with the cell's top-left pixel.
                        int cellX = Identicon.MARGIN + (x - Identicon.MARGIN) / Identicon.CELL * Identicon.CELL;
                        int cellY = Identicon.MARGIN + (y - Identicon.MARGIN) / Identicon.CELL * Identicon.CELL;
                        assertThat(rgb).isEqualTo(image.getRGB(cellX, cellY) & 0xffffff);
                    }
                }
            }
            assertThat(colours).as(login).hasSize(2).contains(Identicon.BACKGROUND);
        }
    }
}
