package io.codara.api.event;

/** EventAdmin topics of Codara's domain events: {@code codara/<capability>/<event>}. */
public final class Topics {

    /** Prefix of every Codara topic. */
    public static final String PREFIX = "codara/";

    /** A push moved refs of a repository. */
    public static final String GIT_PUSH = "codara/git/push";

    /** A repository was created. */
    public static final String GIT_REPOSITORY_CREATED = "codara/git/repository_created";

    /** A repository was deleted. */
    public static final String GIT_REPOSITORY_DELETED = "codara/git/repository_deleted";

    /** A repository was renamed. */
    public static final String GIT_REPOSITORY_RENAMED = "codara/git/repository_renamed";

    /**
     * A repository's visibility changed; properties {@code from} and {@code to} carry GitHub's names
     * ({@code public}, {@code internal}, {@code private}).
     */
    public static final String GIT_REPOSITORY_VISIBILITY_CHANGED = "codara/git/repository_visibility_changed";

    /** A branch or tag protection rule of a repository was created, changed or removed. */
    public static final String GIT_PROTECTION_CHANGED = "codara/git/protection_changed";

    /**
     * A repository's default branch changed; properties {@code from} and {@code to} carry the branch names. Whatever
     * follows the default branch (the code index, say) follows this.
     */
    public static final String GIT_DEFAULT_BRANCH_CHANGED = "codara/git/default_branch_changed";

    /** A repository moved to another owner. */
    public static final String GIT_REPOSITORY_TRANSFERRED = "codara/git/repository_transferred";

    /**
     * A pull request was opened. Every pull request topic carries {@code repository_id}, {@code repository}
     * ({@code owner/name}), {@code number}, {@code pull_request_id}, {@code actor}, {@code head_sha} and
     * {@code base_ref}.
     */
    public static final String PULL_REQUEST_OPENED = "codara/pull_request/opened";

    /** A pull request was closed; a merged one carries {@code merged=true} and {@code merge_commit_sha}. */
    public static final String PULL_REQUEST_CLOSED = "codara/pull_request/closed";

    /** A closed pull request was reopened. */
    public static final String PULL_REQUEST_REOPENED = "codara/pull_request/reopened";

    /** A pull request's title, body or base branch changed; property {@code changes} names the fields. */
    public static final String PULL_REQUEST_EDITED = "codara/pull_request/edited";

    /** Reviews were requested on a pull request; property {@code reviewers} lists the account ids. */
    public static final String PULL_REQUEST_REVIEW_REQUESTED = "codara/pull_request/review_requested";

    /** Review requests of a pull request were withdrawn; property {@code reviewers} lists the account ids. */
    public static final String PULL_REQUEST_REVIEW_REQUEST_REMOVED = "codara/pull_request/review_request_removed";

    /** A pull request's head branch moved; properties {@code before} and {@code after} carry the commits. */
    public static final String PULL_REQUEST_SYNCHRONIZE = "codara/pull_request/synchronize";

    /** Auto-merge was enabled on a pull request; property {@code merge_method}. */
    public static final String PULL_REQUEST_AUTO_MERGE_ENABLED = "codara/pull_request/auto_merge_enabled";

    /** Auto-merge was disabled on a pull request. */
    public static final String PULL_REQUEST_AUTO_MERGE_DISABLED = "codara/pull_request/auto_merge_disabled";

    /** Auto-rebase was enabled on a pull request: its head is rebased onto its base whenever the base moves. */
    public static final String PULL_REQUEST_AUTO_REBASE_ENABLED = "codara/pull_request/auto_rebase_enabled";

    /** Auto-rebase was disabled on a pull request. */
    public static final String PULL_REQUEST_AUTO_REBASE_DISABLED = "codara/pull_request/auto_rebase_disabled";

    /** A label was added to a pull request; property {@code label}. */
    public static final String PULL_REQUEST_LABELED = "codara/pull_request/labeled";

    /** A label was removed from a pull request; property {@code label}. */
    public static final String PULL_REQUEST_UNLABELED = "codara/pull_request/unlabeled";

    /** Someone was assigned to a pull request; property {@code assignee}. */
    public static final String PULL_REQUEST_ASSIGNED = "codara/pull_request/assigned";

    /** Someone was unassigned from a pull request; property {@code assignee}. */
    public static final String PULL_REQUEST_UNASSIGNED = "codara/pull_request/unassigned";

    /**
     * A review of a pull request was submitted (approved, changes requested or commented). Review topics carry the
     * pull request properties and {@code review_id}, {@code state} and {@code review} (GitHub's review JSON).
     */
    public static final String PULL_REQUEST_REVIEW_SUBMITTED = "codara/pull_request_review/submitted";

    /** A submitted review of a pull request was dismissed; property {@code message} carries why. */
    public static final String PULL_REQUEST_REVIEW_DISMISSED = "codara/pull_request_review/dismissed";

    /**
     * A review comment on a diff line of a pull request was created (with its review submitted, or alone). Review
     * comment topics carry the pull request properties and {@code comment_id} and {@code comment} (GitHub's review
     * comment JSON).
     */
    public static final String PULL_REQUEST_REVIEW_COMMENT_CREATED = "codara/pull_request_review_comment/created";

    /** A review comment's body was edited; property {@code changes} carries the body before. */
    public static final String PULL_REQUEST_REVIEW_COMMENT_EDITED = "codara/pull_request_review_comment/edited";

    /** A review comment was deleted. */
    public static final String PULL_REQUEST_REVIEW_COMMENT_DELETED = "codara/pull_request_review_comment/deleted";

    /**
     * A comment on a commit (on a line of its diff, or on the whole commit) was created. Commit comment topics carry
     * GitHub's {@code commit_comment} webhook payload: {@code action}, {@code comment} (GitHub's commit comment JSON),
     * {@code repository} (GitHub's repository JSON, not a name as on other topics) and {@code sender}; and, for
     * consumers inside Codara, {@code repository_id}, {@code repository_full_name}, {@code commit_id},
     * {@code comment_id} and {@code actor}.
     */
    public static final String COMMIT_COMMENT_CREATED = "codara/commit_comment/created";

    /** A commit comment's body was edited; property {@code changes} carries the body before. */
    public static final String COMMIT_COMMENT_EDITED = "codara/commit_comment/edited";

    /** A commit comment was deleted. */
    public static final String COMMIT_COMMENT_DELETED = "codara/commit_comment/deleted";

    /**
     * A commit status was posted; properties {@code repository_id}, {@code repository} ({@code owner/name}),
     * {@code sha}, {@code context}, {@code state} and {@code status_id}.
     */
    public static final String CI_STATUS = "codara/ci/status";

    /** A CI job finished. */
    public static final String CI_JOB_COMPLETED = "codara/ci/job_completed";

    private Topics() {
    }
}
