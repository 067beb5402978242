import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StarButton, starCount } from './StarButton';

describe('starCount', () => {
  it('adds or removes one, never below zero, and keeps an unknown count unknown', () => {
    expect(starCount(2, true)).toBe(3);
    expect(starCount(2, false)).toBe(1);
    expect(starCount(0, false)).toBe(0);
    expect(starCount(undefined, true)).toBeUndefined();
  });
});

describe('StarButton', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks whether the caller starred it (404: not), then stars with PUT and counts it', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}`);
      if (init.method === 'GET') return Promise.resolve(new Response(JSON.stringify({ message: 'Not Found' }), { status: 404, headers: { 'Content-Type': 'application/json' } }));
      return Promise.resolve(new Response(null, { status: 204 }));
    }));
    render(<StarButton fullName="alice/tools" count={4} signedIn />);
    const button = await screen.findByRole('button', { name: /^Star/ });
    await vi.waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    expect(button.getAttribute('aria-pressed')).toBe('false');
    await act(async () => { fireEvent.click(button); });
    await vi.waitFor(() => expect(screen.getByRole('button', { name: /^Starred/ }).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId('star-count').textContent).toBe('5');
    expect(calls).toEqual(['GET /api/v3/user/starred/alice/tools', 'PUT /api/v3/user/starred/alice/tools']);
  });

  it('signed out, shows the count and asks nothing', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    render(<StarButton fullName="alice/tools" count={1} signedIn={false} />);
    expect(screen.getByTestId('star-count').getAttribute('aria-label')).toBe('1 star');
    expect(screen.queryByRole('button')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
