package io.codara.git.internal;

import static io.codara.git.internal.BrowsingFixture.ALICE;
import static io.codara.git.internal.BrowsingFixture.request;
import static io.codara.git.internal.BrowsingFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.codara.api.audit.Actor;
import io.codara.api.event.Topics;
import io.codara.api.git.FsckReport;
import io.codara.api.git.GcReport;
import io.codara.api.identity.Account;
import io.codara.api.identity.AccountType;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Principal;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.JobState;
import io.codara.api.rest.PagedObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.osgi.service.event.Event;

/**
 * Archives, blame, languages, the multi-branch comparison, size analytics, contributions and housekeeping, over
 * the real repositories of {@link BrowsingFixture} plus a branch that conflicts with main, read as clients read
 * them: archives unpacked by the real {@code tar} and {@code unzip}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;

    private BrowsingFixture f;
    private String conflict;
    private RepositoryArchives archives;
    private RepositorySizes sizes;
    private Contributions contributions;

    @BeforeAll
    void fixture(@TempDir Path temp) throws Exception {
        root = temp;
        f = new BrowsingFixture(root, RepositoryBrowser.Limits.DEFAULT);
        // "conflict" edits bin/run, which main deleted: a modify/delete conflict. "docs-only" merges cleanly.
        Path work = root.resolve("work2");
        try (Git git = Git.cloneRepository().setURI(f.directories.directory(f.tools.id()).toUri().toString())
                .setDirectory(work.toFile()).call()) {
            git.checkout().setCreateBranch(true).setName("conflict").setStartPoint(f.c2).call();
            Files.writeString(work.resolve("bin/run"), "#!/bin/sh\necho changed\n");
            git.add().addFilepattern("bin/run").call();
            PersonIdent dave = new PersonIdent("Dave", "dave@example.com", Instant.parse("2024-04-01T10:00:00Z"),
                    ZoneOffset.UTC);
            conflict = git.commit().setMessage("Change run").setAuthor(dave).setCommitter(dave).call().name();
            git.push().add("conflict").call();
        }
        archives = new RepositoryArchives(f.directories);
        sizes = new RepositorySizes(new GitSchema(), f.database, f.directories);
    }

    private static JsonNode json(Object value) {
        Object entity = value instanceof Response r ? r.getEntity() : value;
        return JSON.valueToTree(entity instanceof PagedObject paged ? paged.body() : entity);
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("expected a refusal");
    }

    private static HttpServletRequest anyone() {
        return request(Principal.ANONYMOUS);
    }

    // ---- archives

    @Test
    void tarballAndZipballRedirectToTheCommitsArchiveWhichRealToolsUnpack() throws Exception {
        ArchiveResource.Tarball tarball = new ArchiveResource.Tarball(f.access, archives);
        ArchiveResource.Zipball zipball = new ArchiveResource.Zipball(f.access, archives);
        ArchiveResource.Download download = new ArchiveResource.Download(f.access, archives);

        Response redirect = tarball.defaultBranch("alice", "tools", anyone(), uri("repos/alice/tools/tarball"));
        assertThat(redirect.getStatus()).isEqualTo(302);
        assertThat(redirect.getLocation().toString())
                .isEqualTo("http://codara.test/api/v3/repos/alice/tools/archive/" + f.c3 + ".tar.gz");
        assertThat(zipball.ref("alice", "tools", "feature/deep/x", anyone(), uri("x")).getLocation().toString())
                .endsWith("/archive/" + f.c4 + ".zip");
        assertThat(status(() -> tarball.ref("alice", "tools", "nope", anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> tarball.defaultBranch("alice", "secret", anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> tarball.defaultBranch("alice", "empty", request(ALICE), uri("x")))).isEqualTo(409);
        assertThat(status(() -> download.get("alice", "tools", "main.rar", anyone(), uri("x")))).isEqualTo(404);

        String top = "alice-tools-" + f.c3.substring(0, 7);
        Response tar = download.get("alice", "tools", "main.tar.gz", anyone(), uri("x"));
        assertThat(tar.getHeaderString("Content-Disposition")).isEqualTo("attachment; filename=" + top + ".tar.gz");
        Path tgz = root.resolve("a.tar.gz");
        Files.write(tgz, body(tar));
        Path untar = Files.createDirectories(root.resolve("untar"));
        run(untar, "tar", "xzf", tgz.toString());
        assertThat(untar.resolve(top + "/src/main.c")).hasContent(
                "#include <stdio.h>\n\nint main(void) {\n    puts(\"hi\");\n    return 0;\n}");
        assertThat(Files.readString(untar.resolve(top + "/docs/manual.md"))).isEqualTo(BrowsingFixture.GUIDE);
        assertThat(Files.readAllBytes(untar.resolve(top + "/logo.png"))).isEqualTo(BrowsingFixture.LOGO);
        assertThat(Files.isSymbolicLink(untar.resolve(top + "/link"))).isTrue();
        assertThat(Files.readSymbolicLink(untar.resolve(top + "/link")).toString()).isEqualTo("src/main.c");
        assertThat(untar.resolve(top + "/bin")).doesNotExist();

        Response zip = download.get("alice", "tools", "feature/deep/x.zip", anyone(), uri("x"));
        String zipTop = "alice-tools-" + f.c4.substring(0, 7);
        Path zipFile = root.resolve("a.zip");
        Files.write(zipFile, body(zip));
        Path unzipped = Files.createDirectories(root.resolve("unzip"));
        run(unzipped, "unzip", "-q", zipFile.toString());
        assertThat(unzipped.resolve(zipTop + "/feature.txt")).hasContent("A feature.");
        assertThat(Files.isExecutable(unzipped.resolve(zipTop + "/bin/run"))).isTrue();
        assertThat(Files.isSymbolicLink(unzipped.resolve(zipTop + "/link"))).isTrue();
    }

    private static byte[] body(Response response) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        return out.toByteArray();
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    // ---- blame

    @Test
    void blameGivesRangesWithTheirCommitsAndAges() {
        BlameResource blame = new BlameResource(f.access, new RepositoryBlame(f.directories));
        JsonNode main = json(blame.get("alice", "tools", "main/src/main.c", anyone(), uri("x")));
        assertThat(main.get("sha").asText()).isEqualTo(f.c3);
        assertThat(main.get("lines").asInt()).isEqualTo(6);
        JsonNode ranges = main.get("ranges");
        // c2 rewrote the file except "int main(void) {" and "    return 0;" / "}" which c1 wrote.
        int fromC1 = 0;
        int covered = 0;
        for (JsonNode r : ranges) {
            covered += r.get("ending_line").asInt() - r.get("starting_line").asInt() + 1;
            if (r.at("/commit/sha").asText().equals(f.c1)) {
                fromC1 += r.get("ending_line").asInt() - r.get("starting_line").asInt() + 1;
                assertThat(r.get("age").asInt()).isEqualTo(10);
                assertThat(r.at("/commit/author/name").asText()).isEqualTo("Alice");
                assertThat(r.at("/commit/message_headline").asText()).isEqualTo("First tools");
            } else {
                assertThat(r.at("/commit/sha").asText()).isEqualTo(f.c2);
                assertThat(r.get("age").asInt()).isEqualTo(1);
            }
        }
        assertThat(covered).isEqualTo(6);
        assertThat(fromC1).isEqualTo(3);
        // Renames are followed: the manual's lines come from the guide's first commit.
        JsonNode manual = json(blame.get("alice", "tools", "main/docs/manual.md", anyone(), uri("x")));
        assertThat(manual.at("/ranges/0/commit/sha").asText()).isEqualTo(f.c1);
        assertThat(manual.at("/ranges/0/original_path").asText()).isEqualTo("docs/guide.md");
        // Refs with slashes, and the refusals.
        assertThat(json(blame.get("alice", "tools", "feature/deep/x/feature.txt", anyone(), uri("x"))).at(
                "/ranges/0/commit/author/name").asText()).isEqualTo("Carol");
        assertThat(status(() -> blame.get("alice", "tools", "main/logo.png", anyone(), uri("x")))).isEqualTo(422);
        assertThat(status(() -> blame.get("alice", "tools", "main/docs", anyone(), uri("x")))).isEqualTo(422);
        assertThat(status(() -> blame.get("alice", "tools", "main/../etc/passwd", anyone(), uri("x")))).isEqualTo(404);
        assertThat(status(() -> blame.get("alice", "secret", "main/README.md", anyone(), uri("x")))).isEqualTo(404);
        BlameResource small = new BlameResource(f.access, new RepositoryBlame(f.directories, 100));
        assertThat(status(() -> small.get("alice", "tools", "main/docs/manual.md", anyone(), uri("x")))).isEqualTo(413);
    }

    // ---- languages

    @Test
    void languagesCountCodeBytesOnTheDefaultBranchAndAreKeptPerTree() {
        RepositoryLanguages languages = new RepositoryLanguages(f.directories);
        LanguagesResource resource = new LanguagesResource(f.access, languages);
        Map<String, Long> found = resource.get("alice", "tools", anyone(), uri("x"));
        // src/main.c is C; README.md and docs/ are documentation, logo.png no language, link a symlink.
        assertThat(found).containsExactly(Map.entry("C", (long) "#include <stdio.h>\n\nint main(void) {\n    puts(\"hi\");\n    return 0;\n}\n".length()));
        assertThat(languages.cached(ObjectId.fromString(treeOf(f.c3)))).isTrue();
        assertThat(new LanguagesResource.Stats(f.access, languages).get("alice", "tools", anyone(), uri("x")))
                .isEqualTo(found);
        assertThat(resource.get("alice", "empty", request(ALICE), uri("x"))).isEmpty();
        assertThat(status(() -> resource.get("alice", "secret", anyone(), uri("x")))).isEqualTo(404);
    }

    private String treeOf(String commit) {
        try (org.eclipse.jgit.lib.Repository git = f.directories.open(f.tools.id());
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(git)) {
            return walk.parseCommit(ObjectId.fromString(commit)).getTree().name();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void linguistLeavesOutVendoredGeneratedAndDocumentation() {
        assertThat(Linguist.language("src/Main.java")).isEqualTo("Java");
        assertThat(Linguist.language("web/app.tsx")).isEqualTo("TSX");
        assertThat(Linguist.language("Makefile")).isEqualTo("Makefile");
        assertThat(Linguist.language("build/CMakeLists.txt")).isEqualTo("CMake");
        assertThat(Linguist.language("node_modules/x/index.js")).isNull();
        assertThat(Linguist.language("vendor/lib.go")).isNull();
        assertThat(Linguist.language("static/app.min.js")).isNull();
        assertThat(Linguist.language("docs/example.py")).isNull();
        assertThat(Linguist.language("README.md")).isNull();
        assertThat(Linguist.language("config.yaml")).isNull();
        assertThat(Linguist.language("notes.txt")).isNull();
    }

    // ---- branch comparison

    @Test
    void branchesAreComparedWithTheBaseByATrialMergeThatWritesNothing() throws Exception {
        BranchComparisonResource resource = new BranchComparisonResource(f.access, new BranchComparison(f.directories));
        long objectsBefore = looseObjects();
        JsonNode all = json(resource.get("alice", "tools", null, null, null, null, anyone(),
                uri("repos/alice/tools/compare-branches")));
        assertThat(all.get("base").asText()).isEqualTo("main");
        assertThat(all.get("total_count").asInt()).isEqualTo(2);
        JsonNode conflicting = all.at("/branches/0");
        assertThat(conflicting.get("name").asText()).isEqualTo("conflict");
        assertThat(conflicting.get("ahead_by").asInt()).isEqualTo(1);
        assertThat(conflicting.get("behind_by").asInt()).isEqualTo(1);
        assertThat(conflicting.get("mergeable").asBoolean()).isFalse();
        assertThat(conflicting.get("conflicting_paths").toString()).contains("bin/run");
        assertThat(conflicting.get("committed_at").asText()).isEqualTo("2024-04-01T10:00:00Z");
        JsonNode feature = all.at("/branches/1");
        assertThat(feature.get("name").asText()).isEqualTo("feature/deep/x");
        assertThat(feature.get("mergeable").asBoolean()).isTrue();
        assertThat(feature.get("conflicting_paths")).isEmpty();
        assertThat(looseObjects()).isEqualTo(objectsBefore);

        JsonNode named = json(resource.get("alice", "tools", "feature/deep/x", List.of("main,nope", "conflict"), null,
                null, anyone(), uri("x")));
        assertThat(named.at("/branches/0/name").asText()).isEqualTo("main");
        assertThat(named.at("/branches/0/ahead_by").asInt()).isEqualTo(1);
        assertThat(named.at("/branches/0/behind_by").asInt()).isEqualTo(1);
        assertThat(named.get("missing").toString()).isEqualTo("[\"nope\"]");

        Response paged = resource.get("alice", "tools", null, null, 1, 1, anyone(),
                uri("repos/alice/tools/compare-branches?per_page=1"));
        assertThat(json(paged).get("branches")).hasSize(1);
        assertThat(((PagedObject) paged.getEntity()).lastPage()).as("more branches than one page").isGreaterThan(1);
        assertThat(status(() -> resource.get("alice", "secret", null, null, null, null, anyone(), uri("x"))))
                .isEqualTo(404);
    }

    private long looseObjects() {
        return sizes.usage(f.tools.id()).looseObjects();
    }

    // ---- size

    @Test
    void sizeTellsDiskObjectsLargestFilesWithHistoryAndGrowth() throws Exception {
        assertThat(sizes.sample(f.tools.id(), 60)).isTrue();
        assertThat(sizes.sample(f.tools.id(), 60)).as("debounced").isFalse();
        SizeResource resource = new SizeResource(f.access, sizes);
        JsonNode size = json(resource.get("alice", "tools", 2, anyone(), uri("x")));
        assertThat(size.at("/disk/total_bytes").asLong()).isPositive();
        assertThat(size.at("/disk/directory_bytes").asLong()).isGreaterThan(size.at("/disk/total_bytes").asLong());
        // The repository's GitHub `size` (kilobytes) is the last sample's
        io.codara.api.git.Repository measured = f.repositories.find(f.tools.id()).orElseThrow();
        assertThat(measured.diskBytes()).isEqualTo(size.at("/disk/total_bytes").asLong());
        assertThat(new RepositoryJson(java.net.URI.create("http://h/api/v3/")).of(measured, f.accounts.find("alice").orElseThrow(), Optional.empty())
                .get("size")).isEqualTo((measured.diskBytes() + 1023) / 1024);
        // c1..c3 on main, c4 and "conflict": 5 commits, one annotated tag.
        assertThat(size.at("/objects/commits").asLong()).isEqualTo(5);
        assertThat(size.at("/objects/tags").asLong()).isEqualTo(1);
        assertThat(size.at("/largest_blobs")).hasSize(2);
        assertThat(size.at("/largest_blobs/0/path").asText()).isEqualTo("docs/manual.md");
        assertThat(size.at("/largest_blobs/0/size").asLong()).isEqualTo(BrowsingFixture.GUIDE.length());
        assertThat(size.at("/largest_blobs/1/path").asText()).isEqualTo("src/main.c");
        JsonNode history = size.at("/largest_blobs/1/history");
        assertThat(history).hasSize(2);
        assertThat(history.at("/0/sha").asText()).isEqualTo(f.c2);
        assertThat(history.at("/1/sha").asText()).isEqualTo(f.c1);
        assertThat(history.at("/1/size").asLong()).isEqualTo("int main(void) {\n    return 0;\n}\n".length());
        assertThat(size.get("growth")).hasSize(1);
        assertThat(size.at("/growth/0/total_bytes").asLong()).isPositive();
        assertThat(status(() -> resource.get("alice", "secret", null, anyone(), uri("x")))).isEqualTo(404);
    }

    // ---- housekeeping

    @Test
    void fsckFindsAMissingObjectAndGcRepacks() throws Exception {
        GitHousekeeping housekeeping = new GitHousekeeping(f.repositories, f.directories, sizes);
        Actor admin = new Actor("admin", null);
        FsckReport clean = housekeeping.fsck("alice", "tools", admin);
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.objectsChecked()).isGreaterThan(10);
        assertThat(housekeeping.fsck("alice", "empty", admin).clean()).isTrue();
        assertThat(status(() -> housekeeping.fsck("alice", "nope", admin))).isEqualTo(404);

        GcReport gc = housekeeping.gc("alice", "tools", admin);
        assertThat(gc.after().looseObjects()).isZero();
        assertThat(gc.after().packs()).isPositive();
        assertThat(gc.before().looseObjects() + gc.before().packedObjects()).isPositive();

        // A repository with a loose blob removed behind git's back.
        var broken = f.repositories.create("alice", new io.codara.api.git.NewRepository("broken", null, null, null,
                true, null, null, null), admin);
        String readme;
        try (org.eclipse.jgit.lib.Repository git = f.directories.open(broken.id());
                org.eclipse.jgit.treewalk.TreeWalk tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(git, "README.md",
                        new org.eclipse.jgit.revwalk.RevWalk(git).parseCommit(git.resolve("HEAD")).getTree())) {
            readme = tw.getObjectId(0).name();
        }
        Path object = f.directories.directory(broken.id()).resolve("objects/" + readme.substring(0, 2) + "/"
                + readme.substring(2));
        assertThat(object).exists();
        Files.delete(object);
        FsckReport report = housekeeping.fsck("alice", "broken", admin);
        assertThat(report.clean()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("missing blob " + readme));
    }

    // ---- contributions

    @Test
    void contributionsAreCreditedOncePerCommitAndShownOnlyWhereTheViewerMaySee() throws Exception {
        when(f.accounts.findByEmail(anyString(), anyBoolean())).thenReturn(Optional.empty());
        Account alice = new Account(1, "alice", AccountType.USER, "Alice", "alice@example.com", null, null, null, null,
                false, null, null, null, Instant.now(), Instant.now());
        when(f.accounts.findByEmail("alice@example.com", false)).thenReturn(Optional.of(alice));
        ContributionsConfig config = mock(ContributionsConfig.class);
        when(config.max_commits_per_push()).thenReturn(10_000);
        JobQueue jobs = mock(JobQueue.class);
        contributions = new Contributions(new GitSchema(), f.database, jobs, f.directories,
                f.repositories, f.accounts, f.permissions, config);
        String zero = ObjectId.zeroId().name();
        // The fixture's push, as its event tells it: every branch and tag new. c1 and c3 are Alice's; c2 is Bob's,
        // whose email is nobody's here; c4 Carol's and the conflict branch's Dave's, nobody's either.
        List<Map<String, String>> push = List.of(Map.of("ref", "refs/heads/main", "before", zero, "after", f.c3),
                Map.of("ref", "refs/heads/feature/deep/x", "before", zero, "after", f.c4),
                Map.of("ref", "refs/heads/conflict", "before", zero, "after", conflict),
                Map.of("ref", "refs/tags/v1.0", "before", zero, "after", f.c1),
                Map.of("ref", "refs/tags/v2.0", "before", zero, "after", f.c2));
        // The push event is queued as a job (not counted on EventAdmin's thread); the job counts it.
        contributions.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", f.tools.id(), "ref_updates", push)));
        ArgumentCaptor<String> payload = ArgumentCaptor.forClass(String.class);
        verify(jobs).enqueue(eq(Contributions.QUEUE), payload.capture(), any(JobOptions.class));
        Job job = new Job(1, Contributions.QUEUE, payload.getValue(), JobState.RUNNING, 1, 5, Instant.now(), null,
                Instant.now());
        contributions.handle(job);
        assertThat(f.database.queryLong("SELECT count(*) FROM git.contributions WHERE repository_id = " + f.tools.id()))
                .isEqualTo(2);
        assertThat(contributions.record(f.tools.id(), push)).as("a re-delivered event").isZero();
        // Only what no other ref (HEAD included) already had is new: feature/deep/x moving from c2 to c4 brings c4
        // alone, Carol's. (Without the pushed refs above, v2.0 alone would hide c1 and c2.)
        contributions = new Contributions(new GitSchema(), f.database, jobs, f.directories, f.repositories, f.accounts,
                f.permissions, config);
        assertThat(contributions.record(f.tools.id(), List.of(Map.of("ref", "refs/heads/feature/deep/x", "before",
                f.c2, "after", f.c4)))).isZero();

        ContributionsResource resource = new ContributionsResource(contributions, f.accounts);
        JsonNode year = json(resource.get("alice", "2024-01-01", "2024-12-31", anyone()));
        assertThat(year.get("total").asInt()).isEqualTo(2);
        assertThat(year.get("days").toString()).isEqualTo(
                "[{\"date\":\"2024-01-01\",\"count\":1},{\"date\":\"2024-03-01\",\"count\":1}]");
        assertThat(json(resource.get("alice", "2024-02-01", "2024-02-28", anyone())).get("total").asInt()).isZero();
        assertThat(status(() -> resource.get("alice", "2024-12-31", "2024-01-01", anyone()))).isEqualTo(422);
        assertThat(status(() -> resource.get("alice", "yesterday", null, anyone()))).isEqualTo(422);
        assertThat(status(() -> resource.get("nobody", null, null, anyone()))).isEqualTo(404);

        // Commits in a private repository count for viewers who may see it, and only for them.
        String secretHead;
        try (org.eclipse.jgit.lib.Repository git = f.directories.open(f.secret.id())) {
            secretHead = git.resolve("refs/heads/main").name();
        }
        try (org.eclipse.jgit.lib.Repository git = f.directories.open(f.secret.id());
                org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(git)) {
            PersonIdent author = walk.parseCommit(ObjectId.fromString(secretHead)).getAuthorIdent();
            when(f.accounts.findByEmail(author.getEmailAddress().toLowerCase(java.util.Locale.ROOT), false))
                    .thenReturn(Optional.of(alice));
            LocalDate day = author.getWhenAsInstant().atZone(ZoneOffset.UTC).toLocalDate();
            assertThat(contributions.record(f.secret.id(), List.of(Map.of("ref", "refs/heads/main", "before", zero,
                    "after", secretHead)))).isEqualTo(1);
            int seenByAlice = json(resource.get("alice", day.toString(), day.toString(), request(ALICE)))
                    .get("total").asInt();
            int seenByAnyone = json(resource.get("alice", day.toString(), day.toString(), anyone())).get("total").asInt();
            assertThat(seenByAlice).isEqualTo(seenByAnyone + 1);
        }
    }
}
