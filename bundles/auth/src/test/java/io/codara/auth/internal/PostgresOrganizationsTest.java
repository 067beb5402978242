package io.codara.auth.internal;

import static io.codara.auth.internal.AuthFixture.ADMIN;
import static io.codara.auth.internal.AuthFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.codara.api.identity.Account;
import io.codara.api.identity.AccountUpdate;
import io.codara.api.identity.MembershipRole;
import io.codara.api.identity.NewAccount;
import io.codara.api.identity.Team;
import io.codara.api.identity.TeamChange;
import io.codara.api.identity.TeamMembership;
import io.codara.api.identity.TeamRole;
import io.codara.api.rest.PageRequest;
import io.codara.api.security.Role;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresOrganizationsTest {

    private static AuthFixture fx;

    @BeforeAll
    static void database() {
        fx = new AuthFixture();
        fx.user("olga");
        fx.user("max");
        fx.user("tess");
        fx.user("out");
    }

    @Test
    void anOrganisationSharesTheUsersNamespaceAndStartsWithItsOwner() {
        Account org = fx.org("Acme", "olga", "max");
        assertThat(org.organization()).isTrue();
        assertThat(org.basePermission()).isEqualTo(Role.READ);
        assertThat(fx.organizations.membership("acme", "OLGA")).hasValueSatisfying(m ->
                assertThat(m.role()).isEqualTo(MembershipRole.ADMIN));
        assertThat(error(() -> fx.org("olga", "max")).errors().get(0).code()).isEqualTo("already_exists");
        assertThat(error(() -> fx.user("ACME")).errors().get(0).code()).isEqualTo("already_exists");
        assertThat(fx.organizations.organizationsOf("max")).extracting(Account::login).contains("Acme");
        assertThat(fx.organizations.members("acme", null, false, PageRequest.of(1, 10)).total()).isEqualTo(2);
        assertThat(fx.organizations.members("acme", null, true, PageRequest.of(1, 10)).total()).isZero();
        fx.organizations.setPublicized("acme", "max", true, ADMIN);
        assertThat(fx.organizations.members("acme", null, true, PageRequest.of(1, 10)).items())
                .extracting(m -> m.user()).containsExactly("max");
    }

    @Test
    void anOrganisationAlwaysKeepsAnOwner() {
        fx.org("solo", "olga", "max");
        assertThat(error(() -> fx.organizations.setMembership("solo", "olga", MembershipRole.MEMBER, ADMIN)).status())
                .isEqualTo(422);
        assertThat(error(() -> fx.organizations.removeMember("solo", "olga", ADMIN)).status()).isEqualTo(422);
        fx.organizations.setMembership("solo", "max", MembershipRole.ADMIN, ADMIN);
        assertThat(fx.organizations.removeMember("solo", "olga", ADMIN)).isTrue();
        assertThat(fx.organizations.removeMember("solo", "olga", ADMIN)).isFalse();
        assertThat(error(() -> fx.organizations.setMembership("solo", "nobody", MembershipRole.MEMBER, ADMIN)).status())
                .isEqualTo(404);
    }

    @Test
    void teamsHaveSlugsMaintainersAndVisibility() {
        fx.org("teamco", "olga", "max", "tess");
        Team core = fx.organizations.createTeam("teamco", new TeamChange("Core Devs", "the core", null), "max", ADMIN);
        assertThat(core.slug()).isEqualTo("core-devs");
        assertThat(core.secret()).isFalse();
        assertThat(fx.organizations.teamMembership("teamco", "core-devs", "max")).hasValueSatisfying(m ->
                assertThat(m.role()).isEqualTo(TeamRole.MAINTAINER));
        Team hidden = fx.organizations.createTeam("teamco", new TeamChange("Hidden", null, "secret"), null, ADMIN);
        assertThat(hidden.secret()).isTrue();
        assertThat(error(() -> fx.organizations.createTeam("teamco", new TeamChange("core devs", null, null), null, ADMIN))
                .errors().get(0).code()).isEqualTo("already_exists");
        assertThat(error(() -> fx.organizations.createTeam("teamco", new TeamChange("x", null, "public"), null, ADMIN))
                .errors().get(0).field()).isEqualTo("privacy");
        assertThat(fx.organizations.teams("teamco", "tess", PageRequest.of(1, 10)).items()).extracting(Team::slug)
                .containsExactly("core-devs");
        assertThat(fx.organizations.teams("teamco", "out", PageRequest.of(1, 10)).items()).isEmpty();
        assertThat(fx.organizations.teams("teamco", null, PageRequest.of(1, 10)).total()).isEqualTo(2);
        Team renamed = fx.organizations.updateTeam("teamco", "core-devs", new TeamChange("Core", null, null), ADMIN);
        assertThat(renamed.slug()).isEqualTo("core");
        assertThat(fx.organizations.team("teamco", "core-devs")).isEmpty();
    }

    @Test
    void onlyMembersJoinTeamsAndLeavingTheOrganisationLeavesItsTeams() {
        fx.org("joinco", "olga", "tess");
        fx.organizations.createTeam("joinco", new TeamChange("Ops", null, null), null, ADMIN);
        assertThat(error(() -> fx.organizations.setTeamMembership("joinco", "ops", "out", TeamRole.MEMBER, ADMIN))
                .status()).isEqualTo(422);
        TeamMembership tess = fx.organizations.setTeamMembership("joinco", "ops", "tess", null, ADMIN);
        assertThat(tess.role()).isEqualTo(TeamRole.MEMBER);
        assertThat(fx.organizations.teamMembers("joinco", "ops", PageRequest.of(1, 10)).total()).isEqualTo(1);
        fx.organizations.removeMember("joinco", "tess", ADMIN);
        assertThat(fx.organizations.teamMembership("joinco", "ops", "tess")).isEmpty();
    }

    @Test
    void repositoryRolesCombineOwnershipBasePermissionAndTeams() {
        fx.org("roles", "olga", "max", "tess");
        fx.organizations.createTeam("roles", new TeamChange("Writers", null, null), null, ADMIN);
        fx.organizations.setTeamMembership("roles", "writers", "tess", TeamRole.MEMBER, ADMIN);
        fx.organizations.grantTeamRepository("roles", "writers", "api", Role.WRITE, ADMIN);
        assertThat(fx.organizations.repositoryRole("roles", "api", "olga")).contains(Role.ADMIN);
        assertThat(fx.organizations.repositoryRole("roles", "api", "max")).contains(Role.READ);
        assertThat(fx.organizations.repositoryRole("roles", "API", "tess")).contains(Role.WRITE);
        assertThat(fx.organizations.repositoryRole("roles", "web", "tess")).contains(Role.READ);
        assertThat(fx.organizations.repositoryRole("roles", "api", "out")).isEmpty();
        fx.accounts.update("roles", new AccountUpdate(null, null, null, null, null, null, "none"), ADMIN);
        assertThat(fx.organizations.repositoryRole("roles", "web", "max")).isEmpty();
        assertThat(fx.organizations.repositoryRole("roles", "api", "tess")).contains(Role.WRITE);
        fx.organizations.renameRepository("roles", "api", "api-v2");
        assertThat(fx.organizations.teamRepositories("roles", "writers")).extracting(r -> r.repository())
                .containsExactly("api-v2");
        fx.organizations.forgetRepository("roles", "api-v2");
        assertThat(fx.organizations.teamRepositories("roles", "writers")).isEmpty();
        assertThat(error(() -> fx.organizations.grantTeamRepository("roles", "writers", "bad name", Role.READ, ADMIN))
                .status()).isEqualTo(422);
    }

    @Test
    void deletingAnOrganisationRemovesItsTeamsAndMemberships() throws Exception {
        fx.org("gone", "olga", "max");
        fx.organizations.createTeam("gone", new TeamChange("T", null, null), "max", ADMIN);
        fx.organizations.delete("gone", ADMIN);
        assertThat(fx.accounts.find("gone")).isEmpty();
        assertThat(fx.database.queryLong("SELECT count(*) FROM auth.teams t WHERE NOT EXISTS"
                + " (SELECT 1 FROM auth.accounts a WHERE a.id = t.org_id)")).isZero();
        assertThat(fx.accounts.createUser(new NewAccount("gone", null, "gone@example.com", null, false), ADMIN).login())
                .isEqualTo("gone");
    }
}
