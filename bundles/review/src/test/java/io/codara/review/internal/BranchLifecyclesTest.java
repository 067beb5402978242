package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.event.Topics;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Branch lifespans recorded from push and pull request events on {@link ReviewFixture}'s PostgreSQL, with a clock the
 * test moves.
 */
class BranchLifecyclesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO = "0".repeat(40);
    private static final String SHA = "1".repeat(40);

    @TempDir
    Path root;

    private ReviewFixture f;
    private final Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
    private Instant now = t0;
    private BranchLifecycles lifecycles;
    private BranchLifespanResource resource;

    private final class Moving extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
        lifecycles = new BranchLifecycles(f.database, f.pulls, new Moving());
        resource = new BranchLifespanResource(f.access, lifecycles);
    }

    private void push(long repositoryId, String branch, String before, String after) {
        lifecycles.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", repositoryId, "ref_updates",
                List.of(Map.of("ref", "refs/heads/" + branch, "before", before, "after", after)))));
    }

    private JsonNode lifespan(Principal who, Integer days) {
        return JSON.valueToTree(resource.get("alice", "app", days, request(who)));
    }

    @Test
    void countsMediansAndP90OfMergedAndDeletedBranchesAndListsTheOldestLivingOnes() throws Exception {
        long app = f.app.id();
        push(app, "feature", ZERO, SHA);
        for (int i = 1; i <= 10; i++) {
            push(app, "d" + i, ZERO, SHA);
        }
        push(app, "living-old", ZERO, SHA);
        push(app, "tags-are-not-branches", SHA, SHA);
        now = t0.plus(Duration.ofHours(1));
        push(app, "living-young", ZERO, SHA);
        push(app, "living-old", ZERO, SHA);  // created again while alive: its birth stays
        for (int i = 1; i <= 10; i++) {
            now = t0.plus(Duration.ofHours(i));
            push(app, "d" + i, SHA, ZERO);
        }

        Map<String, Object> body = new HashMap<>(Map.of("title", "Add four", "head", "feature", "base", "main"));
        f.resource.open("alice", "app", body, request(ALICE), uri("repos/alice/app/pulls"));
        f.runJobs();
        now = t0.plus(Duration.ofHours(12));
        f.resource.merge("alice", "app", 1, new HashMap<>(Map.of("merge_method", "merge")), request(CAROL));
        long pullId = f.pulls.find(app, 1).orElseThrow().id();
        lifecycles.handleEvent(new Event(Topics.PULL_REQUEST_CLOSED, Map.of("repository_id", app, "number", 1,
                "pull_request_id", pullId)));
        now = t0.plus(Duration.ofHours(13));
        push(app, "feature", SHA, ZERO);  // deleted after its merge: it stays merged
        push(f.secret.id(), "elsewhere", ZERO, SHA);

        now = t0.plus(Duration.ofDays(2));
        JsonNode json = lifespan(ALICE, null);
        assertThat(json.path("days").asInt()).isEqualTo(90);
        assertThat(json.path("merged").path("count").asLong()).isEqualTo(1);
        assertThat(json.path("merged").path("median_hours").asDouble()).isEqualTo(12.0);
        assertThat(json.path("deleted").path("count").asLong()).isEqualTo(10);
        assertThat(json.path("deleted").path("median_hours").asDouble()).isEqualTo(5.5);
        assertThat(json.path("deleted").path("p90_hours").asDouble()).isCloseTo(9.1, org.assertj.core.data.Offset.offset(1e-9));
        List<String> living = new ArrayList<>();
        json.path("longest_open").forEach(b -> living.add(b.path("name").asText()));
        assertThat(living).containsExactly("living-old", "living-young");
        assertThat(json.path("longest_open").get(0).path("age_hours").asDouble()).isEqualTo(48.0);

        now = t0.plus(Duration.ofDays(3));
        JsonNode lastDay = lifespan(BOB, 1);
        assertThat(lastDay.path("merged").path("count").asLong()).isZero();
        assertThat(lastDay.path("merged").path("median_hours").isNull()).isTrue();
        assertThat(lastDay.path("deleted").path("count").asLong()).isZero();
        assertThat(lastDay.path("longest_open")).hasSize(2);
    }

    @Test
    void aPullRequestClosedWithoutMergingEndsNothing() throws Exception {
        long app = f.app.id();
        push(app, "feature", ZERO, SHA);
        push(app, "patch", ZERO, SHA);
        Map<String, Object> body = new HashMap<>(Map.of("title", "Add four", "head", "feature", "base", "main"));
        f.resource.open("alice", "app", body, request(ALICE), uri("repos/alice/app/pulls"));
        f.resource.update("alice", "app", 1, new HashMap<>(Map.of("state", "closed")), request(ALICE),
                uri("repos/alice/app/pulls/1"));
        lifecycles.handleEvent(new Event(Topics.PULL_REQUEST_CLOSED, Map.of("repository_id", app, "number", 1,
                "pull_request_id", f.pulls.find(app, 1).orElseThrow().id())));
        now = t0.plus(Duration.ofHours(5));
        JsonNode json = lifespan(ALICE, 90);
        assertThat(json.path("merged").path("count").asLong()).isZero();
        List<String> living = new ArrayList<>();
        json.path("longest_open").forEach(b -> living.add(b.path("name").asText()));
        assertThat(living).containsExactly("feature", "patch");
    }

    @Test
    void privateRepositoriesKeepTheirLifespansToThemselves() {
        assertThat(JSON.valueToTree(resource.get("alice", "secret", null, request(ALICE))).path("days").asInt())
                .isEqualTo(90);
        for (Principal outsider : List.of(BOB, Principal.ANONYMOUS)) {
            assertThatThrownBy(() -> resource.get("alice", "secret", null, request(outsider)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThatThrownBy(() -> resource.get("alice", "app", 0, request(ALICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
}
