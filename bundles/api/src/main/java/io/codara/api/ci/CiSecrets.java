package io.codara.api.ci;

import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The secrets (encrypted at rest, never shown again) and variables of repositories and organisations, as GitHub
 * Actions has them. Names are GitHub's: letters, digits and {@code _}, upper-cased, not starting with a digit,
 * {@code GITHUB_} or {@code CODARA_}; a bad name or value fails with a 422
 * {@link io.codara.api.rest.ApiException}. Callers authorise first ({@code admin} on the repository or the
 * organisation).
 */
@ProviderType
public interface CiSecrets {

    /** The secrets of a scope, by name; never their values. */
    Page<SecretInfo> secrets(SecretScope scope, PageRequest page);

    /** One secret, without its value. */
    Optional<SecretInfo> secret(SecretScope scope, String name);

    /** Creates or replaces a secret; true when it was created. Audited, without the value. */
    boolean putSecret(SecretScope scope, String name, String value, Actor actor);

    /** Deletes a secret; false when there was none. */
    boolean deleteSecret(SecretScope scope, String name, Actor actor);

    /** The variables of a scope, by name. */
    Page<Variable> variables(SecretScope scope, PageRequest page);

    /** One variable. */
    Optional<Variable> variable(SecretScope scope, String name);

    /** Creates a variable; 409 when the name is taken. */
    Variable createVariable(SecretScope scope, String name, String value, Actor actor);

    /**
     * Changes a variable's name (when {@code newName} is not {@code null}) and value (when {@code value} is not
     * {@code null}); empty when there is no such variable, 409 when the new name is taken.
     */
    Optional<Variable> updateVariable(SecretScope scope, String name, String newName, String value, Actor actor);

    /** Deletes a variable; false when there was none. */
    boolean deleteVariable(SecretScope scope, String name, Actor actor);

    /**
     * What a workflow of repository {@code repositoryId} sees: its organisation's secrets and variables (when an
     * organisation owns it) overridden by its own, secrets decrypted. Never exposed over REST.
     */
    CiEnvironment environment(long repositoryId);
}
