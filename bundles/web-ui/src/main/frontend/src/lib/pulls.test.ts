import { describe, expect, it } from 'vitest';
import {
  lineKey, mergeVerdict, reviewDecisions, suggestionOf, threadsByLine, threadsOf, timeline,
  type IssueComment, type PullRequest, type Review, type ReviewComment,
} from './pulls';

const user = (login: string) => ({ login, id: login.length, type: 'User' as const, avatar_url: '' });

function comment(id: number, at: string, extra: Partial<ReviewComment> = {}): ReviewComment {
  return {
    id, pull_request_review_id: 1, path: 'src/a.ts', commit_id: 'c1', line: 10, side: 'RIGHT', user: user('ann'),
    body: `comment ${id}`, created_at: at, updated_at: at, ...extra,
  };
}

describe('threadsOf', () => {
  it('hangs replies under their root, replies to replies too, oldest first', () => {
    const threads = threadsOf([
      comment(3, '2026-01-01T10:03:00Z', { in_reply_to_id: 1 }),
      comment(1, '2026-01-01T10:01:00Z'),
      comment(2, '2026-01-01T10:02:00Z', { path: 'b.ts', line: 4 }),
      comment(4, '2026-01-01T10:04:00Z', { in_reply_to_id: 3 }),
    ]);
    expect(threads.map((t) => t.root.id)).toEqual([1, 2]);
    expect(threads[0].replies.map((c) => c.id)).toEqual([3, 4]);
    expect(threads[1].replies).toEqual([]);
    expect(threads[1].path).toBe('b.ts');
  });

  it('marks a thread whose line is gone as outdated and keeps it off the diff', () => {
    const threads = threadsOf([comment(1, '2026-01-01T10:00:00Z', { line: null, original_line: 10 }),
      comment(2, '2026-01-01T10:01:00Z', { line: 12, side: 'LEFT', resolved: true })]);
    expect(threads[0].outdated).toBe(true);
    expect(threads[1].resolved).toBe(true);
    const byLine = threadsByLine(threads);
    expect([...byLine.keys()]).toEqual([lineKey('src/a.ts', 'LEFT', 12)]);
  });

  it('survives a reply whose root is missing (deleted) by making it a root', () => {
    const threads = threadsOf([comment(5, '2026-01-01T10:00:00Z', { in_reply_to_id: 99 })]);
    expect(threads).toHaveLength(1);
    expect(threads[0].root.id).toBe(5);
  });
});

describe('timeline', () => {
  const review = (id: number, state: Review['state'], at: string | null, body: string | null = null): Review =>
    ({ id, user: user('bob'), body, state, commit_id: 'c1', submitted_at: at });
  const issueComment = (id: number, at: string): IssueComment =>
    ({ id, user: user('ann'), body: 'hi', created_at: at, updated_at: at });

  it('orders comments and reviews by time and attaches the threads a review started', () => {
    const threads = threadsOf([comment(1, '2026-01-01T10:05:00Z', { pull_request_review_id: 7 })]);
    const items = timeline([issueComment(1, '2026-01-01T10:00:00Z'), issueComment(2, '2026-01-01T11:00:00Z')],
      [review(7, 'COMMENTED', '2026-01-01T10:30:00Z'), review(8, 'APPROVED', '2026-01-01T12:00:00Z')], threads);
    expect(items.map((i) => i.kind)).toEqual(['comment', 'review', 'comment', 'review']);
    const first = items[1];
    expect(first.kind === 'review' && first.threads.map((t) => t.root.id)).toEqual([1]);
  });

  it('leaves out pending reviews and empty comment-only reviews', () => {
    const items = timeline([], [review(1, 'PENDING', null), review(2, 'COMMENTED', '2026-01-01T10:00:00Z')], []);
    expect(items).toEqual([]);
  });
});

describe('reviewDecisions', () => {
  it('keeps each reviewer’s latest approval or change request, not later plain comments', () => {
    const reviews: Review[] = [
      { id: 1, user: user('bob'), body: null, state: 'CHANGES_REQUESTED', commit_id: 'a', submitted_at: '2026-01-01T10:00:00Z' },
      { id: 2, user: user('bob'), body: null, state: 'APPROVED', commit_id: 'b', submitted_at: '2026-01-01T11:00:00Z' },
      { id: 3, user: user('bob'), body: 'nit', state: 'COMMENTED', commit_id: 'b', submitted_at: '2026-01-01T12:00:00Z' },
      { id: 4, user: user('cy'), body: null, state: 'CHANGES_REQUESTED', commit_id: 'b', submitted_at: '2026-01-01T12:00:00Z' },
    ];
    const decisions = reviewDecisions(reviews);
    expect(decisions.get('bob')?.state).toBe('APPROVED');
    expect(decisions.get('cy')?.state).toBe('CHANGES_REQUESTED');
  });
});

describe('suggestionOf', () => {
  it('takes the text of a suggestion block, empty for a deletion, none without a block', () => {
    expect(suggestionOf('Try this:\n```suggestion\nconst x = 1;\nconst y = 2;\n```\nthanks')).toBe('const x = 1;\nconst y = 2;');
    expect(suggestionOf('```suggestion\r\n```')).toBe('');
    expect(suggestionOf('```ts\nconst x = 1;\n```')).toBeUndefined();
  });
});

describe('mergeVerdict', () => {
  const pull = (extra: Partial<PullRequest>): PullRequest => ({
    id: 1, number: 1, state: 'open', title: 't', body: null, user: user('ann'), draft: false, labels: [],
    requested_reviewers: [], created_at: '', updated_at: '', closed_at: null, merged_at: null,
    head: { label: 'a:x', ref: 'x', sha: '1', user: null, repo: null },
    base: { label: 'a:main', ref: 'main', sha: '2', user: null, repo: null }, ...extra,
  });

  it('allows a clean merge', () => {
    expect(mergeVerdict(pull({ mergeable: true, mergeable_state: 'clean' }))).toMatchObject({ tone: 'success', canMerge: true });
  });
  it('says conflicts, blocked with the unmet requirements, and still computing', () => {
    expect(mergeVerdict(pull({ mergeable: false, mergeable_state: 'dirty' }))).toMatchObject({ tone: 'danger', canMerge: false });
    expect(mergeVerdict(pull({
      mergeable: true, mergeable_state: 'blocked',
      merge_requirements: [{ requirement: 'approvals', message: '1 approving review is required', satisfied: false },
        { requirement: 'checks', message: 'ci passed', satisfied: true }, 'Required status check "build" is pending'],
    }))).toEqual({ tone: 'warning', title: 'Merging is blocked', canMerge: false,
      reasons: ['1 approving review is required', 'Required status check "build" is pending'] });
    expect(mergeVerdict(pull({ mergeable: null, mergeable_state: 'unknown' })).canMerge).toBe(false);
  });
  it('never offers to merge a draft, a closed or a merged pull request', () => {
    expect(mergeVerdict(pull({ draft: true, mergeable: true, mergeable_state: 'clean' })).canMerge).toBe(false);
    expect(mergeVerdict(pull({ state: 'closed' })).title).toBe('Closed');
    expect(mergeVerdict(pull({ state: 'closed', merged: true })).title).toBe('Merged');
  });
});
