package io.codara.api.git;

import java.time.Instant;

/**
 * A branch protection rule of a repository.
 *
 * @param id stable numeric id
 * @param repositoryId the repository it protects
 * @param pattern an exact branch name or an fnmatch-style pattern ({@code release/*}, {@code **})
 * @param rule what it demands
 * @param createdAt when it was made (among patterns, the oldest rule wins)
 * @param updatedAt its last change
 */
public record BranchProtection(long id, long repositoryId, String pattern, ProtectionRule rule, Instant createdAt,
        Instant updatedAt) {
}
