import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

const paths = ['README.md', 'src/App.java', 'src/main/AppConfig.java', 'docs/guide.md', 'docs/logo.png', 'apps/pipeline.txt'];

describe('fuzzyMatch', () => {
  it('matches subsequences case-insensitively and reports positions', () => {
    const match = fuzzyMatch('apjv', 'src/App.java');
    expect(match).not.toBeNull();
    expect(match!.positions.map((i) => 'src/App.java'[i]).join('').toLowerCase()).toBe('apjv');
    expect(fuzzyMatch('xyz', 'src/App.java')).toBeNull();
    expect(fuzzyMatch('', 'a')?.positions).toEqual([]);
  });
});

describe('fuzzyFilter', () => {
  it('ranks file name matches and runs first', () => {
    expect(fuzzyFilter('guide', paths)[0].path).toBe('docs/guide.md');
    expect(fuzzyFilter('App.java', paths)[0].path).toBe('src/App.java');
    expect(fuzzyFilter('app', paths).map((m) => m.path).slice(0, 2)).toEqual(['src/App.java', 'src/main/AppConfig.java']);
  });
  it('limits and drops non-matches', () => {
    expect(fuzzyFilter('md', paths).map((m) => m.path).sort()).toEqual(['README.md', 'docs/guide.md']);
    expect(fuzzyFilter('a', paths, 2)).toHaveLength(2);
    expect(fuzzyFilter('qqq', paths)).toEqual([]);
  });
});
