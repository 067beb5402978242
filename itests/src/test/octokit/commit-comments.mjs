// Comments on a commit with octokit, GitHub's own client: a reader comments on a changed line and on the whole
// commit, lists them, is refused a line outside the diff, edits and deletes their own; the owner reacts. Prints what
// it saw as one JSON object for the Java test to check. Any unexpected error fails the run.
//
//   CODARA_API=... CODARA_OWNER=... CODARA_REPO=... CODARA_SHA=... OWNER_TOKEN=... READER_TOKEN=...
import { Octokit } from "@octokit/rest";

const baseUrl = process.env.CODARA_API;
const owner = process.env.CODARA_OWNER;
const repo = process.env.CODARA_REPO;
const commit_sha = process.env.CODARA_SHA;
const author = new Octokit({ baseUrl, auth: process.env.OWNER_TOKEN, userAgent: "codara-itest" });
const reader = new Octokit({ baseUrl, auth: process.env.READER_TOKEN, userAgent: "codara-itest" });

const seen = {};
const status = async (promise) => {
  try {
    return (await promise).status;
  } catch (e) {
    return e.status;
  }
};

const line = await reader.rest.repos.createCommitComment({ owner, repo, commit_sha, path: "lines.txt", line: 2,
  body: "Why b?" });
seen.created = { status: line.status, path: line.data.path, line: line.data.line, position: line.data.position,
  commit_id: line.data.commit_id, user: line.data.user.login, association: line.data.author_association,
  html_url: line.data.html_url };
const whole = (await reader.rest.repos.createCommitComment({ owner, repo, commit_sha, body: "Nice commit" })).data;
seen.whole = { path: whole.path, line: whole.line, position: whole.position };
seen.outsideTheDiff = await status(reader.rest.repos.createCommitComment({ owner, repo, commit_sha,
  path: "lines.txt", line: 9, body: "nowhere" }));
seen.notAFile = await status(reader.rest.repos.createCommitComment({ owner, repo, commit_sha,
  path: "README.md", line: 1, body: "untouched" }));

seen.listed = (await reader.rest.repos.listCommentsForCommit({ owner, repo, commit_sha })).data
  .map((c) => `${c.user.login}:${c.path}:${c.line}:${c.body}`);

const reaction = await author.rest.reactions.createForCommitComment({ owner, repo, comment_id: line.data.id,
  content: "rocket" });
seen.reaction = { status: reaction.status, content: reaction.data.content, user: reaction.data.user.login };
seen.badReaction = await status(author.rest.reactions.createForCommitComment({ owner, repo, comment_id: line.data.id,
  content: "thumbsup" }));
seen.reactions = (await reader.rest.reactions.listForCommitComment({ owner, repo, comment_id: line.data.id })).data
  .map((r) => `${r.user.login}:${r.content}`);
seen.rollup = (await reader.rest.repos.getCommitComment({ owner, repo, comment_id: line.data.id })).data.reactions;

seen.edited = (await reader.rest.repos.updateCommitComment({ owner, repo, comment_id: line.data.id,
  body: "Why b, really?" })).data.body;
seen.deleted = await status(reader.rest.repos.deleteCommitComment({ owner, repo, comment_id: whole.id }));
seen.repository = (await author.rest.repos.listCommitCommentsForRepo({ owner, repo })).data.map((c) => c.body);

console.log(JSON.stringify(seen));
