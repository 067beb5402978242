package io.codara.example.notes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;

import io.codara.api.security.Decision;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.Test;

class NoteAuthorityTest {

    private final NoteStore store = mock(NoteStore.class);
    private final NoteAuthority authority = new NoteAuthority(store);
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);
    private static final Principal ADMIN = new Principal("root", true, null);

    @Test
    void everyoneReadsSignedInUsersWrite() {
        assertThat(authority.decide(Principal.ANONYMOUS, "read", "")).isEqualTo(Decision.ALLOW);
        assertThat(authority.decide(Principal.ANONYMOUS, "create", "")).isEqualTo(Decision.FORBIDDEN);
        assertThat(authority.decide(ALICE, "create", "")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void onlyTheAuthorOrASiteAdministratorDeletes() {
        when(store.find(7)).thenReturn(Optional.of(new Note(7, "hi", "Alice", Instant.EPOCH)));
        assertThat(authority.decide(Principal.ANONYMOUS, "read", "7")).isEqualTo(Decision.ALLOW);
        assertThat(authority.decide(ALICE, "delete", "7")).isEqualTo(Decision.ALLOW);
        assertThat(authority.decide(BOB, "delete", "7")).isEqualTo(Decision.FORBIDDEN);
        assertThat(authority.decide(Principal.ANONYMOUS, "delete", "7")).isEqualTo(Decision.FORBIDDEN);
        assertThat(authority.decide(ADMIN, "delete", "7")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void missingNotesAreNotFoundAndWritesNeedAWriteScope() {
        assertThat(authority.decide(ALICE, "read", "8")).isEqualTo(Decision.NOT_FOUND);
        assertThat(authority.decide(ALICE, "read", "not-a-number")).isEqualTo(Decision.NOT_FOUND);
        assertThat(authority.requiredScope("read")).isNull();
        assertThat(authority.requiredScope("create")).isEqualTo("repo:write");
    }
}
