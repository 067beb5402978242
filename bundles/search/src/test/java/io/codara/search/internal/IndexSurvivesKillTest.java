package io.codara.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.codara.api.git.Repository;
import io.codara.api.git.Visibility;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;

/**
 * A real {@code kill -9} of a JVM in the middle of indexing: the index opens afterwards, holds exactly the last
 * commit it acknowledged or a later one (never a mix of two), and the catch-up brings it to the branch's head.
 */
class IndexSurvivesKillTest {

    static final int COMMITS = 6;
    static final int FILES_PER_COMMIT = 400;

    @TempDir
    Path temp;

    @Test
    void aKilledIndexerLosesNothingItAcknowledged() throws Exception {
        List<String> commits = new ArrayList<>();
        Path workTree;
        try (SearchFixture setup = new SearchFixture(temp.resolve("setup"))) {
            Repository big = setup.create("acme", "big", Visibility.PUBLIC);
            for (int c = 0; c < COMMITS; c++) {
                // Each commit replaces the previous one's files: marker c is in exactly its own commit's files.
                Map<String, String> files = new HashMap<>();
                for (int f = 0; f < FILES_PER_COMMIT; f++) {
                    if (c > 0) {
                        files.put("c" + (c - 1) + "/File" + f + ".java", null);
                    }
                    files.put("c" + c + "/File" + f + ".java", "class File" + f + " { String s = \"marker" + c
                            + "\"; int n = " + (c * 1000 + f) + "; }\n".repeat(1 + f % 7));
                }
                commits.add(setup.commit(big, files).name());
            }
            workTree = setup.gits.get(big.id()).getRepository().getWorkTree().toPath();
            RefUpdate back = setup.gits.get(big.id()).getRepository().updateRef("refs/heads/main");
            back.setNewObjectId(ObjectId.fromString(commits.get(0)));
            back.setForceUpdate(true);
            back.update();
        }

        Path root = temp.resolve("node");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), IndexKillChild.class.getName(), root.toString(),
                workTree.toString()));
        command.addAll(commits);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acknowledged = -1;
        int moved = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("SYNCED ")) {
                    acknowledged = Integer.parseInt(line.substring(7));
                } else if (line.startsWith("MOVED ")) {
                    moved = Integer.parseInt(line.substring(6));
                    if (acknowledged >= 2) {
                        // In the middle of indexing commit `moved`: 400 files to remove, 400 to add.
                        Thread.sleep(5 + moved * 7 % 40);
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                        break;
                    }
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not finished").isEqualTo(137);
        assertThat(acknowledged).isGreaterThanOrEqualTo(2);

        try (SearchFixture restarted = new SearchFixture(root)) {
            Repository big = restarted.adopt("acme", "big", workTree);
            String indexedCommit = restarted.index.branches(big.id()).get("main");
            int indexed = commits.indexOf(indexedCommit);
            assertThat(indexed).as("the index holds an acknowledged commit or the one in flight")
                    .isBetween(acknowledged, moved);
            for (int c = 0; c < COMMITS; c++) {
                assertThat(count(restarted, "marker" + c)).as("files of commit %d", c)
                        .isEqualTo(c == indexed ? FILES_PER_COMMIT : 0);
            }
            restarted.indexer.sync(big.id());
            assertThat(restarted.index.branches(big.id())).containsEntry("main", commits.get(moved));
            assertThat(count(restarted, "marker" + moved)).isEqualTo(FILES_PER_COMMIT);
            assertThat(restarted.index.files(big.id(), "main")).isEqualTo(FILES_PER_COMMIT);
        }
    }

    private static long count(SearchFixture fixture, String term) {
        return fixture.search.search(term, Principal.ANONYMOUS, PageRequest.of(1, 1)).totalCount();
    }
}
