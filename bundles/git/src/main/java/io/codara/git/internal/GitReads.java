package io.codara.git.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;

/**
 * What the readers beside {@link RepositoryBrowser} (archives, blame, languages, sizes, branch comparisons) share:
 * opening a repository for one piece of work, and naming a commit a caller asked for or refusing with GitHub's
 * answers (409 for an empty repository, 404 for a name that is not there).
 */
final class GitReads {

    private GitReads() {
    }

    @FunctionalInterface
    interface GitWork<T> {
        T run(org.eclipse.jgit.lib.Repository git, RevWalk walk) throws IOException;
    }

    static <T> T read(GitDirectories directories, Repository repository, GitWork<T> work) {
        try (org.eclipse.jgit.lib.Repository git = directories.open(repository.id()); RevWalk walk = new RevWalk(git)) {
            return work.run(git, walk);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read repository " + repository.fullName() + ": " + e.getMessage(), e);
        }
    }

    /** The commit {@code ref} names ({@code null} or blank: the default branch), or a 409 or 404. */
    static RevCommit commitOrFail(org.eclipse.jgit.lib.Repository git, RevWalk walk, Repository repository, String ref)
            throws IOException {
        requireNotEmpty(git);
        String name = ref == null || ref.isBlank() ? repository.defaultBranch() : ref;
        return Revisions.commit(git, walk, name)
                .orElseThrow(() -> new ApiException(404, "No commit found for the ref " + printable(name)));
    }

    static void requireNotEmpty(org.eclipse.jgit.lib.Repository git) throws IOException {
        if (!git.getRefDatabase().hasRefs()) {
            throw new ApiException(409, "Git Repository is empty.");
        }
    }

    /** A caller's ref as it may be echoed in a message: short, and without control characters. */
    static String printable(String ref) {
        String s = ref == null ? "" : ref.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
