package io.codara.api.review;

/**
 * Which pull requests a list shows, in what order (GitHub's {@code GET /repos/{owner}/{repo}/pulls} parameters).
 *
 * @param state {@code open}, {@code closed} or {@code all}
 * @param headRepositoryId only those whose head is in this repository, or {@code null}
 * @param headRef only those with this head branch, or {@code null}
 * @param baseRef only those with this base branch, or {@code null}
 * @param sort {@code created}, {@code updated} or {@code popularity}/{@code long-running} (treated as created)
 * @param ascending oldest first when {@code true}
 * @param labels only those with every one of these labels (any case), or empty
 */
public record PullRequestFilter(String state, Long headRepositoryId, String headRef, String baseRef, String sort,
        boolean ascending, java.util.List<String> labels) {

    public PullRequestFilter {
        labels = labels == null ? java.util.List.of() : java.util.List.copyOf(labels);
    }

    /** A filter without labels. */
    public PullRequestFilter(String state, Long headRepositoryId, String headRef, String baseRef, String sort,
            boolean ascending) {
        this(state, headRepositoryId, headRef, baseRef, sort, ascending, java.util.List.of());
    }

    /** The open pull requests, newest first. */
    public static final PullRequestFilter OPEN = new PullRequestFilter("open", null, null, null, "created", false);
}
