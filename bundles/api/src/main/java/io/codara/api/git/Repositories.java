package io.codara.api.git;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hosted repositories: their records in PostgreSQL and their bare git directories under
 * {@code mnt/repos}. Callers authorise first through {@link io.codara.api.security.Permissions} (resource type
 * {@code repository}, id {@code owner/name}); invalid input fails with an {@link io.codara.api.rest.ApiException}
 * and leaves nothing behind.
 */
@ProviderType
public interface Repositories {

    /** Creates a repository for a user or an organisation; publishes {@link io.codara.api.event.Topics#GIT_REPOSITORY_CREATED}. */
    Repository create(String owner, NewRepository repository, Actor actor);

    /** The repository {@code owner/name} (any case). */
    Optional<Repository> find(String owner, String name);

    /**
     * The repository {@code owner/name}, following the redirects that renames and transfers leave behind: the
     * answer's {@code owner/name} differs from the question's when it was redirected.
     */
    Optional<Repository> resolve(String owner, String name);

    /** The repository with this id. */
    Optional<Repository> find(long id);

    /**
     * An owner's repositories that {@code viewer} may see, by name; a token without {@code repo:read} sees what
     * anonymous callers see.
     */
    Page<Repository> list(String owner, Principal viewer, PageRequest page);

    /**
     * The repositories {@code viewer} works on, as GitHub's {@code GET /user/repos} lists them: those it owns and
     * those of its organisations on which it has a role (through membership or a team), by owner and name; empty
     * for anonymous callers, the public ones only for a token without {@code repo:read}.
     */
    Page<Repository> accessible(Principal viewer, PageRequest page);

    /**
     * Every repository {@code viewer} may see whose id is above {@code sinceId}, by id, at most {@code limit} (GitHub's
     * {@code GET /repositories}); a token without {@code repo:read} sees what anonymous callers see.
     */
    List<Repository> visible(Principal viewer, long sinceId, int limit);

    /** Changes settings; a rename or a new default branch must be valid. */
    Repository update(String owner, String name, RepositoryUpdate update, Actor actor);

    /** Deletes the repository and its directory; publishes {@link io.codara.api.event.Topics#GIT_REPOSITORY_DELETED}. */
    boolean delete(String owner, String name, Actor actor);

    /**
     * Forks {@code owner/name} into {@code fork.owner()}: a new repository of the same visibility whose objects are
     * borrowed from the parent (git alternates), with the parent's branches and tags (or default branch only).
     * Forking again into an owner that already has a fork of it answers that fork.
     */
    Repository fork(String owner, String name, NewFork fork, Actor actor);

    /** The direct forks of {@code owner/name} that {@code viewer} may see. */
    Page<Repository> forks(String owner, String name, ForkSort sort, Principal viewer, PageRequest page);

    /**
     * The fork network of {@code owner/name}, from the highest ancestor {@code viewer} may see, down {@code depth}
     * levels of forks, showing only repositories {@code viewer} may see.
     */
    ForkNode network(String owner, String name, int depth, Principal viewer);

    /**
     * Fast-forwards {@code branch} of the fork {@code owner/name} to the same branch of its parent; 409 when the
     * fork's branch has commits of its own, 422 when it is not a fork or a branch is missing. A branch that moved
     * publishes {@link io.codara.api.event.Topics#GIT_PUSH}.
     */
    UpstreamSync mergeUpstream(String owner, String name, String branch, Actor actor);

    /**
     * Creates a repository from the template {@code owner/name}: fresh history, one root commit per copied
     * branch with the template's tree; no objects shared. 422 unless it is a template.
     */
    Repository generate(String owner, String name, NewFromTemplate input, Actor actor);

    /**
     * Moves {@code owner/name} to {@code newOwner} (and {@code newName} when not {@code null}); the old name keeps
     * redirecting. Publishes {@link io.codara.api.event.Topics#GIT_REPOSITORY_TRANSFERRED}.
     */
    Repository transfer(String owner, String name, String newOwner, String newName, Actor actor);

    /** The repositories {@code login} pinned to its profile, in order, that {@code viewer} may see. */
    List<Repository> pinned(String login, Principal viewer);

    /**
     * Replaces the pins of {@code login}'s profile with {@code fullNames} ({@code owner/name}, in order, at most
     * six): each must be visible to {@code viewer} and owned by {@code login} or, for a user, writable by them.
     */
    List<Repository> pin(String login, List<String> fullNames, Principal viewer, Actor actor);
}
