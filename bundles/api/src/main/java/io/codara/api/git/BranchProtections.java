package io.codara.api.git;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Branch and tag protection rules of repositories, stored in PostgreSQL and enforced by git's receive-pack before
 * any ref moves. Patterns are exact names or fnmatch-style globs as GitHub reads them ({@code *} and {@code ?} stop
 * at {@code /}, {@code [...]} classes, {@code **} crosses {@code /}). When several rules match a branch, exactly one
 * applies, as on GitHub: a rule naming the branch exactly wins, otherwise the oldest matching pattern. Callers
 * authorise first (repository {@code admin}); changes are audited ({@code repo.protection.*}) and published as
 * {@link io.codara.api.event.Topics#GIT_PROTECTION_CHANGED}. Invalid input fails with an
 * {@link io.codara.api.rest.ApiException} (422) and changes nothing.
 */
@ProviderType
public interface BranchProtections {

    /** The repository's branch rules, oldest first. */
    List<BranchProtection> list(long repositoryId);

    /** The rule with exactly this pattern. */
    Optional<BranchProtection> find(long repositoryId, String pattern);

    /** The one rule that applies to {@code branch} (a short name such as {@code main}), if any. */
    Optional<BranchProtection> effective(long repositoryId, String branch);

    /** Creates or replaces the rule for {@code pattern}. */
    BranchProtection put(Repository repository, String pattern, ProtectionRule rule, Actor actor);

    /** Removes the rule for {@code pattern}; false when there was none. */
    boolean delete(Repository repository, String pattern, Actor actor);

    /** The repository's tag protection patterns, oldest first. */
    List<TagProtection> tagProtections(long repositoryId);

    /** Protects the tags matching {@code pattern}. */
    TagProtection protectTags(Repository repository, String pattern, Actor actor);

    /** Removes a tag protection; false when the repository has none with this id. */
    boolean unprotectTags(Repository repository, long id, Actor actor);
}
