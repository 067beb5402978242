import { act, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SearchSuggestions, { DEBOUNCE_MS } from './SearchSuggestions';

function Header() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <form role="search" onSubmit={(e) => e.preventDefault()}>
      <input ref={input} type="search" aria-label="Search" />
      <SearchSuggestions input={input} />
    </form>
  );
}

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('SearchSuggestions', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    fetchMock = vi.fn((url: string) => Promise.resolve(url.includes('/search/users')
      ? json({ total_count: 1, items: [{ login: 'rocketeer', name: 'Ro' }] })
      : json({ total_count: 2, items: [{ full_name: 'alice/rocket', description: 'Fuel' }, { full_name: 'bob/rocket-two', description: null }] })));
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const setUp = () => {
    const router = createMemoryRouter([{ path: '*', element: <Header /> }], { initialEntries: ['/'] });
    render(<RouterProvider router={router} />);
    return { router, field: screen.getByRole('searchbox', { name: 'Search' }) as HTMLInputElement };
  };

  const type = async (field: HTMLInputElement, text: string) => {
    for (let i = 1; i <= text.length; i++) {
      fireEvent.input(field, { target: { value: text.slice(0, i) } });
      await act(async () => { vi.advanceTimersByTime(50); });
    }
  };

  // The answers arrive through a few promise steps (fetch, then its JSON), each a microtask.
  const settle = async () => {
    for (let i = 0; i < 5; i++) await act(async () => { await Promise.resolve(); });
  };

  it('asks the server once typing pauses, and lists repositories, people and a plain search', async () => {
    const { field } = setUp();
    await type(field, 'rocket');
    expect(fetchMock).not.toHaveBeenCalled();
    await act(async () => { vi.advanceTimersByTime(DEBOUNCE_MS); });
    await settle();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([
      '/api/v3/search/repositories?q=rocket&per_page=5',
      '/api/v3/search/users?q=rocket&per_page=5',
    ]);
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'alice/rocketFuel', 'bob/rocket-two', '@rocketeerRo', 'Search all repositories for “rocket”',
    ]);
    expect(field.getAttribute('aria-expanded')).toBe('true');
  });

  it('moves with the arrows, opens the highlighted row with Enter, and closes with Escape', async () => {
    const { field, router } = setUp();
    await type(field, 'rocket');
    await act(async () => { vi.advanceTimersByTime(DEBOUNCE_MS); });
    await settle();
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    expect(field.getAttribute('aria-activedescendant')).toBe('header-search-suggestions-1');
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    expect(screen.getAllByRole('option')[3].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(field, { key: 'ArrowDown' }); // wraps to the first
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    await act(async () => { fireEvent.keyDown(field, { key: 'Enter' }); });
    expect(router.state.location.pathname).toBe('/bob/rocket-two');
    expect(screen.queryByRole('listbox')).toBeNull();

    await type(field, 'x');
    await act(async () => { vi.advanceTimersByTime(DEBOUNCE_MS); });
    await settle();
    expect(screen.getByRole('listbox')).toBeTruthy();
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(field.getAttribute('aria-expanded')).toBe('false');
  });

  it('clearing the field closes the list and asks nothing more', async () => {
    const { field } = setUp();
    await type(field, 'ro');
    fireEvent.input(field, { target: { value: '' } });
    await act(async () => { vi.advanceTimersByTime(DEBOUNCE_MS * 2); });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
