// The header search's suggestions as one flat list (repositories, then people) that the keyboard moves through.
// Loaded with the suggestions dropdown only, never with the app's entry.

import type { Repository, User } from './types';

export interface Suggestion {
  kind: 'repository' | 'user' | 'search';
  /** What the row shows. */
  label: string;
  /** A second, muted line (a description, a name). */
  detail?: string;
  /** Where Enter or a click goes: a UI path. */
  to: string;
}

/** How many of each kind the dropdown shows. */
export const PER_KIND = 5;

/**
 * The rows for `q`: the repositories and users found (at most {@link PER_KIND} each), then always "search for q"
 * so that Enter on nothing selected, or after the last row, still searches.
 */
export function suggestions(q: string, repositories: Repository[], users: User[]): Suggestion[] {
  const text = q.trim();
  if (!text) return [];
  const rows: Suggestion[] = [];
  for (const repo of repositories.slice(0, PER_KIND)) {
    rows.push({ kind: 'repository', label: repo.full_name, detail: repo.description ?? undefined, to: `/${repo.full_name}` });
  }
  for (const user of users.slice(0, PER_KIND)) {
    rows.push({ kind: 'user', label: user.login, detail: user.name ?? undefined, to: `/${user.login}` });
  }
  rows.push({ kind: 'search', label: `Search all repositories for “${text}”`, to: `/search?q=${encodeURIComponent(text)}` });
  return rows;
}

/**
 * The highlighted row after a key: ArrowDown and ArrowUp move and wrap around, Home and End jump; -1 is "none"
 * (the text field itself). Any other key leaves it.
 */
export function moveSelection(current: number, key: string, count: number): number {
  if (count === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current + 1 >= count ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return current;
  }
}

/**
 * Calls `run` with the latest value once `delay` ms pass without a newer one; `cancel` forgets a pending call
 * (the dropdown closed). Typing "react" quickly asks the server once, not five times.
 */
export function debounce<T>(run: (value: T) => void, delay: number): { call(value: T): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call(value: T) {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        run(value);
      }, delay);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The q of a user search as one types: GitHub's search needs no more than the words. */
export function userQuery(text: string): string {
  // A repository-style "owner/name" names its owner as a user.
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  return slash > 0 ? trimmed.slice(0, slash) : trimmed;
}
