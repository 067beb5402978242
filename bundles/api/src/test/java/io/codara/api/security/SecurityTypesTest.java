package io.codara.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecurityTypesTest {

    @Test
    void rolesIncludeTheWeakerOnes() {
        assertThat(Role.ADMIN.includes(Role.WRITE)).isTrue();
        assertThat(Role.WRITE.includes(Role.WRITE)).isTrue();
        assertThat(Role.TRIAGE.includes(Role.READ)).isTrue();
        assertThat(Role.READ.includes(Role.TRIAGE)).isFalse();
        assertThat(Role.MAINTAIN.includes(Role.ADMIN)).isFalse();
    }

    @Test
    void anonymousHasNoRightsOfItsOwn() {
        assertThat(Principal.ANONYMOUS.anonymous()).isTrue();
        assertThat(new Principal("alice", false, null).anonymous()).isFalse();
        assertThatThrownBy(() -> new Principal(null, true, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Principal(null, false, Set.of("repo:read"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenScopesAreCopiedSoTheyCannotChangeLater() {
        Set<String> scopes = new HashSet<>(Set.of("repo:read"));
        Principal token = new Principal("alice", false, scopes);
        scopes.add("admin");
        assertThat(token.scopes()).containsExactly("repo:read");
    }

    @Test
    void resourcesNeedATypeAndAnId() {
        assertThat(ResourceRef.SITE.type()).isEqualTo("site");
        assertThatThrownBy(() -> new ResourceRef(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceRef("repository", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
