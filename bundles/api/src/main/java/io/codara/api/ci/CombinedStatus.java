package io.codara.api.ci;

import java.util.List;

/**
 * The combined status of a commit, GitHub's rules: the latest status of each context decides; {@code failure}
 * when any of them is {@code error} or {@code failure}, {@code pending} when any is {@code pending} or there is
 * none, {@code success} otherwise.
 *
 * @param repositoryId the repository
 * @param sha the commit's full SHA-1
 * @param state the combined state
 * @param statuses the latest status of each context on this page, newest first
 * @param totalCount how many contexts there are
 */
public record CombinedStatus(long repositoryId, String sha, CommitState state, List<CommitStatus> statuses,
        long totalCount) {

    public CombinedStatus {
        statuses = List.copyOf(statuses);
    }
}
