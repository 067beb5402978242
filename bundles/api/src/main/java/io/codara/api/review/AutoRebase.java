package io.codara.api.review;

import java.time.Instant;

/**
 * A pull request whose head branch is rebased onto its base branch whenever the base moves (Codara's auto-rebase).
 *
 * @param enabledById the account that enabled it; rebases are made in its name (the head branch's protection applies
 *        to it) and it is the committer of the rebased commits
 * @param enabledAt when it was enabled
 * @param lastResult the outcome of the last attempt, or {@code null} before the first one
 */
public record AutoRebase(long enabledById, Instant enabledAt, Result lastResult) {

    /** The outcomes of an auto-rebase attempt. */
    public enum State {
        /** The head branch was moved onto the rebased commits. */
        REBASED,
        /** A commit does not apply cleanly onto the new base: the branch was left alone. */
        CONFLICT,
        /** The pull request contains merge commits, which are not replayed: the branch was left alone. */
        MERGE_COMMITS,
        /** The head branch's protection refused the update for the enabler. */
        REFUSED,
        /** The enabler may no longer push to the head branch (a fork without maintainer access, say). */
        FORBIDDEN,
        /** The head branch moved while rebasing (a push by its author): the push was kept. */
        HEAD_MOVED,
        /** The head or base branch no longer exists. */
        MISSING_BRANCH;

        /** The name in JSON and in the database: lower case. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What one attempt did.
     *
     * @param state the outcome
     * @param message what happened, in one sentence
     * @param at when
     * @param baseSha the base commit it rebased onto (or tried to)
     * @param headSha the head branch's commit afterwards: the rebased tip, or the one left alone
     */
    public record Result(State state, String message, Instant at, String baseSha, String headSha) {
    }
}
