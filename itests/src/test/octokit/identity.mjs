// Drives Codara's identity API with octokit, GitHub's own client, exactly as a GitHub script would, and prints
// what it saw as one JSON object for the Java test to check. Any thrown error fails the run (exit 1).
//
//   CODARA_API=http://127.0.0.1:8080/api/v3 CODARA_TOKEN=cdr_... CODARA_ORG=acme node identity.mjs
import { Octokit } from "@octokit/rest";

const baseUrl = process.env.CODARA_API;
const org = process.env.CODARA_ORG;
const octokit = new Octokit({ baseUrl, auth: process.env.CODARA_TOKEN, userAgent: "codara-itest" });
const anonymous = new Octokit({ baseUrl, userAgent: "codara-itest" });

const seen = {};
const me = await octokit.rest.users.getAuthenticated();
seen.login = me.data.login;
seen.type = me.data.type;
seen.scopes = me.headers["x-oauth-scopes"] ?? null;
seen.rateLimitHeader = me.headers["x-ratelimit-limit"];

seen.userByName = (await anonymous.rest.users.getByUsername({ username: me.data.login })).data.login;
seen.org = (await octokit.rest.orgs.get({ org })).data.login;
seen.membershipRole = (await octokit.rest.orgs.getMembershipForAuthenticatedUser({ org })).data.role;
// paginate() follows the Link headers page by page, as it does on github.com.
seen.members = (await octokit.paginate(octokit.rest.orgs.listMembers, { org, per_page: 2 })).map((u) => u.login).sort();
seen.teams = (await octokit.paginate(octokit.rest.teams.list, { org, per_page: 1 })).map((t) => t.slug).sort();
seen.myOrgs = (await octokit.rest.orgs.listForAuthenticatedUser()).data.map((o) => o.login);
const team = await octokit.rest.teams.create({ org, name: "Octo Team", privacy: "closed" });
seen.createdTeam = { slug: team.data.slug, status: team.status };
seen.rate = (await octokit.rest.rateLimit.get()).data.resources.core.limit;

// Errors arrive as octokit's RequestError with GitHub's status and message.
try {
  await octokit.rest.users.getByUsername({ username: "no-such-user-anywhere" });
  seen.missingUser = "no error";
} catch (e) {
  seen.missingUser = { status: e.status, message: e.response?.data?.message };
}
try {
  await anonymous.rest.users.getAuthenticated();
  seen.anonymousMe = "no error";
} catch (e) {
  seen.anonymousMe = e.status;
}
console.log(JSON.stringify(seen));
