package io.codara.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LfsPathTest {

    private static final String OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
    private static final String LFS = "/alice/widgets.git/info/lfs";

    @Test
    void eachEndpointHasItsMethods() {
        assertThat(LfsPath.parse("POST", LFS + "/objects/batch", LFS + "/objects/batch"))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.BATCH, null, 0));
        assertThat(LfsPath.parse("GET", LFS + "/objects/" + OID, LFS + "/objects/" + OID))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.OBJECT, OID, 0));
        assertThat(LfsPath.parse("PUT", LFS + "/objects/" + OID, LFS + "/objects/" + OID))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.OBJECT, OID, 0));
        assertThat(LfsPath.parse("POST", LFS + "/objects/verify", LFS + "/objects/verify"))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.VERIFY, null, 0));
        assertThat(LfsPath.parse("GET", LFS + "/locks", LFS + "/locks"))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.LOCKS, null, 0));
        assertThat(LfsPath.parse("POST", LFS + "/locks", LFS + "/locks"))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.LOCKS, null, 0));
        assertThat(LfsPath.parse("POST", LFS + "/locks/verify", LFS + "/locks/verify"))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.LOCKS_VERIFY, null, 0));
        assertThat(LfsPath.parse("POST", LFS + "/locks/42/unlock", LFS + "/locks/42/unlock"))
                .contains(new LfsPath("alice", "widgets", LfsPath.Endpoint.UNLOCK, null, 42));
        assertThat(LfsPath.prefix("alice/widgets")).isEqualTo(LFS);
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /objects/batch", "PUT, /objects/batch", "DELETE, /objects/" + OID, "POST, /objects/" + OID,
        "GET, /objects/verify", "DELETE, /locks", "PUT, /locks", "GET, /locks/verify", "GET, /locks/1/unlock",
        "HEAD, /objects/" + OID
    })
    void otherMethodsAreNotLfsRequests(String method, String endpoint) {
        assertThat(LfsPath.parse(method, LFS + endpoint, LFS + endpoint)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        LFS, LFS + "/", LFS + "/objects", LFS + "/objects/", LFS + "/objects/batch/", LFS + "/objects//batch",
        LFS + "/objects/" + "4D7A214614AB2935C943F9E0FF69D22EADBB8F32B1258DAAA5E2CA24D17E2393",
        LFS + "/objects/" + OID + "0", LFS + "/objects/d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393", LFS + "/objects/" + OID + "/",
        LFS + "/objects/../objects/batch", LFS + "/./objects/batch", LFS + "/objects/batch;x=1", LFS + "/objects/batch%00",
        LFS + "/locks/0/unlock", LFS + "/locks/01/unlock", LFS + "/locks/-1/unlock", LFS + "/locks/x/unlock",
        LFS + "/locks/1234567890123456789/unlock", LFS + "/locks/1/unlock/", LFS + "/locks/1", LFS + "/locks/",
        "/alice/widgets/info/lfs/objects/batch", "/alice/widgets.git/info/lfs-x/objects/batch",
        "/alice/widgets.git/info/LFS/objects/batch", "/alice/../widgets.git/info/lfs/objects/batch",
        "/alice/widgets.git.git/info/lfs/objects/batch", "/alice/..git/info/lfs/objects/batch", "/alice/.git/info/lfs/objects/batch",
        "/ali.ce/widgets.git/info/lfs/objects/batch", "/alice/wid\u0435ts.git/info/lfs/objects/batch",
        "//alice/widgets.git/info/lfs/objects/batch", "/alice/widgets.git/info/lfs/objects/batch\n",
        "/alice/widgets.git/info/refs", "/alice/widgets.git/git-upload-pack"
    })
    void everythingElseIsNotAnLfsRequest(String path) {
        for (String method : new String[] {"GET", "POST", "PUT"}) {
            assertThat(LfsPath.parse(method, path, path)).as(method + " " + path).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "/alice/widgets.git/info/lfs/objects%2Fbatch,    /alice/widgets.git/info/lfs/objects/batch",
        "/alice/widgets%2Egit/info/lfs/objects/batch,    /alice/widgets.git/info/lfs/objects/batch",
        "/alice/x/../widgets.git/info/lfs/objects/batch, /alice/widgets.git/info/lfs/objects/batch",
        "/alice/widgets.git/info/lfs/objects/batch,      /bob/widgets.git/info/lfs/objects/batch"
    })
    void theRawAndTheDecodedPathMustBeTheSame(String raw, String decoded) {
        assertThat(LfsPath.parse("POST", raw, decoded)).isEmpty();
        assertThat(LfsPath.parse("POST", null, decoded)).isEmpty();
    }

    @Test
    void lfsPathsAreNotGitRequestsAndGitPathsAreNotLfsRequests() {
        String batch = LFS + "/objects/batch";
        assertThat(GitHttpPath.parse("POST", batch, batch, null)).isEmpty();
        assertThat(GitHttpPath.parse("GET", LFS + "/locks", LFS + "/locks", "git-upload-pack")).isEmpty();
        assertThat(LfsPath.parse("POST", "/alice/widgets.git/git-receive-pack", "/alice/widgets.git/git-receive-pack")).isEmpty();
    }
}
