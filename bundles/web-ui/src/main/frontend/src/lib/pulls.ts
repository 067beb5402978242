// Pull requests as the REST API gives them (GitHub's shapes), and what the pages derive from them: review threads
// from the flat list of review comments, the conversation's timeline, who has approved, suggested changes in a
// comment's Markdown, and why a pull request cannot be merged yet.

import type { Repository, User } from './types';

export interface PullBranch {
  label: string;
  ref: string;
  sha: string;
  user: User | null;
  repo: Repository | null;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description?: string | null;
}

export interface PullRequest {
  id: number;
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  user: User | null;
  draft: boolean;
  labels: Label[];
  assignees?: User[];
  requested_reviewers: User[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merged?: boolean;
  merged_by?: User | null;
  merge_commit_sha?: string | null;
  mergeable?: boolean | null;
  mergeable_state?: string;
  /** Codara: each requirement of the base branch's protection that is not met yet, in words. */
  merge_requirements?: Array<{ requirement?: string; message?: string; satisfied?: boolean } | string>;
  auto_merge?: { merge_method: string; enabled_by?: User | null } | null;
  /** Codara: the head branch is rebased onto the base whenever the base moves; the last attempt's outcome. */
  auto_rebase?: {
    enabled_by?: User | null;
    enabled_at?: string | null;
    last_result: { state: string; message: string | null; at: string; base_sha?: string | null; head_sha?: string | null } | null;
  } | null;
  maintainer_can_modify?: boolean;
  head: PullBranch;
  base: PullBranch;
  commits?: number;
  additions?: number;
  deletions?: number;
  changed_files?: number;
  comments?: number;
  review_comments?: number;
  reactions?: Reactions;
}

export interface Reactions {
  total_count: number;
  '+1': number;
  '-1': number;
  laugh: number;
  confused: number;
  heart: number;
  hooray: number;
  rocket: number;
  eyes: number;
}

export interface ReviewComment {
  id: number;
  pull_request_review_id: number | null;
  path: string;
  diff_hunk?: string;
  commit_id: string;
  original_commit_id?: string;
  /** The line on the head now; null once the commented lines changed (outdated). */
  line: number | null;
  original_line?: number | null;
  start_line?: number | null;
  side?: 'LEFT' | 'RIGHT';
  start_side?: 'LEFT' | 'RIGHT' | null;
  in_reply_to_id?: number | null;
  user: User | null;
  body: string;
  created_at: string;
  updated_at: string;
  /** Codara: whether the thread this comment starts is resolved (on its first comment). */
  resolved?: boolean;
  resolved_by?: User | null;
  reactions?: Reactions;
}

export type ReviewState = 'PENDING' | 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface Review {
  id: number;
  user: User | null;
  body: string | null;
  state: ReviewState;
  commit_id: string | null;
  submitted_at: string | null;
}

export interface IssueComment {
  id: number;
  user: User | null;
  body: string;
  created_at: string;
  updated_at: string;
  reactions?: Reactions;
}

/** A discussion on a diff line: its first comment and the replies, oldest first. */
export interface Thread {
  root: ReviewComment;
  replies: ReviewComment[];
  path: string;
  line: number | null;
  side: 'LEFT' | 'RIGHT';
  outdated: boolean;
  resolved: boolean;
}

/**
 * Groups the flat list of review comments into threads: a reply names the comment it answers (GitHub always
 * points replies at the thread's first comment, but a reply to a reply is followed up to its root too). Threads come
 * in the order of their first comment.
 */
export function threadsOf(comments: ReviewComment[]): Thread[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (comment: ReviewComment): ReviewComment => {
    let current = comment;
    const seen = new Set<number>();
    while (current.in_reply_to_id != null && byId.has(current.in_reply_to_id) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.in_reply_to_id)!;
    }
    return current;
  };
  const threads = new Map<number, Thread>();
  const sorted = [...comments].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  for (const comment of sorted) {
    const root = rootOf(comment);
    let thread = threads.get(root.id);
    if (!thread) {
      thread = {
        root,
        replies: [],
        path: root.path,
        line: root.line,
        side: root.side ?? 'RIGHT',
        outdated: root.line === null || root.line === undefined,
        resolved: Boolean(root.resolved),
      };
      threads.set(root.id, thread);
    }
    if (comment !== root) thread.replies.push(comment);
  }
  return [...threads.values()].sort((a, b) => a.root.created_at.localeCompare(b.root.created_at) || a.root.id - b.root.id);
}

/** The key of a diff line that threads hang under: path, side and line number. */
export function lineKey(path: string, side: 'LEFT' | 'RIGHT', line: number): string {
  return `${side}:${line}:${path}`;
}

/** The current (not outdated) threads by the diff line they are on. */
export function threadsByLine(threads: Thread[]): Map<string, Thread[]> {
  const map = new Map<string, Thread[]>();
  for (const thread of threads) {
    if (thread.outdated || thread.line === null) continue;
    const key = lineKey(thread.path, thread.side, thread.line);
    const list = map.get(key);
    if (list) list.push(thread);
    else map.set(key, [thread]);
  }
  return map;
}

