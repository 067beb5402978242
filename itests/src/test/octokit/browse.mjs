// Browses a public Codara repository with octokit, GitHub's own client, anonymously, exactly as a GitHub script
// would, and prints what it saw as one JSON object for the Java test to check. Any thrown error fails the run.
//
//   CODARA_API=http://127.0.0.1:8080/api/v3 CODARA_OWNER=admin CODARA_REPO=browse-me node browse.mjs
import { Octokit } from "@octokit/rest";

const baseUrl = process.env.CODARA_API;
const owner = process.env.CODARA_OWNER;
const repo = process.env.CODARA_REPO;
const octokit = new Octokit({ baseUrl, userAgent: "codara-itest" });

const seen = {};
// paginate() follows the Link headers page by page, as it does on github.com.
seen.branches = (await octokit.paginate(octokit.rest.repos.listBranches, { owner, repo, per_page: 1 })).map((b) => b.name);
seen.branch = (await octokit.rest.repos.getBranch({ owner, repo, branch: "main" })).data.commit.sha;

const readme = (await octokit.rest.repos.getContent({ owner, repo, path: "README.md" })).data;
seen.readme = Buffer.from(readme.content, readme.encoding).toString("utf8");
const raw = await octokit.rest.repos.getContent({ owner, repo, path: "README.md", mediaType: { format: "raw" } });
seen.raw = raw.data;
seen.rawType = raw.headers["content-type"];
seen.root = (await octokit.rest.repos.getContent({ owner, repo, path: "" })).data.map((e) => `${e.type}:${e.name}`);
seen.readmeEndpoint = (await octokit.rest.repos.getReadme({ owner, repo })).data.path;

const commits = await octokit.paginate(octokit.rest.repos.listCommits, { owner, repo, sha: "main", per_page: 1 });
seen.commits = commits.map((c) => c.sha);
seen.message = commits[0].commit.message;
const commit = (await octokit.rest.repos.getCommit({ owner, repo, ref: commits[0].sha })).data;
seen.commitFiles = commit.files.map((f) => `${f.status}:${f.filename}`).sort();
seen.stats = commit.stats;

const compared = (await octokit.rest.repos.compareCommits({ owner, repo, base: commits[0].sha, head: "main" })).data;
seen.compare = { status: compared.status, ahead_by: compared.ahead_by, behind_by: compared.behind_by,
  merge_base: compared.merge_base_commit.sha };
// octokit sends the slashes of a path parameter as %2F, as it does to github.com.
seen.tree = (await octokit.rest.git.getTree({ owner, repo, tree_sha: "refs/heads/main", recursive: "1" })).data.tree
  .map((e) => e.path);
seen.ref = (await octokit.rest.git.getRef({ owner, repo, ref: "heads/main" })).data.object.sha;

seen.languages = (await octokit.rest.repos.listLanguages({ owner, repo })).data;
// octokit follows the 302 to the archive, as it does to codeload.github.com.
const tarball = await octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: "main" });
const tarBytes = new Uint8Array(tarball.data);
seen.tarball = { status: tarball.status, gzip: tarBytes[0] === 0x1f && tarBytes[1] === 0x8b, bytes: tarBytes.length };

// Errors arrive as octokit's RequestError with GitHub's status.
try {
  await octokit.rest.repos.getContent({ owner, repo, path: "no/such/file.txt" });
  seen.missing = "no error";
} catch (e) {
  seen.missing = e.status;
}
console.log(JSON.stringify(seen));
