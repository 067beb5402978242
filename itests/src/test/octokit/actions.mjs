// Reads a workflow run's artifacts and the repository's caches with octokit, GitHub's own client, with a token, and
// downloads the artifact's zip as a GitHub script would; prints what it saw as one JSON object. Any error fails the run.
//
//   CODARA_API=http://127.0.0.1:8080/api/v3 CODARA_TOKEN=cdr_... CODARA_OWNER=o CODARA_REPO=r CODARA_RUN=1 node actions.mjs
import { Octokit } from "@octokit/rest";

const owner = process.env.CODARA_OWNER;
const repo = process.env.CODARA_REPO;
const run_id = Number(process.env.CODARA_RUN);
const octokit = new Octokit({ baseUrl: process.env.CODARA_API, auth: process.env.CODARA_TOKEN, userAgent: "codara-itest" });

const seen = {};
const listed = (await octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id })).data;
seen.names = listed.artifacts.map((a) => a.name);
const artifact_id = listed.artifacts[0].id;
const artifact = (await octokit.rest.actions.getArtifact({ owner, repo, artifact_id })).data;
seen.size = artifact.size_in_bytes;
seen.expired = artifact.expired;
const zip = await octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id, archive_format: "zip" });
const bytes = Buffer.from(zip.data);
seen.downloaded = bytes.length;
seen.magic = bytes.subarray(0, 2).toString("latin1");
seen.repoArtifacts = (await octokit.rest.actions.listArtifactsForRepo({ owner, repo, name: artifact.name })).data.total_count;
seen.caches = (await octokit.rest.actions.getActionsCacheList({ owner, repo })).data.actions_caches.map((c) => c.key);
seen.cacheCount = (await octokit.rest.actions.getActionsCacheUsage({ owner, repo })).data.active_caches_count;
console.log(JSON.stringify(seen));
