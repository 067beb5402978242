import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommitDiscussion, placeComments, type CommitCommentJson } from './CommitComments';
import { SessionProvider } from '../../lib/session';
import type { Commit } from '../../lib/types';

const sha = 'c'.repeat(40);
const user = (login: string) => ({ login, id: login.length, type: 'User', avatar_url: '/a.png' });
const commit = {
  sha, commit: { message: 'Change b', author: { name: 'a', email: 'a@x', date: '2026-11-30T10:00:00Z' },
    committer: { name: 'a', email: 'a@x', date: '2026-11-30T10:00:00Z' }, tree: { sha: 't' } },
  author: null, committer: null, parents: [{ sha: 'p'.repeat(40) }], stats: { additions: 1, deletions: 1, total: 2 },
  files: [{
    filename: 'src/parse.ts', status: 'modified', additions: 1, deletions: 1, changes: 2,
    patch: '@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n const c = 4;',
  }],
} as unknown as Commit;
const comment = (id: number, login: string, extra: Partial<CommitCommentJson>): CommitCommentJson => ({
  id, body: `comment ${id}`, path: null, position: null, line: null, commit_id: sha, user: user(login) as CommitCommentJson['user'],
  created_at: `2026-11-30T11:00:0${id % 10}Z`, updated_at: '2026-11-30T11:00:00Z', ...extra,
});
const onLine = comment(31, 'bob', { body: 'Why 3?', path: 'src/parse.ts', position: 3, line: 2 });
const whole = comment(32, 'alice', { body: 'Nice commit' });

function stubApi(list: CommitCommentJson[]) {
  const calls: Array<{ url: string; method: string; body?: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    let body: unknown = list;
    let status = 200;
    if (url.endsWith('/session')) body = { user: user('alice'), csrf_token: 't' };
    else if (method === 'POST') {
      status = 201;
      body = { ...comment(40, 'alice', {}), ...(calls.at(-1)!.body as object) };
    } else if (method === 'DELETE') status = 204;
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }));
  return calls;
}

function show(canWrite = false) {
  render(<SessionProvider><MemoryRouter><CommitDiscussion base="/repos/alice/tools" home="/alice/tools" commit={commit} canWrite={canWrite} /></MemoryRouter></SessionProvider>);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('placeComments', () => {
  it('puts line comments under their new-side line and the rest on the whole commit, oldest first', () => {
    const later = comment(35, 'carol', { path: 'src/parse.ts', position: 3, line: 2, created_at: '2026-11-30T12:00:00Z' });
    const { byLine, general } = placeComments([later, whole, onLine]);
    expect(byLine.get('RIGHT:2:src/parse.ts')?.map((c) => c.id)).toEqual([31, 35]);
    expect(general.map((c) => c.id)).toEqual([32]);
  });
});

describe('CommitDiscussion', () => {
  it('shows a line comment under its line and a whole-commit comment after the diff', async () => {
    stubApi([onLine, whole]);
    show();
    const discussion = await screen.findByTestId('commit-line-discussion');
    expect(discussion.getAttribute('data-line')).toBe('2');
    expect(await within(discussion).findByText('Why 3?')).toBeTruthy();
    // The discussion's row follows the row of new line 2.
    const row = discussion.closest('tr')!.previousElementSibling!;
    expect(row.querySelectorAll('td')[1].getAttribute('data-n')).toBe('2');
    const section = screen.getByRole('region', { name: 'Comments on this commit' });
    expect(await within(section).findByText('Nice commit')).toBeTruthy();
    expect(within(section).getByRole('heading').textContent).toBe('2 comments on commit');
  });

  it('offers "+" on new-side lines only and posts a line comment with path and line', async () => {
    const calls = stubApi([]);
    show();
    await screen.findByRole('button', { name: 'Comment on line R2 of src/parse.ts' });
    expect(screen.queryByRole('button', { name: /Comment on line L/ })).toBeNull();
    expect(screen.getAllByRole('button', { name: /Comment on line R/ })).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Comment on line R2 of src/parse.ts' }));
    const form = await screen.findByRole('form', { name: 'Comment on line' });
    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'Why not 4?' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add comment' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe(`/api/v3/repos/alice/tools/commits/${sha}/comments`);
    expect(post.body).toEqual({ body: 'Why not 4?', path: 'src/parse.ts', line: 2 });
    // The list is asked again after the write.
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET' && c.url.includes('/comments')).length).toBe(2));
  });

  it('posts a comment on the whole commit and lets its author edit and delete only their own', async () => {
    const calls = stubApi([onLine, whole]);
    show();
    const section = await screen.findByRole('region', { name: 'Comments on this commit' });
    await within(section).findByText('Nice commit');
    const mine = screen.getAllByTestId('commit-comment').find((c) => c.getAttribute('data-comment') === '32')!;
    const bobs = screen.getAllByTestId('commit-comment').find((c) => c.getAttribute('data-comment') === '31')!;
    expect(within(bobs).queryByRole('button', { name: 'Edit' })).toBeNull();
    fireEvent.click(within(mine).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/v3/repos/alice/tools/comments/32')).toBe(true));

    fireEvent.click(within(mine).getByRole('button', { name: 'Edit' }));
    const edit = await screen.findByRole('form', { name: 'Edit comment' });
    fireEvent.change(within(edit).getByRole('textbox'), { target: { value: 'Nicer commit' } });
    fireEvent.click(within(edit).getByRole('button', { name: 'Update comment' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ body: 'Nicer commit' }));

    const box = within(section).getByRole('form', { name: 'Comment on this commit' });
    fireEvent.change(within(box).getByRole('textbox'), { target: { value: 'LGTM' } });
    fireEvent.click(within(box).getByRole('button', { name: 'Comment on this commit' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ body: 'LGTM' }));
  });

  it('lets writers change anyone\'s comment', async () => {
    stubApi([onLine]);
    show(true);
    const discussion = await screen.findByTestId('commit-line-discussion');
    expect(within(discussion).getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(within(discussion).getByRole('button', { name: 'Add a reaction' })).toBeTruthy();
  });

  it('shows the diff alone when there are no comment endpoints (the review capability is stopped)', async () => {
    const fetchMock = vi.fn(async (url: string) => new Response(JSON.stringify(url.endsWith('/session')
      ? { user: user('alice'), csrf_token: 't' } : { message: 'Not Found' }), {
      status: url.endsWith('/session') ? 200 : 404, headers: { 'Content-Type': 'application/json' },
    }));
    vi.stubGlobal('fetch', fetchMock);
    show();
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/comments'))).toBe(true));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Comments on this commit' })).toBeNull());
    expect(screen.getByTestId('diff-summary').textContent).toContain('1 file changed');
    expect(screen.queryByRole('button', { name: /Comment on line/ })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
