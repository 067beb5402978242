import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce, moveSelection, PER_KIND, suggestions, userQuery } from './suggest';
import type { Repository, User } from './types';

const repo = (full: string, description: string | null = null) => ({ full_name: full, description }) as Repository;
const user = (login: string, name: string | null = null) => ({ login, name }) as User;

describe('suggestions', () => {
  it('lists repositories, then people, then a plain search, each with where it leads', () => {
    const rows = suggestions(' rocket ', [repo('alice/rocket', 'Liquid fuel')], [user('rocketeer', 'Ro Cket')]);
    expect(rows.map((r) => [r.kind, r.label, r.to])).toEqual([
      ['repository', 'alice/rocket', '/alice/rocket'],
      ['user', 'rocketeer', '/rocketeer'],
      ['search', 'Search all repositories for “rocket”', '/search?q=rocket'],
    ]);
    expect(rows[0].detail).toBe('Liquid fuel');
    expect(rows[1].detail).toBe('Ro Cket');
  });

  it('shows a few of each kind and encodes the search', () => {
    const many = Array.from({ length: 9 }, (_, i) => repo(`o/r${i}`));
    const rows = suggestions('a&b', many, []);
    expect(rows.filter((r) => r.kind === 'repository')).toHaveLength(PER_KIND);
    expect(rows[rows.length - 1].to).toBe('/search?q=a%26b');
  });

  it('has nothing for blank text', () => {
    expect(suggestions('  ', [repo('a/b')], [])).toEqual([]);
  });
});

describe('moveSelection', () => {
  it('moves down and up, wrapping around, from nothing selected', () => {
    expect(moveSelection(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveSelection(0, 'ArrowDown', 3)).toBe(1);
    expect(moveSelection(2, 'ArrowDown', 3)).toBe(0);
    expect(moveSelection(-1, 'ArrowUp', 3)).toBe(2);
    expect(moveSelection(0, 'ArrowUp', 3)).toBe(2);
    expect(moveSelection(2, 'ArrowUp', 3)).toBe(1);
  });

  it('jumps with Home and End, ignores other keys, and selects nothing in an empty list', () => {
    expect(moveSelection(1, 'Home', 3)).toBe(0);
    expect(moveSelection(1, 'End', 3)).toBe(2);
    expect(moveSelection(1, 'a', 3)).toBe(1);
    expect(moveSelection(1, 'ArrowDown', 0)).toBe(-1);
  });
});

describe('debounce', () => {
  afterEach(() => vi.useRealTimers());

  it('runs once with the latest value after the pause, and not at all when cancelled', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const typed = debounce(run, 200);
    typed.call('r');
    vi.advanceTimersByTime(150);
    typed.call('ro');
    vi.advanceTimersByTime(150);
    typed.call('rocket');
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith('rocket');
    typed.call('x');
    typed.cancel();
    vi.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('userQuery', () => {
  it('takes the owner of an owner/name and the words otherwise', () => {
    expect(userQuery(' alice/rocket ')).toBe('alice');
    expect(userQuery('ada lovelace')).toBe('ada lovelace');
  });
});
