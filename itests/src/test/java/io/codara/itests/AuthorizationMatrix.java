package io.codara.itests;

import static io.codara.itests.AccessMatrix.Persona.ANONYMOUS;
import static io.codara.itests.AccessMatrix.Persona.MAINTAINER;
import static io.codara.itests.AccessMatrix.Persona.MEMBER;
import static io.codara.itests.AccessMatrix.Persona.OUTSIDER;
import static io.codara.itests.AccessMatrix.Persona.OWNER;
import static io.codara.itests.AccessMatrix.Persona.OWNER_TOKEN_ADMIN_ORG;
import static io.codara.itests.AccessMatrix.Persona.OWNER_TOKEN_NO_SCOPE;
import static io.codara.itests.AccessMatrix.Persona.SITE_ADMIN;
import static io.codara.itests.AccessMatrix.row;

import java.util.List;

import io.codara.itests.AccessMatrix.Row;

/**
 * What every persona must get from every endpoint. The rules the rows follow:
 * <ul>
 * <li>what a persona may not see answers 404, exactly as what does not exist (a secret team, a closed team to
 * outsiders, another user's key); anonymous callers get the same 404;</li>
 * <li>a forbidden write on something the persona can see answers 403, 401 when the persona is anonymous;</li>
 * <li>what needs a signed-in user ({@code /user/...}, {@code POST /orgs}, the admin endpoints) answers 401 to
 * anonymous callers;</li>
 * <li>suspended users with the right password get 403, expired tokens 401, on everything (the defaults of every
 * row);</li>
 * <li>a token lacking a scope gets 403 where its user can see the resource and 404 where the token cannot even read
 * it (team and membership data need {@code read:org}, which {@code admin:org} implies); public data needs no scope;
 * a user's own profile, emails, keys, tokens and sessions need {@code user}, and {@code GET /user} needs none;</li>
 * <li>lists of something visible answer 200, filtered to what the persona may see;</li>
 * <li>the site admin may do everything, but {@code /user/...} is always the caller's own.</li>
 * </ul>
 * Adding an endpoint is one more {@code row(...)} here; rows run top to bottom, personas in {@link AccessMatrix.Persona}
 * order, so a row that destroys something targets a throwaway made per persona ({@code .with}/{@code .before}).
 */
final class AuthorizationMatrix {

    private AuthorizationMatrix() {
    }

