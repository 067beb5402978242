import { describe, expect, it } from 'vitest';
import { acceptAll, acceptConflict, conflictRegions, hasMarkers, normalizeLineEndings } from './conflictText';

const merged = [
  '<<<<<<< feature', 'ONE', '||||||| base', 'one', '=======', 'uno', '>>>>>>> main',
  'two', 'three',
  '<<<<<<< feature', 'SEVEN', 'EIGHT', '||||||| base', '=======', 'siete', '>>>>>>> main',
  '',
].join('\n');

describe('conflict text', () => {
  it('finds each conflict with its sides and lines', () => {
    const regions = conflictRegions(merged);
    expect(regions).toHaveLength(2);
    expect(regions[0]).toEqual({ start: 0, end: 6, ours: ['ONE'], base: ['one'], theirs: ['uno'] });
    expect(regions[1]).toEqual({ start: 9, end: 15, ours: ['SEVEN', 'EIGHT'], base: [], theirs: ['siete'] });
  });

  it('reads two-way markers without a base section', () => {
    const regions = conflictRegions('a\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> main\nb\n');
    expect(regions).toEqual([{ start: 1, end: 5, ours: ['x'], base: null, theirs: ['y'] }]);
  });

  it('accepts the current, incoming or both sides of one conflict and leaves the others', () => {
    expect(acceptConflict(merged, 0, 'current')).toBe(merged.replace('<<<<<<< feature\nONE\n||||||| base\none\n=======\nuno\n>>>>>>> main\n', 'ONE\n'));
    const incoming = acceptConflict(merged, 1, 'incoming');
    expect(incoming.endsWith('two\nthree\nsiete\n')).toBe(true);
    expect(conflictRegions(incoming)).toHaveLength(1);
    const both = acceptConflict(acceptConflict(merged, 0, 'both'), 0, 'both');
    expect(both).toBe('ONE\nuno\ntwo\nthree\nSEVEN\nEIGHT\nsiete\n');
    expect(hasMarkers(both)).toBe(false);
  });

  it('accepts every conflict at once, and an index that does not exist changes nothing', () => {
    expect(acceptAll(merged, 'incoming')).toBe('uno\ntwo\nthree\nsiete\n');
    expect(acceptConflict(merged, 5, 'current')).toBe(merged);
  });

  it('counts markers as the server does: a lone ======= is text, a stray >>>>>>> is a marker', () => {
    expect(hasMarkers(merged)).toBe(true);
    expect(hasMarkers('Title\n=======\n')).toBe(false);
    expect(hasMarkers('a\n>>>>>>> main\n')).toBe(true);
    expect(hasMarkers('<<<<<<<< eight\n')).toBe(false);
    expect(conflictRegions('<<<<<<< a\nunfinished\n=======\n')).toEqual([]);
  });

  it('normalizes CRLF to LF for the text area', () => {
    expect(normalizeLineEndings('a\r\nb\r\n')).toBe('a\nb\n');
  });
});
