package io.codara.api.identity;

/**
 * A user's membership of a team.
 *
 * @param team the team's slug
 * @param user the member's login
 * @param role maintainer or member
 */
public record TeamMembership(String team, String user, TeamRole role) {
}
