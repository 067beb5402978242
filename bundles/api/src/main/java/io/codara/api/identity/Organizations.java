package io.codara.api.identity;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Role;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Organisations, their members and teams, and the roles teams hold on the organisation's repositories. Invalid
 * input fails with an {@link io.codara.api.rest.ApiException} and changes nothing; every change is audited.
 * Callers check permissions first (through {@link io.codara.api.security.Permissions}); these methods do not.
 */
@ProviderType
public interface Organizations {

    /** Creates an organisation with {@code owner} as its first owner. */
    Account create(NewAccount organization, String owner, Actor actor);

    /** Deletes an organisation, its memberships and teams. */
    void delete(String organization, Actor actor);

    /** Organisations {@code login} belongs to. */
    List<Account> organizationsOf(String login);

    /** A user's membership, if any. */
    Optional<Membership> membership(String organization, String login);

    /** Members ordered by login; {@code role} filters when not {@code null}; only publicized ones when asked. */
    Page<Membership> members(String organization, MembershipRole role, boolean publicizedOnly, PageRequest page);

    /** Adds a member or changes a member's role. The last owner cannot be demoted. */
    Membership setMembership(String organization, String login, MembershipRole role, Actor actor);

    /** Removes a member from the organisation and its teams. The last owner cannot leave. */
    boolean removeMember(String organization, String login, Actor actor);

    /** Shows or hides one's own membership. */
    Membership setPublicized(String organization, String login, boolean publicized, Actor actor);

    /** Teams of an organisation ordered by name; {@code visibleTo} limits to the teams that user may see. */
    Page<Team> teams(String organization, String visibleTo, PageRequest page);

    /** One team by slug (any case). */
    Optional<Team> team(String organization, String slug);

    /** Creates a team; {@code creator} becomes its maintainer when a member of the organisation. */
    Team createTeam(String organization, TeamChange team, String creator, Actor actor);

    /** Changes a team's name, description or privacy (the slug follows the name). */
    Team updateTeam(String organization, String slug, TeamChange change, Actor actor);

    /** Deletes a team. */
    boolean deleteTeam(String organization, String slug, Actor actor);

    /** A user's team membership, if any. */
    Optional<TeamMembership> teamMembership(String organization, String slug, String login);

    /** Members of a team ordered by login. */
    Page<TeamMembership> teamMembers(String organization, String slug, PageRequest page);

    /** Adds a member of the organisation to the team or changes their role. */
    TeamMembership setTeamMembership(String organization, String slug, String login, TeamRole role, Actor actor);

    /** Removes a member from a team. */
    boolean removeTeamMember(String organization, String slug, String login, Actor actor);

    /** The team's repositories and roles, ordered by name. */
    List<TeamRepository> teamRepositories(String organization, String slug);

    /** Gives a team a role on one of the organisation's repositories (replacing the previous one). */
    TeamRepository grantTeamRepository(String organization, String slug, String repository, Role role, Actor actor);

    /** Takes a repository away from a team. */
    boolean revokeTeamRepository(String organization, String slug, String repository, Actor actor);

    /** Keeps team grants with a repository that was renamed within the organisation. */
    void renameRepository(String organization, String from, String to);

    /** Drops team grants on a repository that was deleted or transferred away. */
    void forgetRepository(String organization, String repository);

    /**
     * The role a user has on an organisation's repository through the organisation: owners are admins, members
     * get the base permission, teams add theirs; the highest wins. Empty when the organisation gives none.
     */
    Optional<Role> repositoryRole(String organization, String repository, String login);
}
