import { describe, expect, it } from 'vitest';
import type { Repository } from '../../lib/types';
import { arrange } from './Organization';
import { blogHref, joined } from './UserProfile';
import { sinceOf } from '../Explore';
import { byRecentPush } from '../Dashboard';

const repo = (name: string, extra: Partial<Repository> = {}): Repository => ({
  id: name.length, name, full_name: `acme/${name}`, owner: { login: 'acme', id: 1, type: 'Organization', avatar_url: '' },
  private: false, visibility: 'public', description: null, fork: false, archived: false, default_branch: 'main',
  clone_url: '', size: 0, forks_count: 0, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
  pushed_at: null, ...extra,
});

describe('blogHref', () => {
  it('adds https to a bare host and refuses other schemes', () => {
    expect(blogHref('example.org')).toBe('https://example.org/');
    expect(blogHref('http://example.org/blog')).toBe('http://example.org/blog');
    expect(blogHref('javascript:alert(1)')).toBeNull();
    expect(blogHref('  ')).toBeNull();
  });

  it('says when someone joined', () => {
    expect(joined('2026-03-04T10:00:00Z')).toBe('Joined March 4, 2026');
  });
});

describe('arrange', () => {
  const repos = [
    repo('beta', { private: true, updated_at: '2026-03-01T00:00:00Z' }),
    repo('alpha', { fork: true, description: 'A fork of tools', updated_at: '2026-02-01T00:00:00Z' }),
    repo('gamma', { archived: true, updated_at: '2026-04-01T00:00:00Z' }),
  ];

  it('filters by name or description and by type', () => {
    expect(arrange([...repos], 'tools', 'all', 'name').map((r) => r.name)).toEqual(['alpha']);
    expect(arrange([...repos], '', 'private', 'name').map((r) => r.name)).toEqual(['beta']);
    expect(arrange([...repos], '', 'public', 'name').map((r) => r.name)).toEqual(['alpha', 'gamma']);
    expect(arrange([...repos], '', 'sources', 'name').map((r) => r.name)).toEqual(['beta', 'gamma']);
    expect(arrange([...repos], '', 'forks', 'name').map((r) => r.name)).toEqual(['alpha']);
    expect(arrange([...repos], '', 'archived', 'name').map((r) => r.name)).toEqual(['gamma']);
  });

  it('sorts by last update, newest first', () => {
    expect(arrange([...repos], '', 'all', 'updated').map((r) => r.name)).toEqual(['gamma', 'beta', 'alpha']);
  });
});

describe('lists', () => {
  it('orders the dashboard’s repositories by last push, falling back to the last update', () => {
    const list = [
      repo('a', { pushed_at: '2026-01-02T00:00:00Z' }),
      repo('b', { pushed_at: null, updated_at: '2026-05-01T00:00:00Z' }),
      repo('c', { pushed_at: '2026-03-01T00:00:00Z' }),
    ];
    expect(list.sort(byRecentPush).map((r) => r.name)).toEqual(['b', 'c', 'a']);
  });

  it('reads the next page of /repositories from its Link', () => {
    expect(sinceOf('http://localhost:8080/api/v3/repositories?since=42&per_page=30')).toBe('42');
    expect(sinceOf(undefined)).toBeNull();
  });
});
