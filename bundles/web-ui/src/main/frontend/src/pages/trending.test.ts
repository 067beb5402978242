import { describe, expect, it } from 'vitest';
import { trendReasons, windowOf, type Trend } from './trending';

const part = (count: number, score: number) => ({ count, score });

describe('trendReasons', () => {
  it('names what happened, largest share of the score first, singular and plural', () => {
    const trend: Trend = { score: 6.47, stars: part(2, 4.39), forks: part(1, 2.08), pushes: part(0, 0), clones: part(1200, 7.09) };
    expect(trendReasons(trend)).toEqual(['1,200 clones', '2 new stars', '1 fork']);
  });

  it('says nothing of a repository without activity', () => {
    expect(trendReasons({ score: 0, stars: part(0, 0), forks: part(0, 0), pushes: part(0, 0), clones: part(0, 0) })).toEqual([]);
  });
});

describe('windowOf', () => {
  it('keeps a known window and falls back to daily', () => {
    expect(windowOf('weekly')).toBe('weekly');
    expect(windowOf('monthly')).toBe('monthly');
    expect(windowOf('yearly')).toBe('daily');
    expect(windowOf(null)).toBe('daily');
  });
});
