import { describe, expect, it } from 'vitest';
import { segments } from './segments';

describe('segments', () => {
  it('cuts a line into plain and matched pieces', () => {
    expect(segments('Date parseDate(String s)', [[5, 14]])).toEqual([
      { text: 'Date ', match: false }, { text: 'parseDate', match: true }, { text: '(String s)', match: false },
    ]);
  });
  it('takes ranges in any order, merges overlaps and clips them to the line', () => {
    expect(segments('abcdef', [[4, 99], [0, 2], [1, 3]]).map((s) => `${s.match ? '[' : ''}${s.text}${s.match ? ']' : ''}`).join(''))
      .toBe('[ab][c]d[ef]');
  });
  it('answers the whole line when nothing matched, and one empty piece for an empty line', () => {
    expect(segments('plain', [])).toEqual([{ text: 'plain', match: false }]);
    expect(segments('', [[0, 3]])).toEqual([{ text: '', match: false }]);
  });
});
