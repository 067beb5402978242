import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommitTags, tagTitle, type CommitTagJson } from './CommitTags';

const sha = 'a'.repeat(40);
const tag = (name: CommitTagJson['name'], state: CommitTagJson['state'], extra: Partial<CommitTagJson> = {}): CommitTagJson =>
  ({ name, state, reason: null, confirmed_by: null, rejected_by: null, ...extra });
const json = (body: unknown, code = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } }));

describe('tagTitle', () => {
  it('says why and who decided', () => {
    expect(tagTitle(tag('security', 'confirmed', { reason: 'message mentions "XSS"', confirmed_by: { login: 'carol' } })))
      .toBe('Suggested: message mentions "XSS"; confirmed by carol');
    expect(tagTitle(tag('hotfix', 'rejected', { rejected_by: { login: 'alice' } }))).toBe('rejected by alice');
    expect(tagTitle(tag('refactor', 'suggested'))).toBe('');
  });
});

describe('CommitTags', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const listed = [tag('security', 'suggested', { reason: 'message mentions "CVE-2024-1"' }), tag('performance', 'confirmed'),
    tag('hotfix', 'rejected')];

  it('shows readers the suggested and confirmed tags without buttons, and no rejected ones', async () => {
    const fetchMock = vi.fn((url: string) => {
      expect(url).toBe(`/api/v3/repos/alice/tools/commits/${sha}/tags`);
      return json(listed);
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<CommitTags base="/repos/alice/tools" sha={sha} canWrite={false} />);
    const security = await screen.findByText('security');
    expect(security.getAttribute('data-state')).toBe('suggested');
    expect(security.getAttribute('title')).toBe('Suggested: message mentions "CVE-2024-1"');
    expect(screen.getByText('performance').getAttribute('data-state')).toBe('confirmed');
    expect(screen.queryByText('hotfix')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lets writers confirm a suggestion and shows the answer', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      return init?.method === 'PUT'
        ? json([tag('security', 'confirmed', { confirmed_by: { login: 'carol' } }), tag('performance', 'confirmed'), tag('hotfix', 'rejected')])
        : json(listed);
    }));
    render(<CommitTags base="/repos/alice/tools" sha={sha} canWrite />);
    expect((await screen.findByText('hotfix')).getAttribute('data-state')).toBe('rejected');
    expect(screen.queryByRole('button', { name: 'Confirm performance' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Confirm hotfix' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm security' }));
    await vi.waitFor(() => expect(screen.getByText('security').getAttribute('data-state')).toBe('confirmed'));
    expect(calls).toContain(`PUT /api/v3/repos/alice/tools/commits/${sha}/tags/security`);
    expect(screen.getByText('security').getAttribute('title')).toBe('confirmed by carol');
  });

  it('shows nothing when the commit has no tags or the endpoint is missing', async () => {
    const fetchMock = vi.fn(() => json({ message: 'Not Found' }, 404));
    vi.stubGlobal('fetch', fetchMock);
    const { container } = render(<CommitTags base="/repos/alice/tools" sha={sha} canWrite />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(container.querySelector('.commit-tags')).toBeNull();
  });
});
