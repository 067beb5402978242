package io.codara.git.internal;

import static io.codara.api.security.Decision.ALLOW;
import static io.codara.api.security.Decision.FORBIDDEN;
import static io.codara.api.security.Decision.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.security.Principal;
import io.codara.api.security.Role;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryAuthorityTest {

    private final Repositories repositories = mock(Repositories.class);
    private final Accounts accounts = mock(Accounts.class);
    private final Organizations organizations = mock(Organizations.class);
    private final RepositoryAuthority authority = new RepositoryAuthority(repositories,
            new RepositoryRoles(accounts, organizations));

    private static final Principal OWNER = new Principal("alice", false, null);
    private static final Principal READER = new Principal("rita", false, null);
    private static final Principal WRITER = new Principal("will", false, null);
    private static final Principal STRANGER = new Principal("sam", false, null);
    private static final Principal ADMIN = new Principal("root", true, null);

    private static Repository repo(String owner, String name, Visibility visibility) {
        return new Repository(1, owner, name, null, null, List.of(), visibility, "main", false, false, null,
                Instant.now(), Instant.now(), null);
    }

    @BeforeEach
    void fixture() {
        Instant now = Instant.now();
        when(accounts.find("alice")).thenReturn(Optional.of(new Account(1, "alice", AccountType.USER, null, null, null,
                null, null, null, false, null, null, null, now, now)));
        when(accounts.find("acme")).thenReturn(Optional.of(new Account(2, "acme", AccountType.ORGANIZATION, null, null,
                null, null, null, null, false, null, null, Role.READ, now, now)));
        when(repositories.find("alice", "mine")).thenReturn(Optional.of(repo("alice", "mine", Visibility.PRIVATE)));
        when(repositories.find("acme", "open")).thenReturn(Optional.of(repo("acme", "open", Visibility.PUBLIC)));
        when(repositories.find("acme", "inner")).thenReturn(Optional.of(repo("acme", "inner", Visibility.INTERNAL)));
        when(repositories.find("acme", "secret")).thenReturn(Optional.of(repo("acme", "secret", Visibility.PRIVATE)));
        when(organizations.repositoryRole(eq("acme"), anyString(), anyString())).thenReturn(Optional.empty());
        when(organizations.repositoryRole(eq("acme"), anyString(), eq("rita"))).thenReturn(Optional.of(Role.READ));
        when(organizations.repositoryRole(eq("acme"), anyString(), eq("will"))).thenReturn(Optional.of(Role.WRITE));
    }

    @Test
    void privateRepositoriesAreInvisibleWithoutARole() {
        assertThat(authority.decide(OWNER, "admin", "alice/mine")).isEqualTo(ALLOW);
        assertThat(authority.decide(STRANGER, "read", "alice/mine")).isEqualTo(NOT_FOUND);
        assertThat(authority.decide(Principal.ANONYMOUS, "read", "alice/mine")).isEqualTo(NOT_FOUND);
        assertThat(authority.decide(ADMIN, "admin", "alice/mine")).isEqualTo(ALLOW);
        assertThat(authority.decide(READER, "read", "acme/secret")).isEqualTo(ALLOW);
        assertThat(authority.decide(READER, "write", "acme/secret")).isEqualTo(FORBIDDEN);
        assertThat(authority.decide(WRITER, "write", "acme/secret")).isEqualTo(ALLOW);
        assertThat(authority.decide(WRITER, "admin", "acme/secret")).isEqualTo(FORBIDDEN);
        assertThat(authority.decide(STRANGER, "write", "acme/secret")).isEqualTo(NOT_FOUND);
    }

    @Test
    void publicAndInternalRepositoriesAreReadableAsTheirVisibilitySays() {
        assertThat(authority.decide(Principal.ANONYMOUS, "read", "acme/open")).isEqualTo(ALLOW);
        assertThat(authority.decide(Principal.ANONYMOUS, "write", "acme/open")).isEqualTo(FORBIDDEN);
        assertThat(authority.decide(Principal.ANONYMOUS, "read", "acme/inner")).isEqualTo(NOT_FOUND);
        assertThat(authority.decide(STRANGER, "read", "acme/inner")).isEqualTo(ALLOW);
        assertThat(authority.decide(STRANGER, "write", "acme/inner")).isEqualTo(FORBIDDEN);
        assertThat(authority.decide(STRANGER, "read", "acme/none")).isEqualTo(NOT_FOUND);
        assertThat(authority.decide(STRANGER, "read", "no-slash")).isEqualTo(NOT_FOUND);
    }

    @Test
    void tokensNeedRepoScopes() {
        assertThat(authority.requiredScope("read")).isEqualTo("repo:read");
        assertThat(authority.requiredScope("write")).isEqualTo("repo:write");
        assertThat(authority.requiredScope("admin")).isEqualTo("repo:write");
    }
}
