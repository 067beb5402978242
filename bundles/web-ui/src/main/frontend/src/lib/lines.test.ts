import { describe, expect, it } from 'vitest';
import { formatLineRange, parseLineRange, selectLine } from './lines';

describe('parseLineRange', () => {
  it('reads single lines and ranges', () => {
    expect(parseLineRange('#L10')).toEqual({ start: 10, end: 10 });
    expect(parseLineRange('#L10-L20')).toEqual({ start: 10, end: 20 });
    expect(parseLineRange('L3-L2')).toEqual({ start: 2, end: 3 });
    expect(parseLineRange('#L10-20')).toEqual({ start: 10, end: 20 });
  });
  it('refuses anything else', () => {
    for (const hash of ['', '#', '#L', '#L0', '#Lx', '#L1-', '#user-content-x', '#L1-L2-L3', '#l5']) {
      expect(parseLineRange(hash)).toBeNull();
    }
  });
  it('formats back', () => {
    expect(formatLineRange({ start: 4, end: 4 })).toBe('#L4');
    expect(formatLineRange({ start: 4, end: 9 })).toBe('#L4-L9');
  });
});

describe('selectLine', () => {
  it('selects on click and extends on shift-click from the anchor', () => {
    expect(selectLine(null, 5, false)).toEqual({ start: 5, end: 5 });
    expect(selectLine(null, 5, true)).toEqual({ start: 5, end: 5 });
    expect(selectLine({ start: 5, end: 5 }, 9, true)).toEqual({ start: 5, end: 9 });
    expect(selectLine({ start: 5, end: 9 }, 2, true)).toEqual({ start: 2, end: 5 });
    expect(selectLine({ start: 5, end: 9 }, 7, false)).toEqual({ start: 7, end: 7 });
  });
});
