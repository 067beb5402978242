package io.codara.api.identity;

import io.codara.api.security.Role;

/**
 * A team's role on one of its organisation's repositories.
 *
 * @param repository the repository's name within the organisation
 * @param role the role every member of the team has on it
 */
public record TeamRepository(String repository, Role role) {
}
