import { describe, expect, it } from 'vitest';
import { splitBaseHead } from './Compare';
import { groupByDay } from './CommitList';
import { pageOf } from './Commits';
import type { Commit } from '../../lib/types';

describe('history helpers', () => {
  it('splits base...head at the first three dots, refs with slashes and dots included', () => {
    expect(splitBaseHead('main...feature/x')).toEqual({ base: 'main', head: 'feature/x' });
    expect(splitBaseHead('v1.0...release/2.0')).toEqual({ base: 'v1.0', head: 'release/2.0' });
    expect(splitBaseHead('main')).toBeUndefined();
    expect(splitBaseHead('...x')).toBeUndefined();
    expect(splitBaseHead('x...')).toBeUndefined();
  });

  it('reads the page of a Link URL', () => {
    expect(pageOf('http://h/api/v3/repos/o/r/commits?sha=main&page=3&per_page=30')).toBe(3);
    expect(pageOf('/api/v3/x?per_page=30')).toBeUndefined();
    expect(pageOf(undefined)).toBeUndefined();
  });

  it('groups commits by the day they were authored, keeping the order', () => {
    const at = (sha: string, date: string) => ({
      sha, commit: { message: sha, author: { name: 'a', email: 'a@x', date }, committer: { name: 'a', email: 'a@x', date }, tree: { sha: '' } },
      author: null, committer: null, parents: [],
    }) as Commit;
    const groups = groupByDay([at('c', '2026-11-30T15:00:00Z'), at('b', '2026-11-30T09:00:00Z'), at('a', '2026-11-28T12:00:00Z')]);
    expect(groups.map((g) => g.commits.map((c) => c.sha))).toEqual([['c', 'b'], ['a']]);
  });
});