export type TimelineItem =
  | { kind: 'comment'; at: string; comment: IssueComment }
  | { kind: 'review'; at: string; review: Review; threads: Thread[] };

/**
 * The conversation in time order: comments, and submitted reviews with the threads they started. A review that only
 * carried inline comments and no body still shows, as on GitHub; pending reviews show to nobody but their author
 * (the API gives them to no one else).
 */
export function timeline(comments: IssueComment[], reviews: Review[], threads: Thread[]): TimelineItem[] {
  const items: TimelineItem[] = comments.map((comment) => ({ kind: 'comment', at: comment.created_at, comment }));
  for (const review of reviews) {
    if (review.state === 'PENDING' || !review.submitted_at) continue;
    const started = threads.filter((t) => t.root.pull_request_review_id === review.id);
    if (review.state === 'COMMENTED' && !review.body && started.length === 0) continue;
    items.push({ kind: 'review', at: review.submitted_at, review, threads: started });
  }
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

/** Each reviewer's deciding review: the latest that approved, asked for changes or was dismissed. */
export function reviewDecisions(reviews: Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  const ordered = [...reviews].sort((a, b) => (a.submitted_at ?? '').localeCompare(b.submitted_at ?? '') || a.id - b.id);
  for (const review of ordered) {
    if (!review.user || !review.submitted_at) continue;
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') {
      latest.set(review.user.login, review);
    }
  }
  return latest;
}

const SUGGESTION = /```suggestion[^\n]*\n([\s\S]*?)```/;

/** The replacement text of a comment's ```suggestion block (empty when it suggests deleting the lines), if it has one. */
export function suggestionOf(body: string): string | undefined {
  const match = SUGGESTION.exec(body.replace(/\r\n/g, '\n'));
  if (!match) return undefined;
  return match[1].replace(/\n$/, '');
}

/** What the merge box says about a pull request's state. */
export interface MergeVerdict {
  tone: 'success' | 'warning' | 'danger' | 'neutral';
  title: string;
  reasons: string[];
  canMerge: boolean;
}

function requirementTexts(pull: PullRequest): string[] {
  return (pull.merge_requirements ?? [])
    .filter((r) => typeof r === 'string' || r.satisfied !== true)
    .map((r) => (typeof r === 'string' ? r : r.message ?? r.requirement ?? 'A requirement is not met'));
}

/** Why a pull request can or cannot be merged, from `mergeable`, `mergeable_state` and Codara's requirements list. */
export function mergeVerdict(pull: PullRequest): MergeVerdict {
  if (pull.merged) return { tone: 'neutral', title: 'Merged', reasons: [], canMerge: false };
  if (pull.state === 'closed') return { tone: 'neutral', title: 'Closed', reasons: ['This pull request is closed.'], canMerge: false };
  if (pull.draft) {
    return { tone: 'neutral', title: 'This pull request is still a draft', reasons: ['Mark it ready for review before merging.'], canMerge: false };
  }
  const reasons = requirementTexts(pull);
  const state = pull.mergeable_state ?? 'unknown';
  if (pull.mergeable === false || state === 'dirty') {
    return { tone: 'danger', title: 'This branch has conflicts that must be resolved', reasons, canMerge: false };
  }
  if (pull.mergeable === null || pull.mergeable === undefined || state === 'unknown') {
    return { tone: 'neutral', title: 'Checking whether this branch can be merged…', reasons, canMerge: false };
  }
  if (state === 'blocked' || reasons.length > 0) {
    return { tone: 'warning', title: 'Merging is blocked', reasons, canMerge: false };
  }
  if (state === 'behind') {
    return { tone: 'warning', title: 'This branch is out of date with the base branch', reasons, canMerge: false };
  }
  if (state === 'unstable') {
    return { tone: 'warning', title: 'Some checks were not successful', reasons, canMerge: true };
  }
  return { tone: 'success', title: 'This branch has no conflicts with the base branch', reasons, canMerge: true };
}

/** GitHub's reaction contents and the emoji the UI shows for them. */
export const REACTIONS: Array<{ content: Exclude<keyof Reactions, 'total_count'>; emoji: string; label: string }> = [
  { content: '+1', emoji: '👍', label: 'thumbs up' },
  { content: '-1', emoji: '👎', label: 'thumbs down' },
  { content: 'laugh', emoji: '😄', label: 'laugh' },
  { content: 'hooray', emoji: '🎉', label: 'hooray' },
  { content: 'confused', emoji: '😕', label: 'confused' },
  { content: 'heart', emoji: '❤️', label: 'heart' },
  { content: 'rocket', emoji: '🚀', label: 'rocket' },
  { content: 'eyes', emoji: '👀', label: 'eyes' },
];
