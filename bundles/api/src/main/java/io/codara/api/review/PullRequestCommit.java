package io.codara.api.review;

import java.time.Instant;
import java.util.List;

/**
 * A commit of a pull request: reachable from its head and not from its base.
 *
 * @param sha the commit id
 * @param treeSha its tree
 * @param parents its parents' ids
 * @param message the full message
 * @param authorName author name
 * @param authorEmail author email
 * @param authoredAt author date
 * @param committerName committer name
 * @param committerEmail committer email
 * @param committedAt commit date
 */
public record PullRequestCommit(String sha, String treeSha, List<String> parents, String message, String authorName,
        String authorEmail, Instant authoredAt, String committerName, String committerEmail, Instant committedAt) {

    public PullRequestCommit {
        parents = List.copyOf(parents);
    }
}
