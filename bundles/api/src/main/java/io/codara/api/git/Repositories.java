package io.codara.api.git;

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

    /** Changes settings; a rename or a new default branch must be valid. */
    Repository update(String owner, String name, RepositoryUpdate update, Actor actor);

    /** Deletes the repository and its directory; publishes {@link io.codara.api.event.Topics#GIT_REPOSITORY_DELETED}. */
    boolean delete(String owner, String name, Actor actor);
}
