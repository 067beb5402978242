package io.codara.search.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;

import io.codara.api.git.Repository;

/**
 * The process {@link IndexSurvivesKillTest} kills: over the index at {@code args[0]}, it moves branch {@code main} of
 * the git repository at {@code args[1]} to each commit of {@code args[2..]} in turn and indexes it, printing
 * {@code MOVED n} once the branch has moved and {@code SYNCED n} once the index has committed it (acknowledged).
 */
public final class IndexKillChild {

    private IndexKillChild() {
    }

    public static void main(String[] args) throws Exception {
        try (SearchFixture fixture = new SearchFixture(Path.of(args[0]))) {
            Repository repository = fixture.adopt("acme", "big", Path.of(args[1]));
            org.eclipse.jgit.lib.Repository git = fixture.gits.get(repository.id()).getRepository();
            List<String> commits = List.of(args).subList(2, args.length);
            for (int n = 0; n < commits.size(); n++) {
                RefUpdate move = git.updateRef("refs/heads/main");
                move.setNewObjectId(ObjectId.fromString(commits.get(n)));
                move.setForceUpdate(true);
                RefUpdate.Result result = move.update();
                if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD
                        && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.NEW) {
                    throw new IllegalStateException("main not moved: " + result);
                }
                System.out.println("MOVED " + n);
                System.out.flush();
                fixture.indexer.sync(repository.id());
                System.out.println("SYNCED " + n);
                System.out.flush();
            }
            System.out.println("DONE");
        }
    }
}
