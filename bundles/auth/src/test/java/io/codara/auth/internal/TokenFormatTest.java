package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenFormatTest {

    private final TokenFormat format = new TokenFormat();

    @Test
    void tokensArePrefixedRandomAndCarryAValidChecksum() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = format.next();
            assertThat(token).matches("cdr_[0-9A-Za-z]{36}");
            assertThat(TokenFormat.valid(token)).isTrue();
            seen.add(token);
        }
        assertThat(seen).hasSize(200);
    }

    @Test
    void anyChangedCharacterBreaksTheChecksum() {
        String token = format.next();
        for (int i = 4; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'a' ? 'b' : 'a') + token.substring(i + 1);
            assertThat(TokenFormat.valid(changed)).as("changed at %d", i).isFalse();
        }
    }

    @Test
    void passwordsAndLookAlikesAreNotTokens() {
        assertThat(TokenFormat.valid(null)).isFalse();
        assertThat(TokenFormat.valid("hunter2")).isFalse();
        assertThat(TokenFormat.valid("ghp_" + format.next().substring(4))).isFalse();
        assertThat(TokenFormat.valid(format.next() + "x")).isFalse();
        assertThat(TokenFormat.valid("cdr_!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")).isFalse();
    }
}
