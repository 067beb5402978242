package io.codara.review.internal;

import static io.codara.review.internal.ReviewFixture.ALICE;
import static io.codara.review.internal.ReviewFixture.BOB;
import static io.codara.review.internal.ReviewFixture.CAROL;
import static io.codara.review.internal.ReviewFixture.request;
import static io.codara.review.internal.ReviewFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit tags: the rules, and suggestions from real git commits with writers' decisions on a real PostgreSQL. */
class CommitTagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ReviewFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = new ReviewFixture(root);
    }

    @Test
    void messageKeywordsSuggestTagsAsWholeWords() {
        assertThat(names("Fix CVE-2024-1234 in the parser")).containsExactly("security");
        assertThat(names("Escape titles against XSS")).containsExactly("security");
        assertThat(names("perf: cache the tree, 3x faster")).containsExactly("performance");
        assertThat(names("Rename Foo to Bar")).containsExactly("refactor");
        assertThat(names("Revert \"Add four\"")).containsExactly("hotfix");
        assertThat(names("hotfix: security patch for login")).containsExactly("security", "hotfix");
        assertThat(names("Superficial wording; perfect; prefactor; irreverent")).isEmpty();
        assertThat(CommitTagRules.suggest("Fix CVE-2024-1234", List.of()).get(0).reason())
                .isEqualTo("message mentions \"CVE-2024-1234\"");
    }

    @Test
    void aDiffOfOnlyPureRenamesSuggestsRefactor() {
        var pure = new CommitTagRules.Change("RENAME", 100);
        assertThat(CommitTagRules.suggest("Move files", List.of(pure, pure)))
                .extracting(CommitTagRules.Suggestion::name).containsExactly("refactor");
        assertThat(CommitTagRules.suggest("Move files", List.of(pure, new CommitTagRules.Change("MODIFY", 0))))
                .isEmpty();
        assertThat(CommitTagRules.suggest("Move files", List.of(new CommitTagRules.Change("RENAME", 80)))).isEmpty();
        assertThat(CommitTagRules.suggest("Move files", List.of())).isEmpty();
    }

    @Test
    void suggestionsComeFromTheCommitInGitAndWritersConfirmOrRejectThem() throws Exception {
        ReviewFixture.write(f.appWork, "app.txt", "one\ntwo\nthree\nfaster\n");
        String perf = ReviewFixture.commit(f.appWork, "alice", "Speed up the loop for security reasons").name();
        try (var git = org.eclipse.jgit.api.Git.open(f.appWork.toFile())) {
            Files.move(f.appWork.resolve("README.md"), f.appWork.resolve("README.txt"));
            git.add().addFilepattern(".").call();
            git.rm().addFilepattern("README.md").call();
        }
        String moved = ReviewFixture.commit(f.appWork, "alice", "Move the readme").name();

        JsonNode tags = list(perf, BOB);
        assertThat(tags).extracting(t -> t.path("name").asText() + "=" + t.path("state").asText())
                .containsExactly("security=suggested", "performance=suggested");
        assertThat(tags.path(0).path("reason").asText()).isEqualTo("message mentions \"security\"");
        assertThat(tags.path(0).path("commit_id").asText()).isEqualTo(perf);
        JsonNode movedTags = list(moved.substring(0, 10), null);
        assertThat(movedTags).extracting(t -> t.path("name").asText()).containsExactly("refactor");
        assertThat(movedTags.path(0).path("reason").asText()).isEqualTo("the diff only renames or moves files");
        assertThat(list("main", BOB)).extracting(t -> t.path("name").asText()).containsExactly("refactor");

        JsonNode confirmed = JSON.valueToTree(f.commitTagsResource.confirm("alice", "app", perf, "Performance",
                request(CAROL), uri("x")));
        assertThat(confirmed.path(1).path("state").asText()).isEqualTo("confirmed");
        assertThat(confirmed.path(1).path("confirmed_by").path("login").asText()).isEqualTo("carol");
        assertThat(confirmed.path(1).path("reason").asText()).isEqualTo("message mentions \"Speed up\"");
        f.commitTagsResource.reject("alice", "app", perf, "security", request(ALICE), uri("x"));
        f.commitTagsResource.confirm("alice", "app", perf, "hotfix", request(ALICE), uri("x"));
        JsonNode decided = list(perf, BOB);
        assertThat(decided).extracting(t -> t.path("name").asText() + "=" + t.path("state").asText())
                .containsExactly("security=rejected", "performance=confirmed", "hotfix=confirmed");
        assertThat(decided.path(0).path("rejected_by").path("login").asText()).isEqualTo("alice");
        assertThat(decided.path(0).path("confirmed_by").isNull()).isTrue();
        assertThat(decided.path(2).path("reason").isNull()).isTrue();
        // A later decision replaces the earlier one.
        f.commitTagsResource.confirm("alice", "app", perf, "security", request(CAROL), uri("x"));
        assertThat(list(perf, BOB).path(0).path("state").asText()).isEqualTo("confirmed");
    }

    @Test
    void readersListWritersDecideUnknownCommitsAndNamesAreRefused() {
        String head = f.commits.isEmpty() ? "main" : f.commits.get(0);
        assertThat(status(() -> f.commitTagsResource.confirm("alice", "app", head, "refactor", request(BOB), uri("x"))))
                .isEqualTo(403);
        assertThat(status(() -> f.commitTagsResource.reject("alice", "app", head, "refactor",
                request(Principal.of(null)), uri("x")))).isEqualTo(401);
        assertThat(status(() -> f.commitTagsResource.confirm("alice", "app", head, "style", request(CAROL), uri("x"))))
                .isEqualTo(422);
        assertThat(status(() -> f.commitTagsResource.list("alice", "app", "0123456789abcdef0123456789abcdef01234567",
                request(BOB), uri("x")))).isEqualTo(404);
        assertThat(status(() -> f.commitTagsResource.list("alice", "app", "no-such-branch", request(BOB), uri("x"))))
                .isEqualTo(404);
        assertThat(status(() -> f.commitTagsResource.list("alice", "secret", "main", request(BOB), uri("x"))))
                .isEqualTo(404);
        assertThat(f.commitTagsResource.list("alice", "secret", "main", request(ALICE), uri("x"))).isEmpty();
    }

    private JsonNode list(String ref, Principal who) {
        return JSON.valueToTree(f.commitTagsResource.list("alice", "app", ref,
                request(who == null ? Principal.of(null) : who), uri("x")));
    }

    private static List<String> names(String message) {
        return CommitTagRules.suggest(message, List.of()).stream().map(CommitTagRules.Suggestion::name).toList();
    }

    private static int status(Runnable call) {
        ApiException e = catchThrowableOfType(call::run, ApiException.class);
        assertThat(e).isNotNull();
        return e.status();
    }
}
