// What the explore page shows about a trending repository. Loaded with the explore page only.

import type { Repository } from '../lib/types';

/** One component of a trending score: what happened within the window, and its share of the score. */
export interface TrendComponent {
  count: number;
  score: number;
}

/** Codara's `trending` object of GET /explore/repositories items. */
export interface Trend {
  score: number;
  stars: TrendComponent;
  forks: TrendComponent;
  pushes: TrendComponent;
  clones: TrendComponent;
}

export type TrendingRepository = Repository & { trending: Trend };

export interface TrendingPage {
  since: Window;
  total_count: number;
  items: TrendingRepository[];
}

export type Window = 'daily' | 'weekly' | 'monthly';

export const WINDOWS: Array<{ value: Window; label: string; period: string }> = [
  { value: 'daily', label: 'Today', period: 'today' },
  { value: 'weekly', label: 'This week', period: 'this week' },
  { value: 'monthly', label: 'This month', period: 'this month' },
];

/** The window of the page's `window` parameter; daily for anything else, as the API's default. */
export function windowOf(value: string | null): Window {
  return WINDOWS.some((w) => w.value === value) ? (value as Window) : 'daily';
}

const WORDS: Record<'stars' | 'forks' | 'pushes' | 'clones', [string, string]> = {
  stars: ['new star', 'new stars'],
  forks: ['fork', 'forks'],
  pushes: ['push', 'pushes'],
  clones: ['clone', 'clones'],
};

/**
 * Why a repository trends, in words: each component that happened, largest share of the score first
 * ("3 new stars", "1 fork"...); nothing when nothing did.
 */
export function trendReasons(trend: Trend): string[] {
  return (Object.keys(WORDS) as Array<keyof typeof WORDS>)
    .map((key) => ({ key, part: trend[key] }))
    .filter(({ part }) => part && part.count > 0)
    .sort((a, b) => b.part.score - a.part.score)
    .map(({ key, part }) => `${part.count.toLocaleString('en')} ${WORDS[key][part.count === 1 ? 0 : 1]}`);
}
