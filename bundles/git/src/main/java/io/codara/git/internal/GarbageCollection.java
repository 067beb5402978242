package io.codara.git.internal;

import java.time.Instant;

import org.eclipse.jgit.api.Git;

import io.codara.api.git.Repository;

/**
 * How a repository is repacked, by background maintenance and by {@code codara:repo-gc} alike: everything reachable
 * into one pack with a bitmap index, loose objects packed, unreachable ones kept two weeks; packs it replaced go
 * once JGit's {@code gc.prunePackExpire} (an hour) has passed, at a later run, so readers holding them open are not
 * broken.
 * <p>
 * Forks borrow their parent's objects (git alternates) and see only the parent's object directory, not its refs: an
 * object the parent no longer reaches (after a force-push, say) may still be what a fork's branch stands on. So a
 * repository that has forks never prunes: objects of the packs it replaces that the new pack lacks are kept as
 * loose objects and never expire while it has forks. A fork itself is not repacked by JGit's collection, which
 * would copy every object it borrows into its own pack and undo what makes a fork cheap; the packs its pushes bring
 * stay as they are.
 */
final class GarbageCollection {

    private GarbageCollection() {
    }

    /** Repacks {@code repository} as described above; answers what was done, in words. */
    static String collect(GitDirectories directories, Repository repository) throws Exception {
        if (repository.fork()) {
            return "not repacked: a fork borrows its objects from its parent";
        }
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id()); Git porcelain = Git.wrap(git)) {
            var gc = porcelain.gc();
            if (repository.forksCount() > 0) {
                // Nothing is older than the epoch, so nothing is pruned; JGit still loosens what it drops from packs.
                gc.setExpire(Instant.EPOCH);
            }
            gc.call();
        }
        return repository.forksCount() > 0
                ? "repacked with a bitmap index, unreachable objects kept for its forks"
                : "repacked with a bitmap index";
    }
}
