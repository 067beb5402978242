import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Pull from './Pull';
import Pulls from './Pulls';
import MergeQueuePage from './MergeQueue';
import { allowedMethods } from './MergeBox';
import { labelTextColor } from './Labels';
import { proposedTitle } from './OpenPull';
import type { RepoContext } from '../RepoLayout';
import { SessionProvider } from '../../../lib/session';
import type { Commit, Repository } from '../../../lib/types';

const repo = {
  full_name: 'alice/tools', name: 'tools', owner: { login: 'alice' }, default_branch: 'main',
  permissions: { admin: true, push: true, pull: true }, allow_rebase_merge: false,
} as unknown as Repository;

const user = (login: string) => ({ login, id: 1, type: 'User', avatar_url: '/a.png' });
const pull = {
  id: 5, number: 7, state: 'open', title: 'Add the parser', body: 'It parses.', user: user('bob'), draft: false, labels: [],
  assignees: [], requested_reviewers: [user('carol')], created_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:00:00Z',
  closed_at: null, merged_at: null, merged: false, mergeable: true, mergeable_state: 'blocked',
  merge_requirements: [{ requirement: 'required_approving_review_count', message: 'At least 1 approving review is required', satisfied: false }],
  head: { label: 'alice:parser', ref: 'parser', sha: 'head123', user: user('alice'), repo: { full_name: 'alice/tools' } },
  base: { label: 'alice:main', ref: 'main', sha: 'base123', user: user('alice'), repo: { full_name: 'alice/tools' } },
  commits: 1, changed_files: 1,
};
const file = {
  filename: 'src/parse.ts', status: 'modified', additions: 1, deletions: 1, changes: 2,
  patch: '@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n const c = 4;',
};
const comment = {
  id: 31, pull_request_review_id: 40, path: 'src/parse.ts', commit_id: 'head123', line: 2, original_line: 2, side: 'RIGHT',
  in_reply_to_id: null, user: user('carol'), body: 'Why 3?\n```suggestion\nconst b = 30;\n```', created_at: '2026-11-30T11:00:00Z',
  updated_at: '2026-11-30T11:00:00Z',
};

type Answer = { status?: number; body: unknown };

function stubApi(answer: (url: string, init?: RequestInit) => Answer | undefined) {
  const calls: Array<{ url: string; method: string; body?: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const given = url.endsWith('/session') ? { body: { user: user('alice'), csrf_token: 't' } } : answer(url, init);
    const { status = 200, body } = given ?? { status: 404, body: { message: 'Not Found' } };
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }));
  return calls;
}

function renderAt(url: string) {
  const context: RepoContext = { repo, base: '/repos/alice/tools', home: '/alice/tools', reload: () => undefined };
  const router = createMemoryRouter([{
    path: '/:owner/:repo',
    element: <Outlet context={context} />,
    children: [
      { path: 'pulls', element: <Pulls /> },
      { path: 'pull/:number', element: <Pull /> },
      { path: 'pull/:number/:tab', element: <Pull /> },
      { path: 'merge-queue/*', element: <MergeQueuePage /> },
    ],
  }], { initialEntries: [url] });
  render(<SessionProvider><RouterProvider router={router} /></SessionProvider>);
  return router;
}

function answers(url: string): Answer | undefined {
  const path = new URL(url, 'http://localhost').pathname;
  if (path === '/api/v3/repos/alice/tools/pulls/7') return { body: pull };
  if (path === '/api/v3/repos/alice/tools/pulls/7/comments') return { body: [comment] };
  if (path === '/api/v3/repos/alice/tools/pulls/7/files') return { body: [file] };
  if (path === '/api/v3/repos/alice/tools/pulls/7/reviews') {
    return { body: [{ id: 40, user: user('carol'), body: '', state: 'COMMENTED', commit_id: 'head123', submitted_at: '2026-11-30T11:00:00Z' }] };
  }
  if (path === '/api/v3/repos/alice/tools/issues/7/comments') return { body: [] };
  if (path === '/api/v3/repos/alice/tools/commits/head123/status') return { body: { state: 'pending', sha: 'head123', total_count: 0, statuses: [] } };
  if (path === '/api/v3/repos/alice/tools/pulls') return { body: [pull] };
  return undefined;
}

afterEach(() => vi.unstubAllGlobals());

