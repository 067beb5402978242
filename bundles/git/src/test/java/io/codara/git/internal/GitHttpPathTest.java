package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GitHttpPathTest {

    @Test
    void theRefAdvertisementNamesRepositoryAndService() {
        assertThat(get("/alice/widgets.git/info/refs", "git-upload-pack"))
                .contains(new GitHttpPath("alice", "widgets", GitService.UPLOAD_PACK, true));
        assertThat(get("/Alice-2/my.repo_x-y.git/info/refs", "git-receive-pack"))
                .contains(new GitHttpPath("Alice-2", "my.repo_x-y", GitService.RECEIVE_PACK, true));
    }

    @Test
    void serviceCallsArePosts() {
        assertThat(post("/alice/widgets.git/git-upload-pack"))
                .contains(new GitHttpPath("alice", "widgets", GitService.UPLOAD_PACK, false));
        assertThat(post("/alice/widgets.git/git-receive-pack"))
                .contains(new GitHttpPath("alice", "widgets", GitService.RECEIVE_PACK, false));
        assertThat(post("/alice/widgets.git/git-receive-pack").orElseThrow().fullName()).isEqualTo("alice/widgets");
    }

    @Test
    void namesMayStartWithADotAndBeLong() {
        assertThat(get("/alice/.github.git/info/refs", "git-upload-pack")).isPresent();
        assertThat(get("/" + "a".repeat(39) + "/" + "r".repeat(100) + ".git/info/refs", "git-upload-pack")).isPresent();
    }

    @Test
    void longerNamesAreNotGitRequests() {
        assertThat(get("/" + "a".repeat(40) + "/r.git/info/refs", "git-upload-pack")).isEmpty();
        assertThat(get("/a/" + "r".repeat(101) + ".git/info/refs", "git-upload-pack")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // not git at all, or not a smart endpoint
        "/", "/alice", "/alice/widgets", "/alice/widgets.git", "/alice/widgets.git/", "/alice/widgets/info/refs",
        "/alice/widgets.git/HEAD", "/alice/widgets.git/objects/info/packs", "/alice/widgets.git/info/refs/",
        "/api/v3/repos/alice/widgets", "/health",
        // path games
        "/alice/../widgets.git/info/refs", "/../alice/widgets.git/info/refs", "/alice/..git/info/refs",
        "/alice/...git/info/refs", "/alice/a..b.git/info/refs", "/alice/..%2fetc.git/info/refs",
        "/alice/widgets.git.git/info/refs", "/alice/widgets.GIT.git/info/refs", "/alice/.git/info/refs",
        "//alice/widgets.git/info/refs", "/alice//widgets.git/info/refs", "/alice/widgets.git//info/refs",
        "/alice/./widgets.git/info/refs", "/alice/widgets.git/./info/refs", "/alice/widgets.git/../x.git/info/refs",
        "/alice/wid gets.git/info/refs", "/alice/wid\\gets.git/info/refs", "/alice\\widgets.git/info/refs",
        "/alice/widgets.git;x=1/info/refs", "/alice/widgets.git/info/refs;jsessionid=1", "/alice/wid%67ets.git/info/refs",
        "/ali.ce/widgets.git/info/refs", "/ali_ce/widgets.git/info/refs", "/alice/wid\u0435ts.git/info/refs",
        "/\uff41lice/widgets.git/info/refs", "/alice/widgets\u2024git/info/refs", "/alice/widgets.git\u0000/info/refs",
        "/alice/widgets.git/info/refs\n", "/alice/wid/gets.git/info/refs", "/-/x.git/info/refs/..",
        "alice/widgets.git/info/refs", "/alice/widgets.git/info/refs/../../../etc/passwd"
    })
    void everythingElseIsNotAGitRequest(String path) {
        assertThat(get(path, "git-upload-pack")).as(path).isEmpty();
        assertThat(GitHttpPath.parse("POST", path, path, null)).as(path).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        // raw (as sent)                                 decoded (as the container saw it)
        "/alice/widgets%2Egit/info/refs,                 /alice/widgets.git/info/refs",
        "/alice/%2e%2e/widgets.git/info/refs,            /widgets.git/info/refs",
        "/alice%2Fwidgets.git/info/refs,                 /alice/widgets.git/info/refs",
        "/alice/widgets.git/info%2Frefs,                 /alice/widgets.git/info/refs",
        "/alice/x/../widgets.git/info/refs,              /alice/widgets.git/info/refs",
        "/alice/./widgets.git/info/refs,                 /alice/widgets.git/info/refs",
        "/alice/widgets.git/info/refs;a=b,               /alice/widgets.git/info/refs",
        "/%61lice/widgets.git/info/refs,                 /alice/widgets.git/info/refs",
        "/alice/widgets.git/info/refs,                   /alice/widgets.git/info/refs/",
        "/alice/widgets.git/info/refs,                   /bob/widgets.git/info/refs"
    })
    void theRawAndTheDecodedPathMustBeTheSame(String raw, String decoded) {
        assertThat(GitHttpPath.parse("GET", raw, decoded, "git-upload-pack")).isEmpty();
    }

    @Test
    void theServiceMustBeNamedExactly() {
        for (String service : new String[] {null, "", "git-upload-pack ", "GIT-UPLOAD-PACK", "upload-pack", "git-upload-archive"}) {
            assertThat(get("/alice/widgets.git/info/refs", service)).as(String.valueOf(service)).isEmpty();
        }
    }

    @Test
    void methodsMustMatchTheEndpoint() {
        String path = "/alice/widgets.git/info/refs";
        assertThat(GitHttpPath.parse("POST", path, path, "git-upload-pack")).isEmpty();
        assertThat(GitHttpPath.parse("HEAD", path, path, "git-upload-pack")).isEmpty();
        assertThat(GitHttpPath.parse("PUT", "/alice/widgets.git/git-receive-pack", "/alice/widgets.git/git-receive-pack", null)).isEmpty();
        assertThat(GitHttpPath.parse("GET", "/alice/widgets.git/git-receive-pack", "/alice/widgets.git/git-receive-pack", null)).isEmpty();
        assertThat(GitHttpPath.parse("GET", null, path, "git-upload-pack")).isEmpty();
    }

    private static Optional<GitHttpPath> get(String path, String service) {
        return GitHttpPath.parse("GET", path, path, service);
    }

    private static Optional<GitHttpPath> post(String path) {
        return GitHttpPath.parse("POST", path, path, null);
    }
}
