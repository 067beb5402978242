import { describe, expect, it } from 'vitest';
import { splitRefPath } from './refs';

describe('splitRefPath', () => {
  const names = ['main', 'feature', 'feature/login', 'v1.0'];
  it('takes the longest ref name that prefixes the path', () => {
    expect(splitRefPath('feature/login/src/App.java', names)).toEqual({ ref: 'feature/login', path: 'src/App.java' });
    expect(splitRefPath('feature/other.txt', names)).toEqual({ ref: 'feature', path: 'other.txt' });
  });
  it('handles a bare ref and trailing slashes', () => {
    expect(splitRefPath('main', names)).toEqual({ ref: 'main', path: '' });
    expect(splitRefPath('main/', names)).toEqual({ ref: 'main', path: '' });
  });
  it('falls back to the first segment for a sha', () => {
    expect(splitRefPath('0123abc/docs/a.md', names)).toEqual({ ref: '0123abc', path: 'docs/a.md' });
  });
  it('does not match a ref that is only a prefix of a segment', () => {
    expect(splitRefPath('mainline/x', names)).toEqual({ ref: 'mainline', path: 'x' });
  });
});
