package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesInPhcFormatWithOwaspCostAndFreshSalt() {
        String first = hasher.hash("s3cret-passphrase".toCharArray());
        String second = hasher.hash("s3cret-passphrase".toCharArray());
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(first).doesNotContain("s3cret");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("s3cret-passphrase".toCharArray());
        assertThat(hasher.verify("s3cret-passphrase".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("s3cret-passphrasE".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("ünïcødé pass".toCharArray(), hasher.hash("ünïcødé pass".toCharArray()))).isTrue();
    }

    @Test
    void unreadableOrMissingHashesMatchNothing() {
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "plain")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).isFalse();
    }

    @Test
    void weakerParametersAskForARehash() {
        // The RFC 9106 reference vector's shape with a cheaper cost than today's.
        assertThat(hasher.needsRehash("$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x".toCharArray()))).isFalse();
    }

    @Test
    void matchesTheReferenceImplementation() {
        // Produced by libargon2 (Debian's argon2 CLI): echo -n password | argon2 somesaltsomesalt -id -m 12 -t 2 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=4096,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "H5mZn8QsFFwntPktdbjGNtqB+DDJ+nixq94uJAZoqIk";
        assertThat(hasher.verify("password".toCharArray(), reference)).isTrue();
        // With Codara's own parameters: echo -n x | argon2 somesaltsomesalt -id -k 19456 -t 2 -p 1 -l 32 -e
        String ours = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$H802ZnZrjYe9qkX4jQfBWTQtJnmj6Noz+sJrSQ8gzOM";
        assertThat(hasher.verify("x".toCharArray(), ours)).isTrue();
        assertThat(hasher.needsRehash(ours)).isFalse();
    }
}
