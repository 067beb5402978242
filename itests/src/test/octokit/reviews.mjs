// Reviews a pull request with octokit, GitHub's own client, as two users would on github.com: the reviewer leaves a
// review with two inline comments (one a suggested change), the author replies, resolves the thread and applies the
// suggestion (a commit on the head branch), the reviewer approves, both react; prints what it saw as one JSON object
// for the Java test to check. Any unexpected error fails the run.
//
//   CODARA_API=... CODARA_OWNER=... CODARA_REPO=... CODARA_PULL=1 CODARA_BRANCH=... AUTHOR_TOKEN=... REVIEWER_TOKEN=...
import { Octokit } from "@octokit/rest";

const baseUrl = process.env.CODARA_API;
const owner = process.env.CODARA_OWNER;
const repo = process.env.CODARA_REPO;
const pull_number = Number(process.env.CODARA_PULL);
const branch = process.env.CODARA_BRANCH;
const author = new Octokit({ baseUrl, auth: process.env.AUTHOR_TOKEN, userAgent: "codara-itest" });
const reviewer = new Octokit({ baseUrl, auth: process.env.REVIEWER_TOKEN, userAgent: "codara-itest" });

const seen = {};
const status = async (promise) => {
  try {
    await promise;
    return "no error";
  } catch (e) {
    return e.status;
  }
};

const head = (await reviewer.rest.pulls.get({ owner, repo, pull_number })).data.head.sha;
const review = (await reviewer.rest.pulls.createReview({
  owner, repo, pull_number, commit_id: head, event: "COMMENT", body: "Two notes",
  comments: [
    { path: "lines.txt", line: 2, side: "RIGHT", body: "Louder:\n```suggestion\nB\n```" },
    { path: "lines.txt", start_line: 1, start_side: "RIGHT", line: 3, side: "RIGHT", body: "The whole file" },
  ],
})).data;
seen.review = { state: review.state, user: review.user.login };
const comments = (await reviewer.rest.pulls.listReviewComments({ owner, repo, pull_number })).data;
seen.comments = comments.map((c) => ({ path: c.path, line: c.line, start_line: c.start_line, side: c.side,
  position: c.position, review: c.pull_request_review_id === review.id }));
const suggestion = comments.find((c) => c.line === 2);
const range = comments.find((c) => c.start_line === 1);
seen.outsideTheDiff = await status(reviewer.rest.pulls.createReviewComment({ owner, repo, pull_number,
  commit_id: head, path: "lines.txt", line: 40, side: "RIGHT", body: "nowhere" }));

const reply = (await author.rest.pulls.createReplyForReviewComment({ owner, repo, pull_number,
  comment_id: range.id, body: "Will do" })).data;
seen.reply = { in_reply_to_id: reply.in_reply_to_id === range.id, line: reply.line, user: reply.user.login };

// Codara's REST resolution of a thread (GitHub has it in GraphQL only).
const resolved = (await author.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/resolution",
  { owner, repo, pull_number, comment_id: range.id })).data;
seen.resolved = { resolved: resolved.resolved, by: resolved.resolved_by && resolved.resolved_by.login };

const applied = (await author.request(
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/suggestion/apply",
  { owner, repo, pull_number, comment_id: suggestion.id, commit_message: "Apply the reviewer's suggestion" })).data;
seen.applied = applied.sha;
seen.branch = (await author.rest.repos.getBranch({ owner, repo, branch })).data.commit.sha;
const file = (await author.rest.repos.getContent({ owner, repo, path: "lines.txt", ref: branch })).data;
seen.file = Buffer.from(file.content, file.encoding).toString("utf8");
seen.afterApply = (await reviewer.rest.pulls.getReviewComment({ owner, repo, comment_id: suggestion.id })).data.line;
seen.applyAgain = await status(author.request(
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/suggestion/apply",
  { owner, repo, pull_number, comment_id: suggestion.id }));

const approval = (await reviewer.rest.pulls.createReview({ owner, repo, pull_number, event: "APPROVE" })).data;
seen.approval = approval.state;
seen.selfApproval = await status(author.rest.pulls.createReview({ owner, repo, pull_number, event: "APPROVE" }));
seen.reviews = (await author.rest.pulls.listReviews({ owner, repo, pull_number })).data.map((r) => r.state);

// A pending review is the reviewer's alone until submitted.
const pending = (await reviewer.rest.pulls.createReview({ owner, repo, pull_number, body: "Later",
  comments: [{ path: "lines.txt", line: 1, body: "pending" }] })).data;
seen.pending = pending.state;
seen.pendingSeenByAuthor = (await author.rest.pulls.listReviews({ owner, repo, pull_number })).data
  .some((r) => r.id === pending.id);
seen.submitted = (await reviewer.rest.pulls.submitReview({ owner, repo, pull_number, review_id: pending.id,
  event: "COMMENT" })).data.state;

await reviewer.rest.reactions.createForPullRequestReviewComment({ owner, repo, comment_id: range.id, content: "heart" });
await reviewer.rest.reactions.createForIssue({ owner, repo, issue_number: pull_number, content: "hooray" });
const conversation = (await author.rest.issues.createComment({ owner, repo, issue_number: pull_number,
  body: "Thanks!" })).data;
await reviewer.rest.reactions.createForIssueComment({ owner, repo, comment_id: conversation.id, content: "+1" });
seen.badReaction = await status(reviewer.rest.reactions.createForIssue({ owner, repo, issue_number: pull_number,
  content: "thumbsup" }));
seen.issueComments = (await reviewer.rest.issues.listComments({ owner, repo, issue_number: pull_number })).data
  .map((c) => `${c.user.login}:${c.body}:${c.reactions["+1"]}`);
seen.commentReactions = (await reviewer.rest.reactions.listForPullRequestReviewComment({ owner, repo,
  comment_id: range.id })).data.map((r) => `${r.user.login}:${r.content}`);
const pull = (await author.rest.pulls.get({ owner, repo, pull_number })).data;
seen.pull = { head: pull.head.sha, comments: pull.comments, review_comments: pull.review_comments,
  hooray: pull.reactions && pull.reactions.hooray };
console.log(JSON.stringify(seen));