describe('pull request pages', () => {
  it('lists open pull requests with links to their pages', async () => {
    stubApi(answers);
    renderAt('/alice/tools/pulls');
    const link = await screen.findByRole('link', { name: 'Add the parser' });
    expect(link.getAttribute('href')).toBe('/alice/tools/pull/7');
  });

  it('shows why the merge is blocked and the thread with its suggestion in the conversation', async () => {
    stubApi(answers);
    renderAt('/alice/tools/pull/7');
    expect(await screen.findByTestId('merge-verdict')).toHaveProperty('textContent', 'Merging is blocked');
    expect(screen.getByTestId('merge-reasons').textContent).toContain('At least 1 approving review is required');
    expect((screen.getByRole('button', { name: 'Merge pull request' }) as HTMLButtonElement).disabled).toBe(true);
    // Rebase is off in the repository's settings.
    expect(within(screen.getByRole('combobox', { name: 'Merge method' })).queryByText('Rebase and merge')).toBeNull();
    const thread = await screen.findByTestId('review-thread');
    expect(within(thread).getByTestId('suggestion').textContent).toContain('const b = 30;');
  });

  it('puts a thread under its line in the files tab and posts a line comment with the head commit', async () => {
    const calls = stubApi((url, init) => (init?.method === 'POST' ? { status: 201, body: { ...comment, id: 32 } } : answers(url)));
    renderAt('/alice/tools/pull/7/files');
    const thread = await screen.findByTestId('review-thread');
    // The thread's row follows the row of new line 2.
    const row = thread.closest('tr')!.previousElementSibling!;
    expect(row.querySelectorAll('td')[1].getAttribute('data-n')).toBe('2');

    fireEvent.click(screen.getByRole('button', { name: 'Comment on line R3 of src/parse.ts' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Line comment' }), { target: { value: 'Fine.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add single comment' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: '/api/v3/repos/alice/tools/pulls/7/comments', method: 'POST',
      body: { body: 'Fine.', commit_id: 'head123', path: 'src/parse.ts', line: 3, side: 'RIGHT' },
    });
  });

  it('keeps "Start a review" comments pending and submits them with the review', async () => {
    const calls = stubApi((url, init) => (init?.method === 'POST' ? { body: { id: 41, state: 'COMMENTED' } } : answers(url)));
    renderAt('/alice/tools/pull/7/files');
    await screen.findByTestId('review-thread');
    fireEvent.click(screen.getByRole('button', { name: 'Comment on line L2 of src/parse.ts' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Line comment' }), { target: { value: 'Was 2.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start a review' }));
    expect(await screen.findByTestId('pending-comment')).toBeTruthy();
    expect(screen.getByTestId('pending-count').textContent).toBe('1');

    fireEvent.click(screen.getByRole('button', { name: /Review changes/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Approve' }));
    fireEvent.click(screen.getByRole('button', { name: 'Submit review' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      event: 'APPROVE', body: '', commit_id: 'head123', comments: [{ path: 'src/parse.ts', line: 2, side: 'LEFT', body: 'Was 2.' }],
    });
  });
});

describe('merge queue', () => {
  const queue = {
    branch: 'main', merge_method: 'squash', batch_size: 1, max_builds: 5, check_timeout_minutes: 60,
    entries: [
      { id: 1, pull_request: { number: 7, title: 'Add the parser', html_url: '' }, base: 'main', state: 'building',
        head_sha: 'head123', built_on_sha: 'base123', speculative_sha: 'spec1234567', reason: null, enqueued_by: 'alice',
        enqueued_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:00:00Z', position: 1, queue_branch: 'codara-merge-queue/main/pr-7' },
      { id: 2, pull_request: { number: 8, title: 'Break it', html_url: '' }, base: 'main', state: 'failed',
        head_sha: 'head8', built_on_sha: null, speculative_sha: null, reason: 'Required status check "ci" failed on the queue\'s build',
        enqueued_by: 'alice', enqueued_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:01:00Z', position: null, queue_branch: null },
    ],
  };

  it('lists the queue in order and what left it with the reason', async () => {
    stubApi((url) => (new URL(url, 'http://localhost').pathname === '/api/v3/repos/alice/tools/merge-queue/main' ? { body: queue } : undefined));
    renderAt('/alice/tools/merge-queue/main');
    const entries = await screen.findByTestId('queue-entries');
    expect(within(entries).getByRole('link', { name: /Add the parser/ }).getAttribute('href')).toBe('/alice/tools/pull/7');
    expect(entries.textContent).toContain('Checks running');
    expect(screen.getByText(/"ci" failed/)).toBeTruthy();
  });

  it('replaces the merge button by "Merge when ready" where the base has a queue', async () => {
    const calls = stubApi((url, init) => {
      const path = new URL(url, 'http://localhost').pathname;
      if (path === '/api/v3/repos/alice/tools/merge-queue/main') return { body: queue };
      if (path === '/api/v3/repos/alice/tools/pulls/7/merge-queue') {
        return init?.method === 'PUT' ? { status: 201, body: queue.entries[0] } : { status: 404, body: { message: 'Not Found' } };
      }
      return answers(url);
    });
    renderAt('/alice/tools/pull/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Merge when ready' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.url).toBe('/api/v3/repos/alice/tools/pulls/7/merge-queue');
    expect(screen.queryByRole('button', { name: 'Merge pull request' })).toBeNull();
  });
});

describe('pull request helpers', () => {
  it('offers the merge methods the repository allows', () => {
    expect(allowedMethods({ allow_squash_merge: false } as never)).toEqual(['merge', 'rebase']);
    expect(allowedMethods({ allow_merge_commit: false, allow_squash_merge: false, allow_rebase_merge: false } as never)).toEqual(['merge']);
  });
  it('picks readable label text', () => {
    expect(labelTextColor('#ffffff')).toBe('#000000');
    expect(labelTextColor('#0e1a8a')).toBe('#ffffff');
  });
  it('proposes a title from the one commit or the branch name', () => {
    const commit = { commit: { message: 'Fix the parser\n\nbody' } } as Commit;
    expect(proposedTitle('fix', [commit])).toBe('Fix the parser');
    expect(proposedTitle('bob:feature/new-parser_v2', [commit, commit])).toBe('New parser v2');
  });
});
