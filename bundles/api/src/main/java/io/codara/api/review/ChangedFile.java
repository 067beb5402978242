package io.codara.api.review;

/**
 * A file a pull request changes, compared with the merge base of its head and base.
 *
 * @param filename the path after the change
 * @param previousFilename the path before a rename, or {@code null}
 * @param status GitHub's {@code added}, {@code removed}, {@code modified}, {@code renamed} or {@code copied}
 * @param sha the blob id after the change ({@code null} for a removed file)
 * @param additions lines added
 * @param deletions lines removed
 * @param patch the unified diff hunks, {@code null} for a binary file or when it was too large to show
 */
public record ChangedFile(String filename, String previousFilename, String status, String sha, int additions,
        int deletions, String patch) {

    /** Lines changed: additions and deletions. */
    public int changes() {
        return additions + deletions;
    }
}
