package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.event.Topics;
import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.PageRequest;
import io.codara.api.search.CodeMatch;
import io.codara.api.search.IndexStatus;
import io.codara.api.security.Principal;

import org.osgi.service.event.Event;

class CodeIndexerTest {

    @TempDir
    Path temp;
    SearchFixture fixture;
    Samples.JavaDeclarations symbols = new Samples.JavaDeclarations();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new SearchFixture(temp, "release/*");
        fixture.indexer.addSymbolExtractor(symbols, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private List<String> paths(String query) {
        return fixture.search.search(query, Principal.ANONYMOUS, PageRequest.of(1, 100)).items().stream()
                .map(CodeMatch::path).toList();
    }

    private void push(Repository r, RevCommit before, RevCommit after) {
        fixture.indexer.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", r.id(), "ref_updates",
                List.of(Map.of("ref", "refs/heads/main", "before", before == null ? "0".repeat(40) : before.name(),
                        "after", after.name())))));
    }

    @Test
    void aPushIsIndexedThroughTheQueueAndOnlyChangedBlobsAreReadAfterwards() throws Exception {
        Repository r = fixture.create("acme", "time", Visibility.PUBLIC);
        RevCommit first = fixture.commit(r, Samples.files());
        push(r, null, first);
        assertThat(fixture.queued).hasSize(1);
        fixture.drain();

        assertThat(fixture.index.branches(r.id())).containsExactly(Map.entry("main", first.name()));
        assertThat(paths("ListenAndServe")).containsExactly("cmd/server/main.go");
        assertThat(symbols.asked).hasSize(Samples.files().size());

        symbols.asked.clear();
        Map<String, String> change = new HashMap<>();
        change.put("cmd/server/main.go", Samples.GO_SERVER.replace("ListenAndServe", "ListenAndServeTLS"));
        change.put("tools/report.py", null);
        change.put("tools/cleanup.rb", "def purge_stale_sessions(days)\n  Session.where('age > ?', days).delete_all\nend\n");
        RevCommit second = fixture.commit(r, change);
        push(r, first, second);
        fixture.drain();

        assertThat(symbols.asked).containsExactlyInAnyOrder("cmd/server/main.go", "tools/cleanup.rb");
        assertThat(paths("ListenAndServeTLS")).containsExactly("cmd/server/main.go");
        assertThat(paths("ReportWriter")).isEmpty();
        assertThat(paths("purge_stale_sessions")).containsExactly("tools/cleanup.rb");
        assertThat(fixture.index.branches(r.id())).containsExactly(Map.entry("main", second.name()));
    }

    @Test
    void aForcePushRemovesWhatIsGoneAndADeletedBranchLeavesTheIndex() throws Exception {
        Repository r = fixture.create("acme", "time", Visibility.PUBLIC);
        RevCommit base = fixture.commit(r, Map.of("a.go", "package a\n\nfunc Alpha() {}\n"));
        RevCommit ahead = fixture.commit(r, Map.of("b.go", "package a\n\nfunc BetaOnly() {}\n"));
        fixture.indexer.sync(r.id());
        assertThat(paths("BetaOnly")).containsExactly("b.go");

        // Rewrite main to a sibling of the indexed commit: b.go never existed there.
        fixture.gits.get(r.id()).reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                .setRef(base.name()).call();
        RevCommit rewritten = fixture.commit(r, Map.of("c.go", "package a\n\nfunc GammaRewritten() {}\n"));
        assertThat(rewritten.getParent(0)).isEqualTo(base);
        push(r, ahead, rewritten);
        fixture.drain();
        assertThat(paths("BetaOnly")).isEmpty();
        assertThat(paths("GammaRewritten")).containsExactly("c.go");
        assertThat(paths("Alpha")).containsExactly("a.go");

        // A configured release branch is indexed beside main, and dropped once deleted.
        org.eclipse.jgit.lib.Repository git = fixture.gits.get(r.id()).getRepository();
        RefUpdate create = git.updateRef(Constants.R_HEADS + "release/1.0");
        create.setNewObjectId(ahead);
        create.update();
        RefUpdate other = git.updateRef(Constants.R_HEADS + "experiment");
        other.setNewObjectId(ahead);
        other.update();
        fixture.indexer.sync(r.id());
        assertThat(fixture.index.branches(r.id())).containsOnlyKeys("main", "release/1.0");
        assertThat(fixture.search.search("BetaOnly branch:release/1.0", Principal.ANONYMOUS, PageRequest.of(1, 10))
                .totalCount()).isEqualTo(1);

        RefUpdate delete = git.updateRef(Constants.R_HEADS + "release/1.0");
        delete.setForceUpdate(true);
        delete.delete();
        fixture.indexer.sync(r.id());
        assertThat(fixture.index.branches(r.id())).containsOnlyKeys("main");
        assertThat(fixture.search.search("BetaOnly branch:release/1.0", Principal.ANONYMOUS, PageRequest.of(1, 10))
                .totalCount()).isZero();
        assertThat(fixture.index.files(r.id(), "release/1.0")).isZero();
    }

    @Test
    void binariesAndLargeFilesAreSkippedAndFilesAreFlagged() throws Exception {
        Repository r = fixture.create("acme", "time", Visibility.PUBLIC);
        fixture.commit(r, Samples.files());
        byte[] binary = "PNG\0\0\0 uniqueBinaryMarker".getBytes(StandardCharsets.UTF_8);
        fixture.commitBytes(r, "assets/logo.png", binary);
        fixture.commit(r, Map.of("data/huge.txt", "hugeFileMarker\n".repeat(10_000)));
        fixture.indexer.sync(r.id());

        assertThat(paths("uniqueBinaryMarker")).isEmpty();
        assertThat(paths("hugeFileMarker")).isEmpty();
        IndexStatus status = new IndexAdministration(fixture.index, fixture.indexer, fixture.repositoryService,
                fixture.jobs).status();
        assertThat(status.files()).isEqualTo(Samples.files().size());
        long bytes = Samples.files().values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(status.bytes()).isEqualTo(bytes);
        assertThat(status.repositories()).isEqualTo(1);
        assertThat(status.branches()).singleElement().satisfies(b -> {
            assertThat(b.repository()).isEqualTo("acme/time");
            assertThat(b.files()).isEqualTo(Samples.files().size());
        });
    }

    @Test
    void committedStateSurvivesACrashAndCatchUpFindsWhatChangedWhileDown() throws Exception {
        Repository indexed = fixture.create("acme", "time", Visibility.PUBLIC);
        Repository untouched = fixture.create("acme", "other", Visibility.PUBLIC);
        RevCommit first = fixture.commit(indexed, Samples.files());
        fixture.commit(untouched, Map.of("x.py", "def untouched_function():\n    pass\n"));
        fixture.indexer.sync(indexed.id());
        fixture.indexer.sync(untouched.id());

        // Work the writer had not committed when the process died is lost; what was acknowledged is not.
        fixture.index.put(new IndexedFile(indexed.id(), "main", "ghost.go", "0".repeat(40), "Go",
                "func NeverCommitted() {}", 24, false, false, false, false, List.of()));
        fixture.index.close();
        RevCommit whileDown = fixture.commit(indexed, Map.of("late.go", "package late\n\nfunc ArrivedWhileDown() {}\n"));
        Repository gone = fixture.repositories.remove(untouched.id());

        fixture.open();
        fixture.indexer.addSymbolExtractor(symbols, Map.of());
        assertThat(fixture.index.branches(indexed.id())).containsExactly(Map.entry("main", first.name()));
        assertThat(paths("NeverCommitted")).isEmpty();
        assertThat(paths("parseDate")).isNotEmpty();

        assertThat(fixture.indexer.catchUp()).isEqualTo(2);
        fixture.drain();
        assertThat(fixture.index.branches(indexed.id())).containsExactly(Map.entry("main", whileDown.name()));
        assertThat(paths("ArrivedWhileDown")).containsExactly("late.go");
        assertThat(fixture.index.branches(gone.id())).isEmpty();
        assertThat(fixture.index.all()).containsOnlyKeys(indexed.id());
        assertThat(fixture.indexer.catchUp()).isZero();
    }

    @Test
    void aDeletedRepositoryLeavesTheIndexAndARebuildStartsFromScratch() throws Exception {
        Repository r = fixture.create("acme", "time", Visibility.PUBLIC);
        fixture.commit(r, Samples.files());
        fixture.indexer.handleEvent(new Event(Topics.GIT_REPOSITORY_CREATED, Map.of("repository_id", r.id())));
        fixture.drain();
        assertThat(paths("HttpClient")).containsExactly("web/src/http_client.ts");

        IndexAdministration admin = new IndexAdministration(fixture.index, fixture.indexer, fixture.repositoryService,
                fixture.jobs);
        symbols.asked.clear();
        admin.rebuild("ACME", "time");
        assertThat(paths("HttpClient")).isEmpty();
        fixture.drain();
        assertThat(symbols.asked).hasSize(Samples.files().size());
        assertThat(paths("HttpClient")).containsExactly("web/src/http_client.ts");
        assertThat(admin.rebuildAll()).isEqualTo(1);
        assertThat(fixture.index.all()).isEmpty();
        fixture.drain();
        assertThat(paths("HttpClient")).containsExactly("web/src/http_client.ts");

        fixture.repositories.remove(r.id());
        fixture.indexer.handleEvent(new Event(Topics.GIT_REPOSITORY_DELETED, Map.of("repository_id", r.id())));
        fixture.drain();
        assertThat(fixture.index.all()).isEmpty();
        assertThat(fixture.index.totals()[0]).isZero();
    }

    @Test
    void aNewDefaultBranchIsIndexedInsteadOfTheOldOne() throws Exception {
        Repository r = fixture.create("acme", "moving", Visibility.PUBLIC);
        fixture.commit(r, Map.of("Old.java", "class OnTheOldDefault {}\n"));
        fixture.indexer.sync(r.id());
        Git git = fixture.gits.get(r.id());
        git.checkout().setCreateBranch(true).setName("trunk").call();
        Map<String, String> change = new HashMap<>();
        change.put("Old.java", null);
        change.put("New.java", "class OnTheNewDefault {}\n");
        fixture.commit(r, change);
        fixture.repositories.put(r.id(), new Repository(r.id(), r.owner(), r.name(), null, null, List.of(),
                Visibility.PUBLIC, "trunk", false, false, null, r.createdAt(), r.updatedAt(), null));
        fixture.indexer.handleEvent(new Event(Topics.GIT_DEFAULT_BRANCH_CHANGED, Map.of("repository_id", r.id(),
                "from", "main", "to", "trunk")));
        assertThat(fixture.queued).hasSize(1);
        fixture.drain();
        assertThat(fixture.index.branches(r.id())).containsOnlyKeys("trunk");
        assertThat(paths("OnTheNewDefault")).containsExactly("New.java");
        assertThat(paths("OnTheOldDefault")).isEmpty();

        fixture.repositories.put(r.id(), r); // and back
        fixture.indexer.handleEvent(new Event(Topics.GIT_DEFAULT_BRANCH_CHANGED, Map.of("repository_id", r.id(),
                "from", "trunk", "to", "main")));
        fixture.drain();
        assertThat(fixture.index.branches(r.id())).containsOnlyKeys("main");
        assertThat(paths("OnTheOldDefault")).containsExactly("Old.java");
        assertThat(paths("OnTheNewDefault")).isEmpty();
    }

    @Test
    void aPushOfTagsOnlyQueuesNothingAndBranchGlobsMatchWithinSegments() {
        fixture.indexer.handleEvent(new Event(Topics.GIT_PUSH, Map.of("repository_id", 7L, "ref_updates",
                List.of(Map.of("ref", "refs/tags/v1", "before", "0".repeat(40), "after", "1".repeat(40))))));
        assertThat(fixture.queued).isEmpty();
        assertThat(CodeIndexer.glob("release/*").matcher("release/1.0").matches()).isTrue();
        assertThat(CodeIndexer.glob("release/*").matcher("release/1.0/hotfix").matches()).isFalse();
        assertThat(CodeIndexer.glob("release/**").matcher("release/1.0/hotfix").matches()).isTrue();
    }
}
