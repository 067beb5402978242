import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CommitStatus, CommitStatusBadge, iconState, popoverLeft, resetStatusAvailability, safeTargetUrl, statusLabel, type CombinedStatusJson,
  type StatusContext,
} from './CommitStatus';

const status = (context: string, state: StatusContext['state'], extra: Partial<StatusContext> = {}): StatusContext =>
  ({ context, state, description: null, target_url: null, ...extra });

const combined = (state: CombinedStatusJson['state'], statuses: StatusContext[]): CombinedStatusJson =>
  ({ state, sha: 'a'.repeat(40), total_count: statuses.length, statuses });

const json = (body: unknown, code = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } }));

describe('safeTargetUrl', () => {
  it('links http(s) URLs and paths on this site only', () => {
    expect(safeTargetUrl('https://ci.example.test/build/7')).toBe('https://ci.example.test/build/7');
    expect(safeTargetUrl('http://ci.example.test/')).toBe('http://ci.example.test/');
    expect(safeTargetUrl('/alice/tools/actions/runs/3')).toBe('/alice/tools/actions/runs/3');
    expect(safeTargetUrl('javascript:alert(1)')).toBeNull();
    expect(safeTargetUrl(' JavaScript:alert(1)')).toBeNull();
    expect(safeTargetUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeTargetUrl('//evil.example.test/x')).toBeNull();
    expect(safeTargetUrl('/\\evil.example.test/x')).toBeNull();
    expect(safeTargetUrl('ftp://files.example.test/')).toBeNull();
    expect(safeTargetUrl('relative/path')).toBeNull();
    expect(safeTargetUrl(null)).toBeNull();
    expect(safeTargetUrl('')).toBeNull();
  });
});

describe('statusLabel and iconState', () => {
  it('counts the contexts that passed', () => {
    expect(statusLabel(combined('failure', [status('a', 'success'), status('b', 'success'), status('c', 'success'), status('d', 'failure')])))
      .toBe('3 of 4 checks passed');
    expect(statusLabel(combined('success', [status('a', 'success')]))).toBe('1 of 1 check passed');
    expect(statusLabel(combined('pending', [status('a', 'pending'), status('b', 'error')]))).toBe('0 of 2 checks passed');
  });

  it('draws error as failure', () => {
    expect(iconState('success')).toBe('success');
    expect(iconState('failure')).toBe('failure');
    expect(iconState('error')).toBe('failure');
    expect(iconState('pending')).toBe('pending');
  });
});

describe('popoverLeft', () => {
  const at = (left: number) => ({ getBoundingClientRect: () => ({ left }) }) as unknown as HTMLElement;
  it('keeps the popover inside the window', () => {
    expect(popoverLeft(at(100), 1280)).toBe(-8);
    expect(popoverLeft(at(1200), 1280)).toBe(1280 - 16 - 420 - 1200);
    expect(popoverLeft(at(200), 375)).toBe(16 - 200);
    expect(popoverLeft(null, 1280)).toBeUndefined();
  });
});

describe('CommitStatusBadge', () => {
  afterEach(cleanup);

  it.each([
    ['success', 'success'], ['failure', 'failure'], ['error', 'failure'], ['pending', 'pending'],
  ] as const)('shows a %s combined state as the %s icon', (state, kind) => {
    render(<CommitStatusBadge combined={combined(state, [status('ci', state === 'success' ? 'success' : state)])} />);
    expect(screen.getByTestId('commit-status').getAttribute('data-state')).toBe(kind);
    expect(screen.getByRole('button').querySelector(`svg.status-icon.${kind}`)).not.toBeNull();
  });

  it('has the count as its accessible name and lists the contexts on click, linking only safe targets', () => {
    render(<CommitStatusBadge combined={combined('failure', [
      status('ci/build', 'success', { description: 'Build passed', target_url: 'https://ci.example.test/b/1' }),
      status('ci/lint', 'failure', { description: 'Two warnings', target_url: 'javascript:alert(1)' }),
      status('ci/deploy', 'success', { target_url: '/alice/tools/deployments' }),
      status('ci/docs', 'pending', { description: 'Queued' }),
    ])} />);
    const button = screen.getByRole('button', { name: '2 of 4 checks passed' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const dialog = screen.getByRole('dialog', { name: 'Checks' });
    expect(dialog.textContent).toContain('Some checks were not successful');
    const items = dialog.querySelectorAll('li');
    expect([...items].map((li) => li.getAttribute('data-context'))).toEqual(['ci/build', 'ci/lint', 'ci/deploy', 'ci/docs']);
    expect(items[0].textContent).toContain('Successful: ');
    expect(items[0].textContent).toContain('Build passed');
    expect(items[1].textContent).toContain('Failing: ');
    expect(items[1].textContent).toContain('Two warnings');
    expect(items[3].textContent).toContain('Pending: ');
    const links = [...dialog.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://ci.example.test/b/1', '/alice/tools/deployments']);
    expect(items[1].querySelector('a')).toBeNull();
    expect(dialog.innerHTML).not.toContain('javascript:');
    expect(items[0].querySelector('a')!.getAttribute('rel')).toContain('noopener');
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says all passed when all did', () => {
    render(<CommitStatusBadge combined={combined('success', [status('a', 'success'), status('b', 'success')])} />);
    fireEvent.click(screen.getByRole('button', { name: '2 of 2 checks passed' }));
    expect(screen.getByRole('dialog').textContent).toContain('All checks have passed');
  });
});

describe('CommitStatus', () => {
  beforeEach(resetStatusAvailability);
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks once for the commit and shows its icon', async () => {
    const fetchMock = vi.fn((url: string) => {
      expect(url).toBe(`/api/v3/repos/alice/tools/commits/${'b'.repeat(40)}/status`);
      return json(combined('success', [status('ci', 'success')]));
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<CommitStatus base="/repos/alice/tools" sha={'b'.repeat(40)} />);
    expect(await screen.findByRole('button', { name: '1 of 1 check passed' })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('shows nothing for a commit without statuses', async () => {
    const fetchMock = vi.fn(() => json({ ...combined('pending', []), total_count: 0 }));
    vi.stubGlobal('fetch', fetchMock);
    const { container } = render(<CommitStatus base="/repos/alice/tools" sha={'c'.repeat(40)} />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    await act(async () => { await Promise.resolve(); });
    expect(container.querySelector('[data-testid="commit-status"]')).toBeNull();
  });

  it('after a 404 (the CI bundle stopped) shows nothing and asks no more for that repository', async () => {
    const fetchMock = vi.fn(() => json({ message: 'Not Found' }, 404));
    vi.stubGlobal('fetch', fetchMock);
    const first = render(<CommitStatus base="/repos/alice/tools" sha={'d'.repeat(40)} />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    await act(async () => { await new Promise((r) => setTimeout(r, 10)); });
    expect(first.container.querySelector('[data-testid="commit-status"]')).toBeNull();
    const second = render(<CommitStatus base="/repos/alice/tools" sha={'e'.repeat(40)} />);
    await act(async () => { await new Promise((r) => setTimeout(r, 10)); });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(second.container.querySelector('[data-testid="commit-status"]')).toBeNull();
  });

  it('ignores an answer that is not a combined status', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json({ sha: 'f'.repeat(40), commit: { message: 'x' } })));
    const { container } = render(<CommitStatus base="/repos/alice/tools" sha={'f'.repeat(40)} />);
    await act(async () => { await new Promise((r) => setTimeout(r, 10)); });
    expect(container.querySelector('[data-testid="commit-status"]')).toBeNull();
  });
});
