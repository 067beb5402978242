package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.git.NewFork;
import io.codara.api.git.NewRepository;
import io.codara.api.git.RepositoryUpdate;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.EventOutbox;
import io.codara.testing.EmbeddedDatabase;
import io.codara.api.rest.PagedObject;
import io.codara.api.rest.PageRequest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Repository search over a real PostgreSQL: words, qualifiers, sorting, paging, and only what the caller may read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositorySearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);

    private RepositorySearchResource resource;

    @BeforeAll
    void fixture(@TempDir Path root) {
        Instant now = Instant.now();
        Accounts accounts = mock(Accounts.class);
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        when(accounts.find("alice")).thenReturn(Optional.of(new Account(1, "alice", AccountType.USER, null, null, null,
                null, null, null, false, null, null, null, now, now)));
        when(accounts.find("bob")).thenReturn(Optional.of(new Account(3, "bob", AccountType.USER, null, null, null,
                null, null, null, false, null, null, null, now, now)));
        Organizations organizations = mock(Organizations.class);
        RepositoryRoles roles = new RepositoryRoles(accounts, organizations);
        EmbeddedDatabase database = EmbeddedDatabase.create("git");
        PostgresRepositories repositories = new PostgresRepositories(new GitSchema(), database,
                new GitDirectories(root.resolve("repos")), accounts, organizations, roles, mock(EventOutbox.class),
                mock(AuditLog.class));
        RepositoryAuthority authority = new RepositoryAuthority(repositories, roles);
        Permissions permissions = (principal, action, resource) -> "repository".equals(resource.type())
                ? authority.decide(principal, action, resource.id()) : Decision.NOT_FOUND;
        resource = new RepositorySearchResource(new RepositorySearch(new GitSchema(), database, repositories,
                organizations, permissions), roles, accounts);

        Actor alice = new Actor("alice", "10.0.0.1");
        Actor bob = new Actor("bob", "10.0.0.2");
        repositories.create("alice", new NewRepository("Rocket-Engine", "Liquid fuel 100% simulated", null, null, true,
                null, null, null), alice);
        repositories.create("alice", new NewRepository("notes", "My rocket notes", null, Visibility.PRIVATE, false,
                null, null, null), alice);
        repositories.create("alice", new NewRepository("old_stuff", "Archived things", null, null, false, null, null,
                null), alice);
        repositories.update("alice", "old_stuff", new RepositoryUpdate(null, null, null, List.of("rocket", "legacy"),
                null, null, true, null), alice);
        repositories.create("bob", new NewRepository("garden", "Plants", null, null, false, null, null, null), bob);
        repositories.fork("alice", "Rocket-Engine", new NewFork(null, null, false), bob);
    }

    private JsonNode search(Principal who, String q) {
        return search(who, q, null, null, null, null);
    }

    private JsonNode search(Principal who, String q, String sort, String order, Integer page, Integer perPage) {
        Response response = resource.get(q, sort, order, page, perPage, request(who), uri("search/repositories"));
        return JSON.valueToTree(((PagedObject) response.getEntity()).body());
    }

    private static List<String> names(JsonNode result) {
        List<String> out = new java.util.ArrayList<>();
        result.get("items").forEach(i -> out.add(i.get("full_name").asText()));
        return out;
    }

    @Test
    void wordsMatchNameFullNameAndDescriptionCaseInsensitivelyAndOnlyReadableOnes() {
        JsonNode found = search(ALICE, "ROCKET");
        assertThat(found.get("incomplete_results").asBoolean()).isFalse();
        assertThat(names(found)).as("the name first, then descriptions; forks left out")
                .containsExactly("alice/Rocket-Engine", "alice/notes");
        assertThat(found.get("total_count").asLong()).isEqualTo(2);
        assertThat(found.at("/items/0/owner/login").asText()).isEqualTo("alice");
        assertThat(names(search(BOB, "rocket"))).as("a private repository is no one else's to find")
                .containsExactly("alice/Rocket-Engine");
        assertThat(names(search(Principal.ANONYMOUS, "rocket"))).containsExactly("alice/Rocket-Engine");
        assertThat(names(search(BOB, "alice/rocket"))).as("the full name").containsExactly("alice/Rocket-Engine");
        assertThat(names(search(BOB, "100%"))).as("% is a character, not a wildcard")
                .containsExactly("alice/Rocket-Engine");
        assertThat(names(search(BOB, "old_"))).containsExactly("alice/old_stuff");
        assertThat(names(search(BOB, "rocket fuel"))).as("every word must match").containsExactly("alice/Rocket-Engine");
        assertThat(names(search(BOB, "\"liquid fuel\""))).containsExactly("alice/Rocket-Engine");
    }

    @Test
    void qualifiersNarrowTheSearch() {
        assertThat(names(search(ALICE, "rocket in:name"))).containsExactly("alice/Rocket-Engine");
        assertThat(names(search(ALICE, "rocket in:description"))).as("the engine has rocket in its name only").containsExactly("alice/notes");
        assertThat(names(search(ALICE, "user:alice is:private"))).containsExactly("alice/notes");
        assertThat(names(search(BOB, "user:alice is:private"))).isEmpty();
        assertThat(names(search(ALICE, "user:bob"))).containsExactly("bob/garden");
        assertThat(names(search(ALICE, "org:bob"))).as("bob is a user, not an organisation").isEmpty();
        assertThat(names(search(ALICE, "rocket fork:true"))).contains("alice/Rocket-Engine", "bob/Rocket-Engine");
        assertThat(names(search(ALICE, "rocket fork:only"))).containsExactly("bob/Rocket-Engine");
        assertThat(names(search(ALICE, "archived:true"))).containsExactly("alice/old_stuff");
        assertThat(names(search(ALICE, "user:alice archived:false"))).doesNotContain("alice/old_stuff").hasSize(2);
        assertThat(names(search(ALICE, "topic:legacy"))).containsExactly("alice/old_stuff");
        assertThat(names(search(ALICE, "topic:rocket topic:nope"))).isEmpty();
    }

    @Test
    void anEmptyOrMalformedQueryIsRefusedAsGitHubDoes() {
        for (String q : new String[] {null, "", "   "}) {
            assertThat(status(() -> search(ALICE, q))).isEqualTo(422);
        }
        assertThat(status(() -> search(ALICE, "fork:maybe"))).isEqualTo(422);
        assertThat(status(() -> search(ALICE, "x in:readme"))).isEqualTo(422);
    }

    @Test
    void sortsAndPagesWithLinks() {
        assertThat(names(search(ALICE, "user:alice fork:true", "forks", "desc", null, null)).get(0))
                .isEqualTo("alice/Rocket-Engine");
        assertThat(names(search(ALICE, "user:alice", "updated", "desc", null, null)).get(0))
                .as("the latest change").isEqualTo("alice/old_stuff");
        assertThat(names(search(ALICE, "user:alice", "updated", "asc", null, null)).get(0))
                .isEqualTo("alice/Rocket-Engine");
        Response page = resource.get("user:alice", "updated", "asc", 2, 1, request(ALICE),
                uri("search/repositories?q=user%3Aalice&sort=updated&order=asc&page=2&per_page=1"));
        PagedObject paged = (PagedObject) page.getEntity();
        JsonNode body = JSON.valueToTree(paged.body());
        assertThat(body.get("total_count").asLong()).isEqualTo(3);
        assertThat(body.get("items")).hasSize(1);
        // The web bundle's PageLinks writes the Link header from these (PageLinksTest).
        assertThat(paged.request()).isEqualTo(PageRequest.of(2, 1));
        assertThat(paged.lastPage()).isEqualTo(3);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("expected a refusal");
    }

}
