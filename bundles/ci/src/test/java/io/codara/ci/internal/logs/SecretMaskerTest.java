package io.codara.ci.internal.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksTheLongestValueFirstAndIgnoresBlankLines() {
        SecretMasker masker = new SecretMasker();
        masker.add("abc");
        masker.add("abcdef");
        masker.add("  \n\n");
        assertThat(masker.mask("x abcdef y abc z")).isEqualTo("x *** y *** z");
        assertThat(masker.mask("  plain  ")).isEqualTo("  plain  ");
        assertThat(masker.longest()).isEqualTo(6);
        assertThat(masker.reveals("..abc..")).isTrue();
        assertThat(masker.reveals("..ab..")).isFalse();
    }

    @Test
    void aSafeCutNeverSplitsAValue() {
        SecretMasker masker = new SecretMasker();
        masker.add("SECRET");
        String text = "0123SECRET789";
        assertThat(masker.safeCut(text, 6)).isEqualTo(4);
        assertThat(masker.safeCut(text, 4)).isEqualTo(4);
        assertThat(masker.safeCut(text, 11)).isEqualTo(11);
    }
}
