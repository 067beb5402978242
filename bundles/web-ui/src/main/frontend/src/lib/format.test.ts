import { describe, expect, it } from 'vitest';
import { formatBytes, plural, summary, timeAgo } from './format';

describe('format', () => {
  it('sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
  });
  it('relative times', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(timeAgo('2026-01-10T11:59:55Z', now)).toBe('now');
    expect(timeAgo('2026-01-07T12:00:00Z', now)).toBe('3 days ago');
    expect(timeAgo('2026-01-10T10:00:00Z', now)).toBe('2 hours ago');
  });
  it('commit summaries and plurals', () => {
    expect(summary('Fix it\n\nBecause.')).toBe('Fix it');
    expect(plural(1, 'commit')).toBe('1 commit');
    expect(plural(1200, 'commit')).toBe('1,200 commits');
  });
});
