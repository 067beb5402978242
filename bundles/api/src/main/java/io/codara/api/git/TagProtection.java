package io.codara.api.git;

import java.time.Instant;

/**
 * A tag protection pattern: only users with the maintain or admin role may create, update or delete matching tags.
 *
 * @param id stable numeric id
 * @param repositoryId the repository it protects
 * @param pattern an exact tag name or an fnmatch-style pattern ({@code v*})
 * @param createdAt when it was made
 */
public record TagProtection(long id, long repositoryId, String pattern, Instant createdAt) {
}
