package io.codara.api.ci;

/**
 * A status to post on a commit.
 *
 * @param state the state
 * @param targetUrl where the details are (a build's page), or {@code null}
 * @param description a short description, or {@code null}
 * @param context what reports it, e.g. {@code ci/build}; {@code null} or blank means {@code default}
 */
public record NewCommitStatus(CommitState state, String targetUrl, String description, String context) {

    /** The context GitHub uses when none is given. */
    public static final String DEFAULT_CONTEXT = "default";

    public NewCommitStatus {
        if (state == null) {
            throw new IllegalArgumentException("a status needs a state");
        }
        context = context == null || context.isBlank() ? DEFAULT_CONTEXT : context;
    }
}
