import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutoRebaseToggle, mayToggleAutoRebase } from './AutoRebase';
import type { PullRequest } from '../../../lib/pulls';
import type { User } from '../../../lib/types';

const user = (login: string) => ({ login, id: 1, type: 'User', avatar_url: '/a.png' }) as unknown as User;
const pull = {
  id: 5, number: 7, state: 'open', title: 'Add the parser', body: null, user: user('bob'), draft: false, labels: [],
  requested_reviewers: [], created_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:00:00Z', closed_at: null,
  merged_at: null, auto_rebase: null,
  head: { label: 'alice:parser', ref: 'parser', sha: 'head123', user: user('alice'), repo: { full_name: 'alice/tools', owner: user('alice') } },
  base: { label: 'alice:main', ref: 'main', sha: 'base123', user: user('alice'), repo: { full_name: 'alice/tools', owner: user('alice') } },
} as unknown as PullRequest;

function stubFetch(status = 200, body: unknown = {}) {
  const calls: Array<{ url: string; method: string }> = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET' });
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }));
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('auto-rebase', () => {
  it('lets the author switch it on with PUT and tells what it does', async () => {
    const calls = stubFetch(200, { enabled_by: user('bob'), enabled_at: '2026-11-30T10:00:00Z', last_result: null });
    const onChange = vi.fn();
    render(<AutoRebaseToggle pull={pull} base="/repos/alice/tools" me={user('bob')} canWrite={false} onChange={onChange} />);
    const box = screen.getByRole('checkbox', { name: /Auto-rebase/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByTestId('auto-rebase').textContent).toContain('rebase parser onto main whenever main moves');
    fireEvent.click(box);
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(calls).toEqual([{ url: '/api/v3/repos/alice/tools/pulls/7/auto-rebase', method: 'PUT' }]);
  });

  it('shows the last result and switches it off with DELETE', async () => {
    const calls = stubFetch(204);
    const onChange = vi.fn();
    const enabled = {
      ...pull,
      auto_rebase: {
        enabled_by: user('carol'), enabled_at: '2026-11-30T10:00:00Z',
        last_result: { state: 'conflict', message: 'This branch can\'t be rebased: commit abc1234 does not apply cleanly.', at: '2026-11-30T11:00:00Z' },
      },
    } as PullRequest;
    render(<AutoRebaseToggle pull={enabled} base="/repos/alice/tools" me={user('carol')} canWrite onChange={onChange} />);
    const result = screen.getByTestId('auto-rebase-result');
    expect(result.getAttribute('data-state')).toBe('conflict');
    expect(result.textContent).toContain('Not rebased: conflicts');
    expect(result.textContent).toContain('does not apply cleanly');
    expect(screen.getByTestId('auto-rebase').textContent).toContain('in carol’s name');
    const box = screen.getByRole('checkbox', { name: /Auto-rebase/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(calls).toEqual([{ url: '/api/v3/repos/alice/tools/pulls/7/auto-rebase', method: 'DELETE' }]);
  });

  it('shows a refusal and offers no switch to who may not use it', async () => {
    stubFetch(403, { message: 'Must be the pull request\'s author or have push access to its head branch to enable auto-rebase' });
    render(<AutoRebaseToggle pull={pull} base="/repos/alice/tools" me={user('bob')} canWrite={false} onChange={() => undefined} />);
    fireEvent.click(screen.getByRole('checkbox', { name: /Auto-rebase/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('push access');

    const { container } = render(<AutoRebaseToggle pull={pull} base="/repos/alice/tools" me={user('eve')} canWrite={false} onChange={() => undefined} />);
    expect(container.textContent).toBe('');
    const fork = { ...pull, head: { ...pull.head, repo: { full_name: 'bob/tools', owner: user('bob') } } } as unknown as PullRequest;
    expect(mayToggleAutoRebase(fork, user('carol'), true)).toBe(false);
    expect(mayToggleAutoRebase({ ...fork, maintainer_can_modify: true }, user('carol'), true)).toBe(true);
    expect(mayToggleAutoRebase(fork, user('bob'), false)).toBe(true);
    expect(mayToggleAutoRebase(pull, null, true)).toBe(false);
  });
});
