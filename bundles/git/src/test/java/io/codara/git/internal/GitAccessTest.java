package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;

import org.junit.jupiter.api.Test;

class GitAccessTest {

    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal ANONYMOUS = Principal.ANONYMOUS;

    private final Permissions permissions = mock(Permissions.class);
    private final GitAccess access = new GitAccess(permissions);

    @Test
    void allowedCallersPass() {
        allow("read", Decision.ALLOW);
        allow("write", Decision.ALLOW);
        assertThat(access.refusal(ALICE, GitService.UPLOAD_PACK, Optional.of(repo(false)))).isEmpty();
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(false)))).isEmpty();
        assertThat(access.refusal(ANONYMOUS, GitService.UPLOAD_PACK, Optional.of(repo(false)))).isEmpty();
    }

    @Test
    void clonesNeedReadAndPushesWriteOnTheRepositoryByItsCanonicalName() {
        allow("read", Decision.ALLOW);
        access.refusal(ALICE, GitService.UPLOAD_PACK, Optional.of(repo(false)));
        verify(permissions).decide(ALICE, "read", new ResourceRef("repository", "Acme/Widgets"));
        allow("write", Decision.ALLOW);
        access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(false)));
        verify(permissions).decide(ALICE, "write", new ResourceRef("repository", "Acme/Widgets"));
    }

    @Test
    void anonymousCallersAreAskedToSignInWhateverTheReason() {
        for (Decision decision : List.of(Decision.FORBIDDEN, Decision.NOT_FOUND)) {
            allow("read", decision);
            allow("write", decision);
            for (GitService service : GitService.values()) {
                assertThat(access.refusal(ANONYMOUS, service, Optional.of(repo(false))))
                        .as(decision + " " + service).contains(new GitAccess.Refusal(401, GitAccess.AUTHENTICATION_REQUIRED));
            }
        }
    }

    @Test
    void aMissingRepositoryLooksLikeAPrivateOne() {
        assertThat(access.refusal(ANONYMOUS, GitService.UPLOAD_PACK, Optional.empty()))
                .contains(new GitAccess.Refusal(401, GitAccess.AUTHENTICATION_REQUIRED));
        assertThat(access.refusal(ALICE, GitService.UPLOAD_PACK, Optional.empty()))
                .contains(new GitAccess.Refusal(404, GitAccess.NOT_FOUND));
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.empty()))
                .contains(new GitAccess.Refusal(404, GitAccess.NOT_FOUND));
        verifyNoInteractions(permissions);
    }

    @Test
    void signedInCallersWhoMayNotSeeGet404() {
        allow("read", Decision.NOT_FOUND);
        allow("write", Decision.NOT_FOUND);
        assertThat(access.refusal(ALICE, GitService.UPLOAD_PACK, Optional.of(repo(false))))
                .contains(new GitAccess.Refusal(404, GitAccess.NOT_FOUND));
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(false))))
                .contains(new GitAccess.Refusal(404, GitAccess.NOT_FOUND));
    }

    @Test
    void signedInCallersWhoMaySeeButNotPushGet403WithAMessage() {
        allow("write", Decision.FORBIDDEN);
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(false))))
                .contains(new GitAccess.Refusal(403, "Permission to Acme/Widgets.git denied to alice."));
        Principal scoped = new Principal("alice", false, Set.of("repo:read"));
        assertThat(access.refusal(scoped, GitService.RECEIVE_PACK, Optional.of(repo(false))).orElseThrow().status()).isEqualTo(403);
    }

    @Test
    void archivedRepositoriesRefusePushesToThoseWhoCouldPush() {
        allow("read", Decision.ALLOW);
        allow("write", Decision.ALLOW);
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(true))))
                .contains(new GitAccess.Refusal(403, "This repository was archived so it is read-only."));
        assertThat(access.refusal(ALICE, GitService.UPLOAD_PACK, Optional.of(repo(true)))).isEmpty();

        allow("write", Decision.FORBIDDEN);
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(true))).orElseThrow().message())
                .startsWith("Permission to");
        allow("write", Decision.NOT_FOUND);
        assertThat(access.refusal(ALICE, GitService.RECEIVE_PACK, Optional.of(repo(true))).orElseThrow().status()).isEqualTo(404);
    }

    private void allow(String action, Decision decision) {
        when(permissions.decide(any(Principal.class), org.mockito.ArgumentMatchers.eq(action), any(ResourceRef.class))).thenReturn(decision);
    }

    static Repository repo(boolean archived) {
        return new Repository(7, "Acme", "Widgets", null, null, List.of(), Visibility.PUBLIC, "main", archived, false, null,
                Instant.EPOCH, Instant.EPOCH, null);
    }
}