    static List<Row> rows(AccessFixture f) {
        String password = "{'current_password':'{password}','password':'{newPassword}'}";
        return List.of(
                // Sessions and sign-up. GET/DELETE /session with a cookie: see IdentityAndAccess.sessionCookie.
                row("POST", "/api/v3/session", "{'login':'outsider','password':'{password}'}").with("password", p -> f.password("outsider")).everyone(201),
                row("GET", "/api/v3/session").anonymous(401).skip(AccessMatrix.SIGNED_IN),
                row("DELETE", "/api/v3/session").anonymous(401).skip(AccessMatrix.SIGNED_IN),
                row("GET", "/api/v3/signup").everyone(200),
                row("POST", "/api/v3/signup", "{'login':'new-{persona}','email':'new-{persona}@example.com','password':'correct horse battery staple 2'}").everyone(403),

                // Users
                row("GET", "/api/v3/user").anonymous(401).signedIn(200),
                row("PATCH", "/api/v3/user", "{'bio':'matrix'}").anonymous(401).signedIn(200).tokens(403),
                row("GET", "/api/v3/users/member").everyone(200),
                row("GET", "/api/v3/users/nobody-here").everyone(404),
                row("GET", "/api/v3/users").everyone(200),
                row("PUT", "/api/v3/user/avatar", "image/png", AccessFixture.png(64, 0x3366cc)).anonymous(401).signedIn(200, 204).tokens(403),
                row("GET", "/api/v3/users/member/avatar").everyone(200),
                row("DELETE", "/api/v3/user/avatar").anonymous(401).signedIn(204).tokens(403),
                row("GET", "/api/v3/user/emails").anonymous(401).signedIn(200).tokens(403),
                row("POST", "/api/v3/user/emails", "{'emails':['{persona}-extra@example.com']}").anonymous(401).signedIn(201).tokens(403),
                row("DELETE", "/api/v3/user/emails", "{'emails':['{persona}-extra@example.com']}").anonymous(401).signedIn(204).tokens(403),

                // Site administration. The targets make these no-ops should a wrong persona get through.
                row("POST", "/api/v3/admin/users", "{'login':'made-by-{persona}','email':'made-by-{persona}@example.com','password':'correct horse battery staple 3'}").anonymous(401).signedIn(403).siteAdmin(201),
                row("PATCH", "/api/v3/admin/users/outsider", "{'suspended':false,'site_admin':false}").anonymous(401).signedIn(403).siteAdmin(200),
                // A suspended user is hidden from everyone but site administrators, so even the refusal is a 404.
                row("PUT", "/api/v3/users/suspended/suspended").everyone(404).siteAdmin(204),
                row("DELETE", "/api/v3/users/outsider/suspended").anonymous(401).signedIn(403).siteAdmin(204),
                row("PUT", "/api/v3/users/admin/site_admin").anonymous(401).signedIn(403).siteAdmin(204),
                row("DELETE", "/api/v3/users/outsider/site_admin").anonymous(401).signedIn(403).siteAdmin(204),
                row("GET", "/api/v3/audit-log").anonymous(401).signedIn(403).siteAdmin(200),
                row("GET", "/api/v3/audit-log?actor=owner&action=org.&per_page=5").anonymous(401).signedIn(403).siteAdmin(200),

                // Tokens: creating one needs a password, a session or a token with "admin".
                row("GET", "/api/v3/user/tokens").anonymous(401).signedIn(200).tokens(403),
                row("POST", "/api/v3/user/tokens", "{'name':'matrix {persona}','scopes':['repo:read']}").anonymous(401).signedIn(201).tokens(403),
                row("GET", "/api/v3/user/tokens/" + f.memberTokenId()).anonymous(401).signedIn(404).member(200).tokens(403),
                row("DELETE", "/api/v3/user/tokens/{id}").with("id", p -> f.newMemberTokenId()).anonymous(401).signedIn(404).member(204).tokens(403),

                // Sessions
                row("GET", "/api/v3/user/sessions").anonymous(401).signedIn(200).tokens(403),
                row("DELETE", "/api/v3/user/sessions/{id}").with("id", p -> f.newMemberSessionId()).anonymous(401).signedIn(404).member(204).tokens(403),

                // SSH keys
                row("GET", "/api/v3/user/keys").anonymous(401).signedIn(200).tokens(403),
                row("POST", "/api/v3/user/keys", "{'title':'matrix {persona}','key':'{key}'}").with("key", p -> AccessFixture.newSshKey()).anonymous(401).signedIn(201).tokens(403),
                row("GET", "/api/v3/user/keys/" + f.memberKeyId()).anonymous(401).signedIn(404).member(200).tokens(403),
                row("DELETE", "/api/v3/user/keys/{id}").with("id", p -> f.newMemberKeyId()).anonymous(401).signedIn(404).member(204).tokens(403),
                row("GET", "/api/v3/users/member/keys").everyone(200),

                // GPG keys: one's own are managed like SSH keys; everyone's public keys are listed, as on GitHub.
                row("GET", "/api/v3/user/gpg_keys").anonymous(401).signedIn(200).tokens(403),
                row("POST", "/api/v3/user/gpg_keys", "{'name':'matrix {persona}','armored_public_key':'{key}'}").with("key", p -> AccessFixture.newGpgKey()).anonymous(401).signedIn(201).tokens(403),
                row("GET", "/api/v3/user/gpg_keys/" + f.memberGpgKeyId()).anonymous(401).signedIn(404).member(200).tokens(403),
                row("DELETE", "/api/v3/user/gpg_keys/{id}").with("id", p -> f.newMemberGpgKeyId()).anonymous(401).signedIn(404).member(204).tokens(403),
                row("GET", "/api/v3/users/member/gpg_keys").everyone(200),

                // Organisations
                row("GET", "/api/v3/organizations").everyone(200),
                row("GET", "/api/v3/user/orgs").anonymous(401).signedIn(200).ownerNoScope(403).shows("login", "acme", MEMBER, MAINTAINER, OWNER, OWNER_TOKEN_ADMIN_ORG).hides("login", "acme", OUTSIDER, SITE_ADMIN),
                row("GET", "/api/v3/users/member/orgs").everyone(200).hides("login", "acme", ANONYMOUS, OUTSIDER),
                row("POST", "/api/v3/orgs", "{'login':'org-{persona}'}").anonymous(401).signedIn(201).ownerNoScope(403),
                row("GET", "/api/v3/orgs/acme").everyone(200),
                row("GET", "/api/v3/orgs/no-such-org").everyone(404),
                row("PATCH", "/api/v3/orgs/acme", "{'description':'matrix'}").anonymous(401).signedIn(403).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("DELETE", "/api/v3/orgs/{org}").with("org", p -> f.newOrg("doomed-" + p.slug())).anonymous(401).signedIn(403).owner(202, 204).siteAdmin(202, 204).ownerAdminOrg(202, 204),

                // Members: everyone sees the publicized ones, members (and the site admin) all of them.
                row("GET", "/api/v3/orgs/acme/members").everyone(200).shows("login", "member", MEMBER, MAINTAINER, OWNER, SITE_ADMIN, OWNER_TOKEN_ADMIN_ORG).hides("login", "member", ANONYMOUS, OUTSIDER, OWNER_TOKEN_NO_SCOPE),
                row("GET", "/api/v3/orgs/acme/members/member").everyone(204).anonymous(404).outsider(404).ownerNoScope(404),
                row("GET", "/api/v3/orgs/acme/public_members").everyone(200),
                // Only members themselves publicize or conceal their membership, as on GitHub; not even site administrators.
                row("PUT", "/api/v3/orgs/acme/public_members/maintainer").anonymous(401).signedIn(403).maintainer(204),
                row("DELETE", "/api/v3/orgs/acme/public_members/maintainer").anonymous(401).signedIn(403).maintainer(204),
                // Members see each other's memberships; outsiders are refused without learning whether the user is a member.
                row("GET", "/api/v3/orgs/acme/memberships/member").anonymous(401).outsider(403).member(200).maintainer(200).owner(200).siteAdmin(200).ownerNoScope(403).ownerAdminOrg(200),
                row("PUT", "/api/v3/orgs/acme/memberships/leaver", "{'role':'member'}").before(p -> f.leaveOrg("leaver")).anonymous(401).signedIn(403).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("DELETE", "/api/v3/orgs/acme/memberships/leaver").before(p -> f.joinOrg("leaver")).anonymous(401).signedIn(403).owner(204).siteAdmin(204).ownerAdminOrg(204),
                // A member may leave: member is put back after every persona.
                row("DELETE", "/api/v3/orgs/acme/memberships/member").after((p, r) -> f.joinOrg("member")).anonymous(401).signedIn(403).member(204).owner(204).siteAdmin(204).ownerAdminOrg(204),
                row("GET", "/api/v3/user/memberships/orgs/acme").anonymous(401).signedIn(404).member(200).maintainer(200).owner(200).ownerNoScope(403).ownerAdminOrg(200),

                // Teams: core is closed (every member of acme sees it), hidden is secret (owners only).
                // The team list is for members (as on GitHub): outsiders are refused rather than shown an empty list.
                row("GET", "/api/v3/orgs/acme/teams").everyone(200).anonymous(401).outsider(403).ownerNoScope(403)
                        .shows("slug", "core", MEMBER, MAINTAINER, OWNER, SITE_ADMIN, OWNER_TOKEN_ADMIN_ORG)
                        .shows("slug", "hidden", OWNER, SITE_ADMIN, OWNER_TOKEN_ADMIN_ORG).hides("slug", "hidden", MEMBER, MAINTAINER),
                // Any member may create a team (GitHub's default), and maintains it.
                row("POST", "/api/v3/orgs/acme/teams", "{'name':'Made by {persona}','privacy':'closed'}").anonymous(401).signedIn(403).member(201).maintainer(201).owner(201).siteAdmin(201).ownerAdminOrg(201),
                row("GET", "/api/v3/orgs/acme/teams/core").everyone(200).anonymous(404).outsider(404).ownerNoScope(404),
                row("GET", "/api/v3/orgs/acme/teams/hidden").everyone(404).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("GET", "/api/v3/orgs/acme/teams/no-such-team").everyone(404),
                row("PATCH", "/api/v3/orgs/acme/teams/core", "{'description':'matrix'}").everyone(404).member(403).maintainer(200).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("PATCH", "/api/v3/orgs/acme/teams/hidden", "{'description':'matrix'}").everyone(404).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("DELETE", "/api/v3/orgs/acme/teams/{team}").with("team", p -> f.newTeam("Doomed " + p.slug())).everyone(404).member(403).maintainer(204).owner(204).siteAdmin(204).ownerAdminOrg(204),
                row("GET", "/api/v3/orgs/acme/teams/core/members").everyone(200).anonymous(404).outsider(404).ownerNoScope(404),
                row("GET", "/api/v3/orgs/acme/teams/hidden/members").everyone(404).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("GET", "/api/v3/orgs/acme/teams/core/memberships/maintainer").everyone(200).anonymous(404).outsider(404).ownerNoScope(404),
                row("PUT", "/api/v3/orgs/acme/teams/core/memberships/leaver", "{'role':'member'}").before(p -> { f.joinOrg("leaver"); f.leaveTeam("core", "leaver"); }).everyone(404).member(403).maintainer(200).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("DELETE", "/api/v3/orgs/acme/teams/core/memberships/leaver").before(p -> { f.joinOrg("leaver"); f.joinTeam("core", "leaver"); }).everyone(404).member(403).maintainer(204).owner(204).siteAdmin(204).ownerAdminOrg(204),
                row("GET", "/api/v3/orgs/acme/teams/core/repos").everyone(200).anonymous(404).outsider(404).ownerNoScope(404),
                // Granting a team a repository takes team admin (owner, maintainer) and repository admin (owner).
                row("PUT", "/api/v3/orgs/acme/teams/core/repos/acme/gadgets", "{'permission':'push'}").everyone(404).member(403).maintainer(403).owner(204).siteAdmin(204).ownerAdminOrg(403),
                // Taking a repository away needs team admin only (GitHub's rule); the grant is put back before each persona.
                row("DELETE", "/api/v3/orgs/acme/teams/core/repos/acme/gadgets").before(p -> f.grant("core", "gadgets", "push")).everyone(404).member(403).maintainer(204).owner(204).siteAdmin(204).ownerAdminOrg(204),
                row("PUT", "/api/v3/orgs/acme/teams/core/repos/acme/no-such-repo", "{'permission':'push'}").everyone(404).member(403).maintainer(404).owner(404).siteAdmin(404).ownerAdminOrg(404),

                // Repositories: widgets is public (team core writes it), vault is private (acme's members read it).
                row("GET", "/api/v3/repos/acme/widgets").everyone(200),
                row("GET", "/api/v3/repos/acme/vault").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/no-such-repo").everyone(404),
                // Browsing reads as the repository does: widgets has a commit, vault none (409 to those who see it).
                row("GET", "/api/v3/repos/acme/widgets/branches").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/contents/README.md").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/commits/main").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/contents/README.md").everyone(409).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/no-such-repo/branches").everyone(404),
                // Browsing extras and analytics read as browsing does.
                row("GET", "/api/v3/repos/acme/widgets/languages").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/languages").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/blame/main/README.md").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/compare-branches").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/size").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/vault/tarball").everyone(409).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("PATCH", "/api/v3/repos/acme/widgets", "{'description':'matrix {persona}'}").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("PATCH", "/api/v3/repos/acme/vault", "{'description':'matrix {persona}'}").everyone(404).member(403).maintainer(403).owner(200).siteAdmin(200).ownerNoScope(403),
                // Branch and tag protection: repository admins only (404 to whom may not see the repository).
                row("PUT", "/api/v3/repos/acme/widgets/branches/main/protection", "{'required_status_checks':null,'enforce_admins':null,'required_pull_request_reviews':null,'restrictions':null,'allow_force_pushes':true,'allow_deletions':true}").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("GET", "/api/v3/repos/acme/widgets/branches/main/protection").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("GET", "/api/v3/repos/acme/widgets/branches/main/protection/required_signatures").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("GET", "/api/v3/repos/acme/vault/branches/main/protection").everyone(404).member(403).maintainer(403).owner(404).siteAdmin(404).ownerNoScope(403),
                row("GET", "/api/v3/repos/acme/widgets/tags/protection").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("GET", "/api/v3/repos/acme/vault/tags/protection").everyone(404).member(403).maintainer(403).owner(200).siteAdmin(200).ownerNoScope(403),
                // Commit statuses: readers read, writers post (core writes widgets); vault has no commit (422 to whom sees it).
                row("GET", "/api/v3/repos/acme/widgets/commits/main/status").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/commits/main/statuses").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/commits/main/status").everyone(422).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("POST", "/api/v3/repos/acme/widgets/statuses/{sha}", "{'state':'success','context':'matrix/{persona}'}").with("sha", p -> f.head("widgets")).anonymous(401).signedIn(403).maintainer(201).owner(201).siteAdmin(201),
                row("POST", "/api/v3/repos/acme/vault/statuses/0123456789abcdef0123456789abcdef01234567", "{'state':'success'}").everyone(404).member(403).maintainer(403).owner(422).siteAdmin(422).ownerNoScope(403),

                // Pull requests: readers list and read; opening needs a signed-in reader (head == base is a 422);
                // vault is a 404 to whoever cannot see it; there is no pull request 1 anywhere here.
                row("GET", "/api/v3/repos/acme/widgets/pulls").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/pulls").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/commits").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/files").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/merge").everyone(404),
                row("POST", "/api/v3/repos/acme/widgets/pulls", "{'title':'t','head':'main','base':'main'}").everyone(422).anonymous(401).tokens(403),
                row("POST", "/api/v3/repos/acme/vault/pulls", "{'title':'t','head':'main','base':'main'}").everyone(422).anonymous(404).outsider(404).ownerNoScope(403).ownerAdminOrg(404),
                row("PATCH", "/api/v3/repos/acme/widgets/pulls/1", "{'title':'t'}").everyone(404).anonymous(401),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/requested_reviewers").everyone(404),
                row("POST", "/api/v3/repos/acme/widgets/pulls/1/requested_reviewers", "{'reviewers':['member']}").everyone(404),
                row("DELETE", "/api/v3/repos/acme/widgets/pulls/1/requested_reviewers", "{'reviewers':['member']}").everyone(404),
                row("GET", "/api/v3/repos/acme/vault/pulls/1/requested_reviewers").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/conflicts").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/conflicts").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/pulls/conflicts").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/branch-health").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/branch-health").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/stale-branches?days=90").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/stale-branches").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/branch-lifespans?days=30").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/branch-lifespans").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                // Reviews, review comments, conversation comments and reactions (acme/reviewed#1 is owner's; outsider
                // commented on it and approved it): readers read; signed-in readers write their own (a token needs
                // repo:write); the pull request's author, a thread's author and writers resolve; writers dismiss and
                // apply suggestions (the comment has none: 422); widgets and vault have no pull request, and the
                // comment of acme/reviewed is not found through widgets.
                row("GET", "/api/v3/repos/acme/reviewed/pulls/1/reviews").everyone(200),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/1/reviews/{id}").with("id", p -> f.approval()).everyone(200),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/1/reviews/{id}/comments").with("id", p -> f.approval()).everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/reviews", "{'event':'COMMENT','body':'matrix {persona}'}").anonymous(401).signedIn(200).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/reviews", "{'event':'APPROVE'}").anonymous(401).signedIn(200).owner(422).tokens(403),
                row("PUT", "/api/v3/repos/acme/reviewed/pulls/1/reviews/{id}", "{'body':'matrix'}").with("id", p -> f.approval()).anonymous(401).signedIn(403).outsider(200).tokens(403),
                row("PUT", "/api/v3/repos/acme/reviewed/pulls/1/reviews/{id}/dismissals", "{'message':'matrix'}").with("id", p -> f.approval()).anonymous(401).signedIn(403).maintainer(200).owner(422).siteAdmin(422).tokens(403),
                row("DELETE", "/api/v3/repos/acme/reviewed/pulls/1/reviews/{id}").with("id", p -> f.approval()).anonymous(401).signedIn(403).outsider(422).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/1/comments").everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/comments", "{'path':'matrix.txt','line':2,'body':'matrix {persona}'}").anonymous(401).signedIn(201).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/comments", "{'path':'matrix.txt','line':9,'body':'matrix'}").anonymous(401).signedIn(422).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/comments/{id}/replies", "{'body':'matrix {persona}'}").with("id", p -> f.reviewComment()).anonymous(401).signedIn(201).tokens(403),
                row("PUT", "/api/v3/repos/acme/reviewed/pulls/1/comments/{id}/resolution").with("id", p -> f.reviewComment()).anonymous(401).signedIn(200).member(403).tokens(403),
                row("DELETE", "/api/v3/repos/acme/reviewed/pulls/1/comments/{id}/resolution").with("id", p -> f.reviewComment()).anonymous(401).signedIn(200).member(403).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/1/merge-conflicts").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/pulls/1/merge-conflicts").everyone(404),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/merge-conflicts/resolution", "{'expected_head_sha':'0000000000000000000000000000000000000000','files':{'matrix.txt':'x'}}").anonymous(401).signedIn(403).maintainer(409).owner(409).siteAdmin(409).tokens(403),
                row("POST", "/api/v3/repos/acme/vault/pulls/1/merge-conflicts/resolution", "{'expected_head_sha':'0','files':{'a':'x'}}").everyone(404),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/1/comments/{id}/suggestion/apply", "{}").with("id", p -> f.reviewComment()).anonymous(401).signedIn(403).maintainer(422).owner(422).siteAdmin(422).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/comments").everyone(200),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/comments/{id}").with("id", p -> f.reviewComment()).everyone(200),
                row("PATCH", "/api/v3/repos/acme/reviewed/pulls/comments/{id}", "{'body':'matrix {persona}'}").with("id", p -> f.reviewComment()).anonymous(401).signedIn(200).member(403).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/comments/{id}/reactions").with("id", p -> f.reviewComment()).everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/comments/{id}/reactions", "{'content':'eyes'}").with("id", p -> f.reviewComment()).anonymous(401).signedIn(201).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/pulls/comments/{id}/reactions", "{'content':'thumbsup'}").with("id", p -> f.reviewComment()).anonymous(401).signedIn(422).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/issues/1/comments").everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/issues/1/comments", "{'body':'matrix {persona}'}").anonymous(401).signedIn(201).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/issues/1/reactions").everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/issues/1/reactions", "{'content':'rocket'}").anonymous(401).signedIn(201).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/issues/2/comments").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/comments").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/pulls/comments/{id}").with("id", p -> f.reviewComment()).everyone(404),
                row("PATCH", "/api/v3/repos/acme/widgets/pulls/comments/{id}", "{'body':'x'}").with("id", p -> f.reviewComment()).everyone(404).anonymous(401).tokens(403),
                row("DELETE", "/api/v3/repos/acme/widgets/pulls/comments/{id}").with("id", p -> f.reviewComment()).everyone(404).anonymous(401).tokens(403),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/reviews").everyone(404),
                row("POST", "/api/v3/repos/acme/widgets/pulls/1/reviews", "{'event':'COMMENT','body':'x'}").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/comments").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/issues/1/comments").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/issues/comments/1").everyone(404),
                row("GET", "/api/v3/repos/acme/vault/pulls/comments").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/vault/pulls/1/reviews").everyone(404),
                row("POST", "/api/v3/repos/acme/vault/issues/1/reactions", "{'content':'eyes'}").everyone(404),
                // Commit comments (outsider commented on line 1 of matrix.txt in the commit adding it to acme/reviewed):
                // readers read; signed-in readers comment on a line of the commit's diff or on the whole commit (a token
                // needs repo:write); the author and writers edit and delete; whoever reacted deletes a reaction. vault has
                // no commit (a 422 to its readers) and is a 404 to the others; reviewed's comment is not found through widgets.
                row("GET", "/api/v3/repos/acme/reviewed/comments").everyone(200),
                row("GET", "/api/v3/repos/acme/reviewed/commits/{sha}/comments").with("sha", p -> f.matrixCommit()).everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/commits/{sha}/comments", "{'path':'matrix.txt','line':2,'body':'matrix {persona}'}").with("sha", p -> f.matrixCommit()).anonymous(401).signedIn(201).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/commits/{sha}/comments", "{'body':'matrix {persona}'}").with("sha", p -> f.matrixCommit()).anonymous(401).signedIn(201).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/commits/{sha}/comments", "{'path':'matrix.txt','line':9,'body':'matrix'}").with("sha", p -> f.matrixCommit()).anonymous(401).signedIn(422).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/comments/{id}").with("id", p -> f.commitComment()).everyone(200),
                row("PATCH", "/api/v3/repos/acme/reviewed/comments/{id}", "{'body':'matrix {persona}'}").with("id", p -> f.commitComment()).anonymous(401).signedIn(200).member(403).tokens(403),
                row("DELETE", "/api/v3/repos/acme/reviewed/comments/{id}").with("id", p -> f.newCommitComment()).anonymous(401).signedIn(204).member(403).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/comments/{id}/reactions").with("id", p -> f.commitComment()).everyone(200),
                row("POST", "/api/v3/repos/acme/reviewed/comments/{id}/reactions", "{'content':'hooray'}").with("id", p -> f.commitComment()).anonymous(401).signedIn(201).tokens(403),
                row("POST", "/api/v3/repos/acme/reviewed/comments/{id}/reactions", "{'content':'thumbsup'}").with("id", p -> f.commitComment()).anonymous(401).signedIn(422).tokens(403),
                row("DELETE", "/api/v3/repos/acme/reviewed/comments/{id}/reactions/999999").with("id", p -> f.commitComment()).anonymous(401).signedIn(404).tokens(403),
                row("GET", "/api/v3/repos/acme/widgets/commits/0123456789abcdef0123456789abcdef01234567/comments").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/comments/{id}").with("id", p -> f.commitComment()).everyone(404),
                row("PATCH", "/api/v3/repos/acme/widgets/comments/{id}", "{'body':'x'}").with("id", p -> f.commitComment()).everyone(404).anonymous(401).tokens(403),
                row("DELETE", "/api/v3/repos/acme/widgets/comments/{id}").with("id", p -> f.commitComment()).everyone(404).anonymous(401).tokens(403),
                row("GET", "/api/v3/repos/acme/vault/comments").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/vault/commits/0123456789abcdef0123456789abcdef01234567/comments").everyone(404),
                row("POST", "/api/v3/repos/acme/vault/commits/0123456789abcdef0123456789abcdef01234567/comments", "{'body':'x'}").everyone(422).anonymous(404).outsider(404).ownerAdminOrg(404).ownerNoScope(403),
                // Merging and auto-merge: writers only, after the pull request is found (there is none here).
                row("PUT", "/api/v3/repos/acme/widgets/pulls/1/merge", "{'merge_method':'squash'}").everyone(404).anonymous(401),
                row("PUT", "/api/v3/repos/acme/vault/pulls/1/merge", "{}").everyone(404),
                row("PUT", "/api/v3/repos/acme/widgets/pulls/1/auto-merge", "{'merge_method':'merge'}").everyone(404).anonymous(401),
                row("DELETE", "/api/v3/repos/acme/widgets/pulls/1/auto-merge").everyone(404).anonymous(401),
                // Auto-rebase: the pull request's author or whoever may push to its head branch (acme/reviewed#1 is
                // owner's, team core writes it); the DELETE leaves it disabled for the rows after.
                row("PUT", "/api/v3/repos/acme/reviewed/pulls/1/auto-rebase").anonymous(401).signedIn(403).maintainer(200).owner(200).siteAdmin(200).tokens(403),
                row("DELETE", "/api/v3/repos/acme/reviewed/pulls/1/auto-rebase").anonymous(401).signedIn(403).maintainer(204).owner(204).siteAdmin(204).tokens(403),
                row("GET", "/api/v3/repos/acme/reviewed/pulls/1/auto-rebase").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/pulls/1/auto-rebase").everyone(404),
                row("PUT", "/api/v3/repos/acme/widgets/pulls/1/auto-rebase").everyone(404).anonymous(401),
                row("DELETE", "/api/v3/repos/acme/vault/pulls/1/auto-rebase").everyone(404),
                row("DELETE", "/api/v3/repos/acme/widgets/git/refs/heads/no-such-branch").anonymous(401).signedIn(403).maintainer(422).owner(422).siteAdmin(422),
                // Labels: readers list and read, writers create, change and delete; issue numbers are pull requests'.
                row("GET", "/api/v3/repos/acme/widgets/labels").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/labels").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("POST", "/api/v3/repos/acme/widgets/labels", "{'name':'matrix-{persona}','color':'00ff00'}").anonymous(401).signedIn(403).maintainer(201).owner(201).siteAdmin(201),
                row("POST", "/api/v3/repos/acme/vault/labels", "{'name':'matrix-{persona}'}").everyone(404).member(403).maintainer(403).owner(201).siteAdmin(201).ownerNoScope(403),
                row("GET", "/api/v3/repos/acme/widgets/labels/no-such-label").everyone(404),
                row("PATCH", "/api/v3/repos/acme/widgets/labels/no-such-label", "{'color':'ffffff'}").anonymous(401).signedIn(403).maintainer(404).owner(404).siteAdmin(404),
                row("DELETE", "/api/v3/repos/acme/widgets/labels/no-such-label").anonymous(401).signedIn(403).maintainer(404).owner(404).siteAdmin(404),
                row("GET", "/api/v3/repos/acme/widgets/commits/main/tags").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/commits/main/tags").everyone(404),
                // Impact analysis of a commit: whoever reads the repository (vault has no commit: 404 to all).
                row("GET", "/api/v3/repos/acme/widgets/commits/main/impact").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/commits/no-such-ref/impact").everyone(404),
                row("GET", "/api/v3/repos/acme/vault/commits/main/impact").everyone(404),
                row("PUT", "/api/v3/repos/acme/widgets/commits/main/tags/refactor").anonymous(401).signedIn(403).maintainer(200).owner(200).siteAdmin(200),
                row("DELETE", "/api/v3/repos/acme/widgets/commits/main/tags/hotfix").anonymous(401).signedIn(403).maintainer(200).owner(200).siteAdmin(200),
                row("PUT", "/api/v3/repos/acme/widgets/commits/main/tags/style").anonymous(401).signedIn(403).maintainer(422).owner(422).siteAdmin(422),
                row("GET", "/api/v3/repos/acme/widgets/issues/1/labels").everyone(404),
                row("POST", "/api/v3/repos/acme/widgets/issues/1/labels", "{'labels':['bug']}").everyone(404).anonymous(401),
                row("PUT", "/api/v3/repos/acme/widgets/issues/1/labels", "{'labels':['bug']}").everyone(404).anonymous(401),
                row("DELETE", "/api/v3/repos/acme/widgets/issues/1/labels").everyone(404).anonymous(401),
                row("DELETE", "/api/v3/repos/acme/widgets/issues/1/labels/bug").everyone(404).anonymous(401),
                row("POST", "/api/v3/repos/acme/widgets/issues/1/assignees", "{'assignees':['member']}").everyone(404).anonymous(401),
                row("DELETE", "/api/v3/repos/acme/widgets/issues/1/assignees", "{'assignees':['member']}").everyone(404).anonymous(401),
                // Actions secrets and variables: repository admins, organisation owners; values of secrets never come back.
                row("GET", "/api/v3/repos/acme/widgets/actions/secrets").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("PUT", "/api/v3/repos/acme/widgets/actions/secrets/MATRIX", "{'value':'matrix-secret'}").anonymous(401).signedIn(403).owner(201, 204).siteAdmin(201, 204),
                row("GET", "/api/v3/repos/acme/widgets/actions/secrets/MATRIX").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("GET", "/api/v3/repos/acme/vault/actions/secrets").everyone(404).member(403).maintainer(403).owner(200).siteAdmin(200).ownerNoScope(403),
                row("GET", "/api/v3/repos/acme/widgets/actions/variables").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                // Actions artifacts and caches: readers list and download, writers delete (there is no artifact or cache 999999).
                row("GET", "/api/v3/repos/acme/widgets/actions/artifacts").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/actions/artifacts?name=x").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/actions/artifacts/999999").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/actions/artifacts/999999/zip").everyone(404),
                row("DELETE", "/api/v3/repos/acme/widgets/actions/artifacts/999999").anonymous(401).signedIn(403).maintainer(404).owner(404).siteAdmin(404),
                row("GET", "/api/v3/repos/acme/widgets/actions/runs/999999/artifacts").everyone(404),
                row("GET", "/api/v3/repos/acme/widgets/actions/caches").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/actions/caches").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/actions/cache/usage").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/actions/cache/usage").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("DELETE", "/api/v3/repos/acme/widgets/actions/caches?key=none").anonymous(401).signedIn(403).maintainer(404).owner(404).siteAdmin(404),
                row("DELETE", "/api/v3/repos/acme/widgets/actions/caches/999999").anonymous(401).signedIn(403).maintainer(404).owner(404).siteAdmin(404),
                row("DELETE", "/api/v3/repos/acme/vault/actions/caches/999999").everyone(404).member(403).maintainer(403).owner(404).siteAdmin(404).ownerNoScope(403),
                row("GET", "/api/v3/orgs/acme/actions/secrets").anonymous(401).signedIn(403).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("GET", "/api/v3/orgs/acme/actions/variables").anonymous(401).signedIn(403).owner(200).siteAdmin(200).ownerAdminOrg(200),
                // Self-hosted runners: repository admins, organisation owners, site admins for the site's; the
                // runner protocol takes only a runner's credential, never a user's.
                row("GET", "/api/v3/repos/acme/widgets/actions/runners").anonymous(401).signedIn(403).owner(200).siteAdmin(200),
                row("POST", "/api/v3/repos/acme/widgets/actions/runners/registration-token").anonymous(401).signedIn(403).owner(201).siteAdmin(201),
                row("GET", "/api/v3/repos/acme/widgets/actions/runners/999999").anonymous(401).signedIn(403).owner(404).siteAdmin(404),
                row("DELETE", "/api/v3/repos/acme/widgets/actions/runners/999999").anonymous(401).signedIn(403).owner(404).siteAdmin(404),
                row("GET", "/api/v3/repos/acme/vault/actions/runners").everyone(404).member(403).maintainer(403).owner(200).siteAdmin(200).ownerNoScope(403),
                row("GET", "/api/v3/orgs/acme/actions/runners").anonymous(401).signedIn(403).owner(200).siteAdmin(200).ownerAdminOrg(200),
                row("POST", "/api/v3/orgs/acme/actions/runners/registration-token").anonymous(401).signedIn(403).owner(201).siteAdmin(201).ownerAdminOrg(201),
                row("DELETE", "/api/v3/orgs/acme/actions/runners/999999").anonymous(401).signedIn(403).owner(404).siteAdmin(404).ownerAdminOrg(404),
                row("GET", "/api/v3/site/actions/runners").anonymous(401).signedIn(403).siteAdmin(200),
                row("POST", "/api/v3/site/actions/runners/registration-token").anonymous(401).signedIn(403).siteAdmin(201),
                row("POST", "/api/v3/actions/runner/jobs/claim", "{}").everyone(401),
                row("POST", "/api/v3/actions/runner/jobs/1/heartbeat", "{}").everyone(401),
                row("POST", "/api/v3/actions/runner/jobs/1/steps/1/prepare", "{}").everyone(401),
                row("POST", "/api/v3/actions/runner/register", "{'token':'CRRnot-a-token','name':'matrix'}").everyone(401),
                row("GET", "/api/v3/orgs/acme/repos").everyone(200)
                        .shows("name", "widgets", ANONYMOUS, OUTSIDER, MEMBER, OWNER, SITE_ADMIN)
                        .shows("name", "vault", MEMBER, MAINTAINER, OWNER, SITE_ADMIN).hides("name", "vault", ANONYMOUS, OUTSIDER),
                row("POST", "/api/v3/orgs/acme/repos", "{'name':'made-by-{persona}'}").anonymous(401).signedIn(403).member(201).maintainer(201).owner(201).siteAdmin(201).tokens(403),
                row("POST", "/api/v3/user/repos", "{'name':'mine-{persona}','private':true}").anonymous(401).signedIn(201).tokens(403),
                row("GET", "/api/v3/user/repos?per_page=100").anonymous(401).signedIn(200)
                        .shows("name", "mine-outsider", OUTSIDER)
                        .shows("name", "vault", MEMBER, MAINTAINER, OWNER, OWNER_TOKEN_NO_SCOPE) // that token has repo:read
                        .hides("name", "vault", OUTSIDER, SITE_ADMIN, OWNER_TOKEN_ADMIN_ORG)
                        .shows("name", "widgets", MEMBER, OWNER, OWNER_TOKEN_NO_SCOPE, OWNER_TOKEN_ADMIN_ORG),
                row("GET", "/api/v3/users/outsider/repos").everyone(200)
                        .shows("name", "mine-outsider", OUTSIDER, SITE_ADMIN).hides("name", "mine-outsider", ANONYMOUS, MEMBER, OWNER),
                row("GET", "/api/v3/repos/outsider/mine-outsider").everyone(404).outsider(200).siteAdmin(200),
                row("GET", "/api/v3/repositories?per_page=100").everyone(200)
                        .shows("name", "widgets", ANONYMOUS, OUTSIDER, MEMBER, OWNER, SITE_ADMIN)
                        .shows("name", "vault", MEMBER, MAINTAINER, OWNER, SITE_ADMIN).hides("name", "vault", ANONYMOUS, OUTSIDER),
                row("POST", "/api/v3/orgs/acme/repos", "{'name':'bad name'}").anonymous(401).signedIn(403).member(422).maintainer(422).owner(422).siteAdmin(422).tokens(403),

                // Forks, templates, transfers, pins: widgets is no fork and no template, vault's admins are its owners.
                row("GET", "/api/v3/repos/acme/widgets/forks").everyone(200),
                row("GET", "/api/v3/repos/acme/widgets/forks/tree?depth=2").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/forks").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("POST", "/api/v3/repos/acme/widgets/forks", "{'name':'fork-{persona}'}").anonymous(401).signedIn(202).tokens(403),
                row("POST", "/api/v3/repos/acme/widgets/generate", "{'name':'gen-{persona}'}").anonymous(401).signedIn(422).tokens(403),
                row("POST", "/api/v3/repos/acme/vault/transfer", "{'new_owner':'no-such-owner'}").everyone(404).member(403).maintainer(403).owner(422).siteAdmin(422).ownerNoScope(403),
                row("GET", "/api/v3/users/member/pinned_repositories").everyone(200),
                row("PUT", "/api/v3/user/pinned_repositories", "{'repositories':[]}").anonymous(401).signedIn(200).tokens(403),
                row("PUT", "/api/v3/orgs/acme/pinned_repositories", "{'repositories':['acme/widgets']}").anonymous(401).signedIn(403).owner(200).siteAdmin(200).ownerAdminOrg(200),

                // Watching: whoever may read a repository may watch it (owner watches both since creating them).
                row("PUT", "/api/v3/repos/acme/widgets/subscription", "{'subscribed':true,'ignored':false}").anonymous(401).signedIn(200),
                row("PUT", "/api/v3/repos/acme/vault/subscription", "{'subscribed':true}").anonymous(401).outsider(404).member(200).maintainer(200).owner(200).siteAdmin(200).ownerNoScope(200).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/subscription").anonymous(401).signedIn(200),
                row("GET", "/api/v3/repos/acme/vault/subscription").anonymous(401).outsider(404).member(200).maintainer(200).owner(200).siteAdmin(200).ownerNoScope(200).ownerAdminOrg(404),
                row("GET", "/api/v3/repos/acme/widgets/subscribers?per_page=100").everyone(200).shows("login", "outsider", ANONYMOUS, MEMBER),
                row("GET", "/api/v3/repos/acme/vault/subscribers").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/user/subscriptions?per_page=100").anonymous(401).signedIn(200)
                        .shows("full_name", "acme/widgets", OUTSIDER, MEMBER, OWNER, OWNER_TOKEN_ADMIN_ORG)
                        .shows("full_name", "acme/vault", MEMBER, OWNER, OWNER_TOKEN_NO_SCOPE)
                        .hides("full_name", "acme/vault", OUTSIDER, OWNER_TOKEN_ADMIN_ORG), // that token may not read vault
                row("GET", "/api/v3/users/owner/subscriptions?per_page=100").everyone(200)
                        .shows("full_name", "acme/vault", MEMBER, OWNER).hides("full_name", "acme/vault", ANONYMOUS, OUTSIDER),
                row("DELETE", "/api/v3/repos/acme/widgets/subscription").anonymous(401).signedIn(204),
                row("DELETE", "/api/v3/repos/acme/vault/subscription").anonymous(401).outsider(404).member(204).maintainer(204).owner(204).siteAdmin(204).ownerNoScope(204).ownerAdminOrg(404),

                // Activity events: read as the repositories they happened in, decided when read.
                row("GET", "/api/v3/events").everyone(200).hides("name", "acme/vault", ANONYMOUS, OUTSIDER, MEMBER, OWNER),
                row("GET", "/api/v3/repos/acme/widgets/events").everyone(200),
                row("GET", "/api/v3/repos/acme/vault/events").everyone(200).anonymous(404).outsider(404).ownerAdminOrg(404),
                row("GET", "/api/v3/users/owner/events?per_page=100").everyone(200).hides("name", "acme/vault", ANONYMOUS, OUTSIDER, OWNER_TOKEN_ADMIN_ORG),
                row("GET", "/api/v3/users/owner/received_events?per_page=100").everyone(200).hides("name", "acme/vault", ANONYMOUS, OUTSIDER, MEMBER, SITE_ADMIN),
                row("GET", "/api/v3/users/nobody-here/events").everyone(404),
                row("GET", "/api/v3/users/nobody-here/received_events").everyone(404),

                // Repository search finds only what the persona may read; an empty query is GitHub's 422.
                row("GET", "/api/v3/search/repositories?q=user%3Aacme").everyone(200)
                        .shows("full_name", "acme/widgets", ANONYMOUS, OUTSIDER, MEMBER, OWNER)
                        .shows("full_name", "acme/vault", MEMBER, MAINTAINER, OWNER, SITE_ADMIN, OWNER_TOKEN_NO_SCOPE)
                        .hides("full_name", "acme/vault", ANONYMOUS, OUTSIDER, OWNER_TOKEN_ADMIN_ORG),
                row("GET", "/api/v3/search/repositories?q=").everyone(422),

                row("GET", "/api/v3/rate_limit").everyone(200),
                // The templates repository creation accepts.
                row("GET", "/api/v3/gitignore/templates").everyone(200),
                row("GET", "/api/v3/gitignore/templates/Java").everyone(200),
                row("GET", "/api/v3/licenses").everyone(200),
                row("GET", "/api/v3/licenses/mit").everyone(200),

                // Last: changes each persona's password (to a new one the fixture then signs in with).
                row("PUT", "/api/v3/user/password", password).with("password", f::currentPassword).with("newPassword", f::nextPassword).after(f::passwordChanged).anonymous(401).signedIn(204).tokens(403));
    }
}
