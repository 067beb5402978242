package io.codara.git.internal;

import io.codara.testing.EmbeddedDatabase;

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

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.audit.AuditLog;
import io.codara.api.git.NewRepository;
import io.codara.api.git.Visibility;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.identity.Accounts;
import io.codara.api.identity.Organizations;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.EventOutbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST side of forks, merge-upstream, templates, transfers, pins and merge settings: the resources built with
 * {@code new} over the real service and a real PostgreSQL, with a permission service that knows repositories
 * (their authority), users (only themselves) and {@code acme} (alice administers it, bob is a member).
 */
class RepositoryLifecycleResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal ALICE = new Principal("alice", false, null);
    private static final Principal BOB = new Principal("bob", false, null);
    private static final Actor ALICE_ACTOR = new Actor("alice", null);

    @TempDir
    Path root;

    private final Accounts accounts = mock(Accounts.class);
    private PostgresRepositories repositories;
    private RepositoryResource repository;
    private RepositoryLifecycleResource.Forks forks;
    private RepositoryLifecycleResource.MergeUpstream merge;
    private RepositoryLifecycleResource.Generate generate;
    private RepositoryLifecycleResource.Transfer transfer;
    private PinsResource.OfUser pinsOfUser;
    private PinsResource.Mine myPins;
    private PinsResource.OfOrganization orgPins;

    @BeforeEach
    void wire() {
        Instant now = Instant.now();
        when(accounts.find(anyString())).thenReturn(Optional.empty());
        for (Account a : List.of(new Account(1, "alice", AccountType.USER, null, null, null, null, null, null, false,
                null, null, null, now, now), new Account(3, "bob", AccountType.USER, null, null, null, null, null, null,
                false, null, null, null, now, now), new Account(2, "acme", AccountType.ORGANIZATION, null, null, null,
                null, null, null, false, null, null, null, now, now))) {
            when(accounts.find(a.login())).thenReturn(Optional.of(a));
        }
        Organizations organizations = mock(Organizations.class);
        when(organizations.repositoryRole(anyString(), anyString(), anyString())).thenReturn(Optional.empty());
        RepositoryRoles roles = new RepositoryRoles(accounts, organizations);
        GitDirectories directories = new GitDirectories(root.resolve("repos"));
        repositories = new PostgresRepositories(new GitSchema(), EmbeddedDatabase.create("git"), directories, accounts,
                organizations, roles, mock(EventOutbox.class), mock(AuditLog.class));
        RepositoryAuthority authority = new RepositoryAuthority(repositories, roles);
        Permissions permissions = (principal, action, resource) -> switch (resource.type()) {
            case "repository" -> authority.decide(principal, action, resource.id());
            case "user" -> "read".equals(action) || resource.id().equalsIgnoreCase(principal.login())
                    ? Decision.ALLOW : Decision.FORBIDDEN;
            case "organization" -> "read".equals(action) || "alice".equals(principal.login())
                    || "create_repository".equals(action) && "bob".equals(principal.login())
                    ? Decision.ALLOW : Decision.FORBIDDEN;
            default -> Decision.NOT_FOUND;
        };
        RepositoryAccess access = new RepositoryAccess(repositories, permissions);
        repository = new RepositoryResource(repositories, roles, accounts, access);
        forks = new RepositoryLifecycleResource.Forks(access, repositories, roles, accounts, permissions);
        merge = new RepositoryLifecycleResource.MergeUpstream(access, repositories);
        generate = new RepositoryLifecycleResource.Generate(access, repositories, roles, accounts, permissions);
        transfer = new RepositoryLifecycleResource.Transfer(access, repositories, roles, accounts, permissions);
        pinsOfUser = new PinsResource.OfUser(repositories, accounts, roles, permissions);
        myPins = new PinsResource.Mine(repositories, accounts, roles, permissions);
        orgPins = new PinsResource.OfOrganization(repositories, accounts, roles, permissions);
        for (String name : List.of("tools", "starter")) {
            repositories.create("alice", new NewRepository(name, null, null, null, true, null, null, null), ALICE_ACTOR);
        }
        repositories.create("alice", new NewRepository("secret", null, null, Visibility.PRIVATE, true, null, null,
                null), ALICE_ACTOR);
    }

    private static HttpServletRequest as(Principal principal) {
        return request(principal);
    }

    private static JsonNode json(Object entity) {
        Object value = entity instanceof Page<?> page ? page.items() : entity instanceof Response r ? r.getEntity() : entity;
        return JSON.valueToTree(value);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        } catch (WebApplicationException e) {
            return e.getResponse().getStatus();
        }
        throw new AssertionError("expected a refusal");
    }

    private static String message(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void forksAreCreatedListedAndShownAsATree() {
        Response created = forks.create("alice", "tools", new RepositoryLifecycleResource.Forks.Body(null, null, null),
                as(BOB), uri("repos/alice/tools/forks"));
        assertThat(created.getStatus()).isEqualTo(202);
        JsonNode fork = json(created);
        assertThat(fork.at("/full_name").asText()).isEqualTo("bob/tools");
        assertThat(fork.at("/fork").asBoolean()).isTrue();
        assertThat(fork.at("/parent/full_name").asText()).isEqualTo("alice/tools");
        assertThat(fork.at("/source/full_name").asText()).isEqualTo("alice/tools");
        forks.create("alice", "tools", new RepositoryLifecycleResource.Forks.Body("acme", "acme-tools", true), as(BOB),
                uri("repos/alice/tools/forks"));
        forks.create("acme", "acme-tools", new RepositoryLifecycleResource.Forks.Body(null, null, null), as(ALICE),
                uri("repos/acme/acme-tools/forks"));

        JsonNode grandchild = json(repository.get("alice", "acme-tools", as(ALICE), uri("repos/alice/acme-tools")));
        assertThat(grandchild.at("/parent/full_name").asText()).isEqualTo("acme/acme-tools");
        assertThat(grandchild.at("/source/full_name").asText()).isEqualTo("alice/tools");
        assertThat(json(repository.get("alice", "tools", as(ALICE), uri("repos/alice/tools"))).at("/forks_count").asInt())
                .isEqualTo(2);

        JsonNode list = json(forks.list("alice", "tools", "oldest", null, null, as(Principal.ANONYMOUS),
                uri("repos/alice/tools/forks?sort=oldest")));
        assertThat(list.findValuesAsText("full_name")).startsWith("bob/tools");
        assertThat(status(() -> forks.list("alice", "tools", "popular", null, null, as(ALICE), uri("repos/alice/tools/forks"))))
                .isEqualTo(422);

        JsonNode tree = json(forks.tree("acme", "acme-tools", 1, as(ALICE), uri("repos/acme/acme-tools/forks/tree")));
        assertThat(tree.at("/repository/full_name").asText()).isEqualTo("alice/tools");
        assertThat(tree.at("/forks/0/repository/full_name").asText()).isEqualTo("bob/tools");
        assertThat(tree.at("/forks/1/repository/full_name").asText()).isEqualTo("acme/acme-tools");
        assertThat(tree.at("/forks/1/truncated").asBoolean()).isTrue();
        assertThat(status(() -> forks.tree("alice", "tools", 11, as(ALICE), uri("repos/alice/tools/forks/tree"))))
                .isEqualTo(422);
    }

    @Test
    void onlyReadersForkAndOnlyIntoOwnersTheyMayCreateFor() {
        assertThat(status(() -> forks.create("alice", "secret", new RepositoryLifecycleResource.Forks.Body(null, null,
                null), as(BOB), uri("repos/alice/secret/forks")))).isEqualTo(404);
        assertThat(status(() -> forks.create("alice", "tools", new RepositoryLifecycleResource.Forks.Body("bob", null,
                null), as(ALICE), uri("repos/alice/tools/forks")))).as("organization must name one").isEqualTo(422);
        assertThat(status(() -> forks.create("alice", "tools", new RepositoryLifecycleResource.Forks.Body(null, null,
                null), as(Principal.ANONYMOUS), uri("repos/alice/tools/forks")))).isEqualTo(401);
        assertThat(json(forks.create("alice", "secret", new RepositoryLifecycleResource.Forks.Body("acme", null, null),
                as(ALICE), uri("repos/alice/secret/forks"))).at("/private").asBoolean()).isTrue();
    }

    @Test
    void mergeUpstreamAnswersInGitHubsShapeToWriters() {
        forks.create("alice", "tools", new RepositoryLifecycleResource.Forks.Body(null, null, null), as(BOB),
                uri("repos/alice/tools/forks"));
        JsonNode answer = json(merge.sync("bob", "tools", new RepositoryLifecycleResource.MergeUpstream.Body("main"),
                as(BOB), uri("repos/bob/tools/merge-upstream")));
        assertThat(answer.at("/merge_type").asText()).isEqualTo("none");
        assertThat(answer.at("/base_branch").asText()).isEqualTo("alice:main");
        assertThat(answer.has("message")).isTrue();
        assertThat(status(() -> merge.sync("bob", "tools", new RepositoryLifecycleResource.MergeUpstream.Body("main"),
                as(ALICE), uri("repos/bob/tools/merge-upstream")))).isEqualTo(403);
    }

    @Test
    void templatesAreMarkedByPatchAndGenerateRepositoriesThatNameThem() throws Exception {
        RepositoryBody patch = JSON.readValue("{\"is_template\":true,\"delete_branch_on_merge\":true,"
                + "\"allow_rebase_merge\":false}", RepositoryBody.class);
        JsonNode updated = json(repository.update("alice", "starter", patch, as(ALICE), uri("repos/alice/starter")));
        assertThat(updated.at("/is_template").asBoolean()).isTrue();
        assertThat(updated.at("/delete_branch_on_merge").asBoolean()).isTrue();
        assertThat(updated.at("/allow_rebase_merge").asBoolean()).isFalse();
        assertThat(updated.at("/allow_squash_merge").asBoolean()).isTrue();

        RepositoryLifecycleResource.Generate.Body body = JSON.readValue("{\"owner\":\"bob\",\"name\":\"mine\","
                + "\"private\":true}", RepositoryLifecycleResource.Generate.Body.class);
        Response created = generate.generate("alice", "starter", body, as(BOB), uri("repos/alice/starter/generate"));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode generated = json(created);
        assertThat(generated.at("/full_name").asText()).isEqualTo("bob/mine");
        assertThat(generated.at("/private").asBoolean()).isTrue();
        assertThat(generated.at("/fork").asBoolean()).isFalse();
        assertThat(generated.at("/template_repository/full_name").asText()).isEqualTo("alice/starter");
        assertThat(status(() -> generate.generate("alice", "starter", body, as(ALICE),
                uri("repos/alice/starter/generate")))).as("alice may not create for bob").isEqualTo(403);
        assertThat(status(() -> generate.generate("alice", "tools", new RepositoryLifecycleResource.Generate.Body(null,
                "x", null, null, null), as(ALICE), uri("repos/alice/tools/generate")))).isEqualTo(422);
    }

    @Test
    void transfersGoToOneselfOrToOrganisationsOneAdministersAndTheOldUrlRedirects() {
        assertThat(message(() -> transfer.transfer("alice", "tools", new RepositoryLifecycleResource.Transfer.Body(
                "bob", null), as(ALICE), uri("repos/alice/tools/transfer")))).contains("Only bob may receive");
        repositories.create("bob", new NewRepository("own", null, null, null, false, null, null, null),
                new Actor("bob", null));
        assertThat(message(() -> transfer.transfer("bob", "own", new RepositoryLifecycleResource.Transfer.Body(
                "acme", null), as(BOB), uri("repos/bob/own/transfer")))).contains("Only administrators of acme");
        assertThat(status(() -> transfer.transfer("alice", "tools", new RepositoryLifecycleResource.Transfer.Body(
                "acme", null), as(BOB), uri("repos/alice/tools/transfer")))).as("bob is no admin of it").isEqualTo(403);

        Response moved = transfer.transfer("alice", "tools", new RepositoryLifecycleResource.Transfer.Body("acme",
                "kit"), as(ALICE), uri("repos/alice/tools/transfer"));
        assertThat(moved.getStatus()).isEqualTo(202);
        assertThat(json(moved).at("/full_name").asText()).isEqualTo("acme/kit");
        try {
            repository.get("alice", "tools", as(ALICE), uri("repos/alice/tools"));
            throw new AssertionError("expected a redirect");
        } catch (WebApplicationException e) {
            assertThat(e.getResponse().getStatus()).isEqualTo(301);
            assertThat(e.getResponse().getLocation().toString()).isEqualTo("http://codara.test/api/v3/repos/acme/kit");
        }
    }

    @Test
    void pinsAreSetByTheirOwnerOrOrganisationAdminsAndReadByAnyone() {
        JsonNode mine = json(myPins.replace(new PinsResource.Body(List.of("alice/secret", "alice/tools")), as(ALICE),
                uri("user/pinned_repositories")));
        assertThat(mine.findValuesAsText("full_name")).containsExactly("alice/secret", "alice/tools");
        assertThat(json(pinsOfUser.list("alice", as(Principal.ANONYMOUS), uri("users/alice/pinned_repositories")))
                .findValuesAsText("full_name")).containsExactly("alice/tools");
        assertThat(status(() -> myPins.replace(new PinsResource.Body(List.of("a/1", "a/2", "a/3", "a/4", "a/5", "a/6",
                "a/7")), as(ALICE), uri("user/pinned_repositories")))).isEqualTo(422);
        assertThat(status(() -> myPins.replace(new PinsResource.Body(null), as(Principal.ANONYMOUS),
                uri("user/pinned_repositories")))).isEqualTo(401);
        repositories.create("acme", new NewRepository("site", null, null, null, false, null, null, null), ALICE_ACTOR);
        assertThat(status(() -> orgPins.replace("acme", new PinsResource.Body(List.of("acme/site")), as(BOB),
                uri("orgs/acme/pinned_repositories")))).isEqualTo(403);
        assertThat(json(orgPins.replace("acme", new PinsResource.Body(List.of("acme/site")), as(ALICE),
                uri("orgs/acme/pinned_repositories"))).findValuesAsText("full_name")).containsExactly("acme/site");
        assertThat(json(pinsOfUser.list("acme", as(BOB), uri("users/acme/pinned_repositories")))
                .findValuesAsText("full_name")).containsExactly("acme/site");
        assertThat(status(() -> pinsOfUser.list("nobody", as(BOB), uri("users/nobody/pinned_repositories"))))
                .isEqualTo(404);
    }
}
