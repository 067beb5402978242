import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Conflicts, { type MergeConflicts } from './Conflicts';
import type { RepoContext } from '../RepoLayout';
import { SessionProvider } from '../../../lib/session';
import type { Repository } from '../../../lib/types';

const repo = { full_name: 'alice/tools', name: 'tools', owner: { login: 'alice' }, default_branch: 'main' } as unknown as Repository;

const conflicts: MergeConflicts = {
  number: 7, state: 'open', merge_base_sha: 'mb1', conflicted: true, resolvable: false, viewer_can_resolve: true,
  head: { ref: 'parser', sha: 'head123', repo: 'alice/tools' },
  base: { ref: 'main', sha: 'base123', repo: 'alice/tools' },
  files: [
    {
      path: 'app.txt', status: 'both_modified', resolvable: true, reason: null,
      content: '<<<<<<< parser\r\nONE\r\n||||||| base\r\none\r\n=======\r\nuno\r\n>>>>>>> main\r\ntwo\r\n',
      hunks: [{ start_line: 1, ours: ['ONE'], base: ['one'], theirs: ['uno'] }],
    },
    { path: 'logo.png', status: 'binary', resolvable: false, reason: "Binary files can't be resolved in the web editor.", content: null, hunks: [] },
  ],
};

function stubApi(body: MergeConflicts) {
  const calls: Array<{ url: string; method: string; body?: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const answer = url.endsWith('/session') ? { user: { login: 'alice' }, csrf_token: 't' }
      : url.includes('/resolution') ? { sha: 'merge1' } : body;
    return new Response(JSON.stringify(answer), { status: url.includes('/resolution') ? 201 : 200, headers: { 'Content-Type': 'application/json' } });
  }));
  return calls;
}

function renderPage() {
  const context: RepoContext = { repo, base: '/repos/alice/tools', home: '/alice/tools', reload: () => undefined };
  const router = createMemoryRouter([{
    path: '/:owner/:repo',
    element: <Outlet context={context} />,
    children: [
      { path: 'pull/:number/conflicts', element: <Conflicts /> },
      { path: 'pull/:number', element: <p>pull page</p> },
    ],
  }], { initialEntries: ['/alice/tools/pull/7/conflicts'] });
  render(<SessionProvider><RouterProvider router={router} /></SessionProvider>);
  return router;
}

afterEach(() => vi.unstubAllGlobals());

describe('the conflict editor', () => {
  it('lists files too complex for the editor with their reason and the command line', async () => {
    stubApi(conflicts);
    renderPage();
    const complex = await screen.findByTestId('conflicts-complex');
    expect(complex.textContent).toContain('These conflicts are too complex to resolve in the web editor');
    expect(complex.textContent).toContain("logo.png (binary): Binary files can't be resolved in the web editor.");
    expect(screen.getByTestId('conflict-cli').textContent).toContain('git merge origin/main');
    // The binary file blocks the commit even once the text file is resolved.
    fireEvent.click(await screen.findByRole('button', { name: 'Accept incoming change' }));
    fireEvent.click(screen.getByTestId('mark-resolved'));
    expect((screen.getByTestId('commit-merge') as HTMLButtonElement).disabled).toBe(true);
  });

  it('accepts a side of a hunk, counts markers, and commits only when every file is marked resolved', async () => {
    const calls = stubApi({ ...conflicts, resolvable: true, files: [conflicts.files[0]] });
    const router = renderPage();
    const text = await screen.findByTestId('conflict-text') as HTMLTextAreaElement;
    expect(text.value).toBe('<<<<<<< parser\nONE\n||||||| base\none\n=======\nuno\n>>>>>>> main\ntwo\n');
    expect(screen.getByTestId('marker-count').textContent).toBe('1 conflict');
    expect(screen.getAllByTestId('conflict-hunk')).toHaveLength(1);
    expect((screen.getByTestId('mark-resolved') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('commit-merge') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Accept both changes' }));
    expect(text.value).toBe('ONE\nuno\ntwo\n');
    expect(screen.getByTestId('marker-count').textContent).toBe('0 conflicts');
    expect((screen.getByTestId('commit-merge') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('mark-resolved'));
    expect(screen.getByTestId('conflict-file').getAttribute('data-resolved')).toBe('true');

    // Typing a marker back un-resolves the file.
    fireEvent.change(text, { target: { value: 'ONE\n>>>>>>> main\n' } });
    expect((screen.getByTestId('mark-resolved') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(text, { target: { value: 'ONE and uno\ntwo\n' } });
    fireEvent.click(screen.getByTestId('mark-resolved'));
    fireEvent.click(screen.getByTestId('commit-merge'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/alice/tools/pull/7'));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.url).toContain('/api/v3/repos/alice/tools/pulls/7/merge-conflicts/resolution');
    expect(post?.body).toEqual({ expected_head_sha: 'head123', expected_base_sha: 'base123', files: { 'app.txt': 'ONE and uno\ntwo\n' } });
  });

  it('says when there is nothing to resolve', async () => {
    stubApi({ ...conflicts, conflicted: false, files: [] });
    renderPage();
    expect((await screen.findByTestId('no-conflicts')).textContent).toContain('no conflicts');
  });
});
