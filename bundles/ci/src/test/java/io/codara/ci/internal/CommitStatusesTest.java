package io.codara.ci.internal;

import static io.codara.ci.internal.CiFixture.ALICE;
import static io.codara.ci.internal.CiFixture.BOB;
import static io.codara.ci.internal.CiFixture.CAROL;
import static io.codara.ci.internal.CiFixture.DAVE;
import static io.codara.ci.internal.CiFixture.request;
import static io.codara.ci.internal.CiFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.ci.CombinedStatus;
import io.codara.api.ci.CommitState;
import io.codara.api.ci.CommitStatus;
import io.codara.api.ci.NewCommitStatus;
import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;
import io.codara.api.rest.PagedObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit statuses on a real PostgreSQL and a real git repository, through the service and the REST resources. */
class CommitStatusesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ALICE_ACTOR = new Actor("alice", null);

    @TempDir
    Path root;

    private CiFixture f;
    private StatusesResource post;
    private CommitStatusesResource list;
    private CombinedStatusResource combined;

    @BeforeEach
    void fixture() throws Exception {
        f = new CiFixture(root);
        StatusViews views = new StatusViews(f.access, f.statuses);
        post = new StatusesResource(f.access, f.statuses, views);
        list = new CommitStatusesResource(views);
        combined = new CombinedStatusResource(views);
    }

    private CommitStatus status(String sha, CommitState state, String context) {
        return f.statuses.create(f.tools.id(), sha, new NewCommitStatus(state, null, null, context), ALICE_ACTOR);
    }

    private static JsonNode json(Object entity) {
        Object value = entity instanceof Response r ? r.getEntity() : entity;
        value = value instanceof Page<?> page ? page.items() : value instanceof PagedObject paged ? paged.body() : value;
        return JSON.valueToTree(value);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void combinedStateFollowsGitHubsRules() {
        assertThat(PostgresCommitStatuses.combine(EnumSet.noneOf(CommitState.class))).isEqualTo(CommitState.PENDING);
        assertThat(PostgresCommitStatuses.combine(EnumSet.of(CommitState.SUCCESS))).isEqualTo(CommitState.SUCCESS);
        assertThat(PostgresCommitStatuses.combine(EnumSet.of(CommitState.SUCCESS, CommitState.PENDING)))
                .isEqualTo(CommitState.PENDING);
        assertThat(PostgresCommitStatuses.combine(EnumSet.of(CommitState.PENDING, CommitState.ERROR)))
                .isEqualTo(CommitState.FAILURE);
        assertThat(PostgresCommitStatuses.combine(EnumSet.of(CommitState.SUCCESS, CommitState.FAILURE)))
                .isEqualTo(CommitState.FAILURE);

        PageRequest page = PageRequest.of(null, null);
        CombinedStatus none = f.statuses.combined(f.tools.id(), f.second, page);
        assertThat(none.state()).isEqualTo(CommitState.PENDING);
        assertThat(none.totalCount()).isZero();

        status(f.second, CommitState.PENDING, "ci/build");
        assertThat(f.statuses.combined(f.tools.id(), f.second, page).state()).isEqualTo(CommitState.PENDING);
        status(f.second, CommitState.SUCCESS, "ci/build"); // the newest of a context supersedes the older
        assertThat(f.statuses.combined(f.tools.id(), f.second, page).state()).isEqualTo(CommitState.SUCCESS);
        status(f.second, CommitState.ERROR, "lint");
        assertThat(f.statuses.combined(f.tools.id(), f.second, page).state()).isEqualTo(CommitState.FAILURE);
        status(f.second, CommitState.SUCCESS, "lint");
        status(f.second, CommitState.PENDING, "deploy");
        CombinedStatus latest = f.statuses.combined(f.tools.id(), f.second, page);
        assertThat(latest.state()).isEqualTo(CommitState.PENDING);
        assertThat(latest.totalCount()).isEqualTo(3);
        assertThat(latest.statuses()).extracting(CommitStatus::context).containsExactly("deploy", "lint", "ci/build");
        assertThat(latest.statuses()).extracting(CommitStatus::state)
                .containsExactly(CommitState.PENDING, CommitState.SUCCESS, CommitState.SUCCESS);
        // Another commit is unaffected.
        assertThat(f.statuses.combined(f.tools.id(), f.first, page).totalCount()).isZero();
    }

    @Test
    void statusesArePostedInGitHubsShapeAndPublishedInTheSameTransaction() throws Exception {
        Response created = post.create("alice", "tools", f.second, body("state", "success", "target_url",
                "https://ci.example/builds/1", "description", "Build passed"), request(ALICE), uri("x"));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode json = json(created);
        assertThat(json.at("/state").asText()).isEqualTo("success");
        assertThat(json.at("/context").asText()).isEqualTo("default");
        assertThat(json.at("/target_url").asText()).isEqualTo("https://ci.example/builds/1");
        assertThat(json.at("/description").asText()).isEqualTo("Build passed");
        assertThat(json.at("/url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/tools/statuses/" + f.second);
        assertThat(json.at("/id").asLong()).isPositive();
        assertThat(json.at("/node_id").asText()).isNotBlank();
        assertThat(json.at("/creator/login").asText()).isEqualTo("alice");
        assertThat(json.at("/creator/id").asLong()).isEqualTo(1);
        assertThat(json.at("/created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(json.at("/updated_at").asText()).isEqualTo(json.at("/created_at").asText());
        verify(f.outbox).publish(any(Connection.class), eq(Topics.CI_STATUS), argThat((Map<String, ?> m) ->
                f.second.equals(m.get("sha")) && "success".equals(m.get("state")) && "default".equals(m.get("context"))
                        && "alice/tools".equals(m.get("repository")) && Long.valueOf(7).equals(m.get("repository_id"))));

        // A status whose event cannot be recorded is not stored either.
        reset(f.outbox);
        doThrow(new SQLException("outbox down")).when(f.outbox).publish(any(Connection.class), eq(Topics.CI_STATUS), anyMap());
        assertThatThrownBy(() -> status(f.second, CommitState.FAILURE, "ci/other")).isInstanceOf(IllegalStateException.class);
        assertThat(f.database.queryLong("SELECT count(*) FROM ci.statuses")).isEqualTo(1);

        // Codara's own CI posts without a creator.
        reset(f.outbox);
        CommitStatus system = f.statuses.create(f.tools.id(), f.second,
                new NewCommitStatus(CommitState.PENDING, null, null, "codara/build"), Actor.SYSTEM);
        assertThat(system.creatorId()).isNull();
        JsonNode listed = json(list.list("alice", "tools", f.second, null, null, request(Principal.ANONYMOUS), uri("x")));
        assertThat(listed.at("/0/context").asText()).isEqualTo("codara/build");
        assertThat(listed.at("/0/creator").isNull()).isTrue();
        assertThat(listed.at("/1/creator/login").asText()).isEqualTo("alice");
    }

    @Test
    void badInputIsRefusedWithA422() {
        ApiException state = refusal(() -> post.create("alice", "tools", f.second, body("state", "green"), request(ALICE), uri("x")));
        assertThat(state.status()).isEqualTo(422);
        assertThat(state.getMessage()).contains("error, failure, pending, success");
        assertThat(refusal(() -> post.create("alice", "tools", f.second, body("description", "x"), request(ALICE), uri("x")))
                .errors()).extracting(e -> e.field() + ":" + e.code()).containsExactly("state:missing_field");
        ApiException unknown = refusal(() -> post.create("alice", "tools", "0123456789012345678901234567890123456789",
                body("state", "success"), request(ALICE), uri("x")));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.getMessage()).isEqualTo("No commit found for SHA: 0123456789012345678901234567890123456789");
        assertThat(refusal(() -> post.create("alice", "tools", "main", body("state", "success"), request(ALICE), uri("x")))
                .status()).isEqualTo(422);
        assertThat(refusal(() -> post.create("alice", "tools", f.second, body("state", "success", "target_url", "javascript:alert(1)"),
                request(ALICE), uri("x"))).status()).isEqualTo(422);
        assertThat(refusal(() -> post.create("alice", "tools", f.second, body("state", "success", "context", "x".repeat(256)),
                request(ALICE), uri("x"))).status()).isEqualTo(422);
        assertThat(refusal(() -> combined.combined("alice", "tools", "no-such-branch", null, null, request(ALICE), uri("x")))
                .getMessage()).isEqualTo("No commit found for SHA: no-such-branch");
    }

    @Test
    void refsNameCommitsAsGitHubReadsThem() {
        status(f.first, CommitState.SUCCESS, "ci/build");
        status(f.second, CommitState.FAILURE, "ci/build");
        assertThat(f.statuses.resolve(f.tools.id(), "main")).contains(f.second);
        assertThat(f.statuses.resolve(f.tools.id(), "feature/x")).contains(f.first);
        assertThat(f.statuses.resolve(f.tools.id(), "v1")).contains(f.tagged); // an annotated tag, peeled
        assertThat(f.statuses.resolve(f.tools.id(), f.first.substring(0, 10))).contains(f.first);
        assertThat(f.statuses.resolve(f.tools.id(), f.first.toUpperCase())).contains(f.first);
        assertThat(f.statuses.resolve(f.tools.id(), "main~1")).isEmpty(); // no revision expressions
        assertThat(f.statuses.resolve(f.tools.id(), "nope")).isEmpty();

        JsonNode byBranch = json(combined.combined("alice", "tools", "main", null, null, request(ALICE), uri("x")));
        assertThat(byBranch.at("/state").asText()).isEqualTo("failure");
        assertThat(byBranch.at("/sha").asText()).isEqualTo(f.second);
        assertThat(byBranch.at("/total_count").asInt()).isEqualTo(1);
        assertThat(byBranch.at("/repository/full_name").asText()).isEqualTo("alice/tools");
        assertThat(byBranch.at("/repository/owner/login").asText()).isEqualTo("alice");
        assertThat(byBranch.at("/commit_url").asText()).isEqualTo("http://codara.test/api/v3/repos/alice/tools/commits/" + f.second);
        assertThat(byBranch.at("/statuses/0").has("creator")).isFalse();
        JsonNode byTag = json(combined.combined("alice", "tools", "v1", null, null, request(ALICE), uri("x")));
        assertThat(byTag.at("/state").asText()).isEqualTo("success");
        JsonNode byFeature = json(list.list("alice", "tools", "feature/x", null, null, request(ALICE), uri("x")));
        assertThat(byFeature.at("/0/state").asText()).isEqualTo("success");
        // GitHub's older alias GET /statuses/{ref}
        assertThat(json(post.list("alice", "tools", "main", null, null, request(ALICE), uri("x"))).at("/0/state").asText())
                .isEqualTo("failure");
    }

    @Test
    void listsArePagedNewestFirst() {
        for (int i = 1; i <= 5; i++) {
            status(f.second, CommitState.SUCCESS, "context-" + i);
        }
        status(f.second, CommitState.FAILURE, "context-1");
        Page<Map<String, Object>> page2 = list.list("alice", "tools", f.second, 2, 2, request(ALICE), uri("x"));
        assertThat(page2.total()).isEqualTo(6);
        assertThat(page2.lastPage()).isEqualTo(3);
        assertThat(page2.items()).extracting(m -> m.get("context")).containsExactly("context-4", "context-3");
        assertThat(list.list("alice", "tools", f.second, 1, 2, request(ALICE), uri("x")).items())
                .extracting(m -> m.get("context")).containsExactly("context-1", "context-5");

        Response combinedPage = combined.combined("alice", "tools", f.second, 2, 2, request(ALICE),
                uri("repos/alice/tools/commits/main/status?page=2&per_page=2"));
        JsonNode json = json(combinedPage);
        assertThat(json.at("/total_count").asInt()).isEqualTo(5);
        assertThat(json.at("/state").asText()).isEqualTo("failure"); // decided by all contexts, not this page
        assertThat(json.at("/statuses").size()).isEqualTo(2);
        assertThat(json.at("/statuses/0/context").asText()).isEqualTo("context-4");
        // The web bundle's PageLinks writes the Link header (next and last: page 3) from these.
        PagedObject paged = (PagedObject) combinedPage.getEntity();
        assertThat(paged.request()).isEqualTo(PageRequest.of(2, 2));
        assertThat(paged.lastPage()).isEqualTo(3);
        assertThat(((PagedObject) combined.combined("alice", "tools", f.second, null, null, request(ALICE), uri("x"))
                .getEntity()).lastPage()).isEqualTo(1);
    }

    @Test
    void permissionsDecideWhoReadsAndWhoPosts() {
        status(f.second, CommitState.SUCCESS, "ci/build");
        // A private repository does not exist for those without a role on it.
        assertThat(refusal(() -> list.list("alice", "hidden", f.second, null, null, request(BOB), uri("x"))).status()).isEqualTo(404);
        assertThat(refusal(() -> combined.combined("alice", "hidden", "main", null, null, request(Principal.ANONYMOUS), uri("x")))
                .status()).isEqualTo(404);
        assertThat(refusal(() -> post.create("alice", "hidden", f.second, body("state", "success"), request(BOB), uri("x")))
                .status()).isEqualTo(404);
        // Readers read but may not post; writers post.
        assertThat(json(combined.combined("alice", "hidden", "main", null, null, request(CAROL), uri("x"))).at("/state").asText())
                .isEqualTo("pending");
        assertThat(refusal(() -> post.create("alice", "tools", f.second, body("state", "success"), request(CAROL), uri("x")))
                .status()).isEqualTo(403);
        assertThat(refusal(() -> post.create("alice", "tools", f.second, body("state", "success"), request(Principal.ANONYMOUS),
                uri("x"))).status()).isEqualTo(401);
        assertThat(post.create("alice", "tools", f.second, body("state", "pending", "context", "ci/dave"), request(DAVE), uri("x"))
                .getStatus()).isEqualTo(201);
        // Anyone reads a public repository's statuses.
        assertThat(list.list("alice", "tools", f.second, null, null, request(Principal.ANONYMOUS), uri("x")).total()).isEqualTo(2);
        assertThat(refusal(() -> list.list("alice", "nothing", "main", null, null, request(ALICE), uri("x"))).status()).isEqualTo(404);
    }

    @Test
    void aDeletedRepositoryLeavesNothingBehind() throws Exception {
        status(f.second, CommitState.SUCCESS, "ci/build");
        f.secrets.putSecret(io.codara.api.ci.SecretScope.repository(f.tools.id()), "TOKEN", "s3cret", ALICE_ACTOR);
        new RepositoryCleanup(new CiSchema(), f.database).handleEvent(new org.osgi.service.event.Event(
                Topics.GIT_REPOSITORY_DELETED, Map.of("repository_id", f.tools.id())));
        assertThat(f.database.queryLong("SELECT count(*) FROM ci.statuses")).isZero();
        assertThat(f.database.queryLong("SELECT count(*) FROM ci.secrets")).isZero();
        assertThat(List.of(f.statuses.list(f.tools.id(), f.second, PageRequest.of(1, 30)).total())).containsExactly(0L);
    }
}
