// Merges a Codara pull request with octokit, GitHub's own client, as a GitHub script would: reads the pull request
// (blocked by a required status check), tries to merge (405), posts the missing status, squash-merges, and prints
// what it saw as one JSON object for the Java test to check. Any unexpected error fails the run.
//
//   CODARA_API=http://127.0.0.1:8080/api/v3 CODARA_TOKEN=... CODARA_OWNER=o CODARA_REPO=r CODARA_PULL=2 \
//   CODARA_CONTEXT=ci/merge node merge.mjs
import { Octokit } from "@octokit/rest";

const baseUrl = process.env.CODARA_API;
const owner = process.env.CODARA_OWNER;
const repo = process.env.CODARA_REPO;
const pull_number = Number(process.env.CODARA_PULL);
const context = process.env.CODARA_CONTEXT;
const octokit = new Octokit({ baseUrl, auth: process.env.CODARA_TOKEN, userAgent: "codara-itest" });

const seen = {};
const pull = (await octokit.rest.pulls.get({ owner, repo, pull_number })).data;
seen.before = { mergeable_state: pull.mergeable_state, merge_requirements: pull.merge_requirements };
try {
  await octokit.rest.pulls.merge({ owner, repo, pull_number, merge_method: "squash" });
  seen.refused = null;
} catch (error) {
  seen.refused = { status: error.status, message: error.response?.data?.message };
}
await octokit.rest.repos.createCommitStatus({ owner, repo, sha: pull.head.sha, state: "success", context });
seen.after = (await octokit.rest.pulls.get({ owner, repo, pull_number })).data.mergeable_state;
const merged = (await octokit.rest.pulls.merge({ owner, repo, pull_number, merge_method: "squash",
  commit_title: "Squashed by octokit", sha: pull.head.sha })).data;
seen.merged = merged;
seen.checked = (await octokit.rest.pulls.checkIfMerged({ owner, repo, pull_number })).status;
const closed = (await octokit.rest.pulls.get({ owner, repo, pull_number })).data;
seen.closed = { state: closed.state, merged: closed.merged, merge_commit_sha: closed.merge_commit_sha,
  merged_by: closed.merged_by?.login };
console.log(JSON.stringify(seen));
