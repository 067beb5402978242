import { describe, expect, it } from 'vitest';
import { isLargeFile, pairChanges, parsePatch, patchLineCount, planBudget, splitRows, wordDiff } from './patch';

const patch = [
  '@@ -1,4 +1,5 @@ function main()',
  ' one',
  '-two',
  '+TWO',
  '+two and a half',
  ' three',
  ' four',
  '@@ -10,2 +11,2 @@',
  ' ten',
  '-eleven',
  '\\ No newline at end of file',
  '+eleven',
  '\\ No newline at end of file',
].join('\n');

describe('parsePatch', () => {
  it('reads hunks with their ranges and section names', () => {
    const hunks = parsePatch(patch);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]).toMatchObject({ oldStart: 1, oldLines: 4, newStart: 1, newLines: 5, section: 'function main()' });
    expect(hunks[1]).toMatchObject({ oldStart: 10, oldLines: 2, newStart: 11, newLines: 2, section: '' });
    expect(hunks[1].header).toBe('@@ -10,2 +11,2 @@');
  });

  it('numbers old and new lines', () => {
    const [first, second] = parsePatch(patch);
    expect(first.lines.map((l) => [l.kind, l.text, l.oldLine, l.newLine])).toEqual([
      ['context', 'one', 1, 1],
      ['del', 'two', 2, undefined],
      ['add', 'TWO', undefined, 2],
      ['add', 'two and a half', undefined, 3],
      ['context', 'three', 3, 4],
      ['context', 'four', 4, 5],
    ]);
    expect(second.lines.map((l) => [l.kind, l.oldLine, l.newLine])).toEqual([
      ['context', 10, 11], ['del', 11, undefined], ['add', undefined, 12],
    ]);
  });

  it('marks lines followed by "No newline at end of file" and does not count the marker as a line', () => {
    const [, second] = parsePatch(patch);
    expect(second.lines).toHaveLength(3);
    expect(second.lines[0].noNewline).toBeUndefined();
    expect(second.lines[1].noNewline).toBe(true);
    expect(second.lines[2].noNewline).toBe(true);
  });

  it('takes a missing count as 1 and a new file from 0', () => {
    const [hunk] = parsePatch('@@ -0,0 +1 @@\n+only line\n');
    expect(hunk).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 });
    expect(hunk.lines).toEqual([{ kind: 'add', text: 'only line', newLine: 1 }]);
  });

  it('answers no hunks for a rename or binary file without a patch, and skips a git header', () => {
    expect(parsePatch(undefined)).toEqual([]);
    expect(parsePatch('')).toEqual([]);
    const hunks = parsePatch('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b');
    expect(hunks).toHaveLength(1);
    expect(hunks[0].lines.map((l) => l.kind)).toEqual(['del', 'add']);
  });

  it('keeps an empty context line whose space was trimmed', () => {
    const [hunk] = parsePatch('@@ -1,3 +1,3 @@\n a\n\n-b\n+c');
    expect(hunk.lines[1]).toEqual({ kind: 'context', text: '', oldLine: 2, newLine: 2 });
    expect(hunk.lines[2].oldLine).toBe(3);
  });
});

describe('splitRows', () => {
  it('pairs a run of deletions with the following additions and pads the shorter side', () => {
    const [first] = parsePatch(patch);
    const rows = splitRows(first.lines);
    expect(rows.map((r) => [r.left?.text, r.right?.text])).toEqual([
      ['one', 'one'],
      ['two', 'TWO'],
      [undefined, 'two and a half'],
      ['three', 'three'],
      ['four', 'four'],
    ]);
  });

  it('shows lone deletions and additions against blanks', () => {
    const [hunk] = parsePatch('@@ -1,3 +1,2 @@\n-a\n-b\n c\n+d');
    expect(splitRows(hunk.lines).map((r) => [r.left?.text, r.right?.text])).toEqual([
      ['a', undefined], ['b', undefined], ['c', 'c'], [undefined, 'd'],
    ]);
  });

  it('pairs changed lines both ways for word highlighting, and not context', () => {
    const [first] = parsePatch(patch);
    const pairs = pairChanges(first.lines);
    expect(pairs.get(first.lines[1])).toBe(first.lines[2]);
    expect(pairs.get(first.lines[2])).toBe(first.lines[1]);
    expect(pairs.has(first.lines[0])).toBe(false);
    expect(pairs.has(first.lines[3])).toBe(false);
  });
});

describe('wordDiff', () => {
  it('marks the changed words between a common prefix and suffix', () => {
    expect(wordDiff('const a = 1;', 'const a = 2;')).toEqual([
      { text: 'const a = ', changed: false }, { text: '1', changed: true }, { text: ';', changed: false },
    ]);
  });

  it('leaves lines with nothing in common, and very long lines, unmarked', () => {
    expect(wordDiff('abc', 'xyz')).toEqual([{ text: 'abc', changed: false }]);
    const long = 'x'.repeat(1000);
    expect(wordDiff(long, long + 'y')).toEqual([{ text: long, changed: false }]);
  });
});

describe('large-diff budget', () => {
  const lines = (n: number) => '@@ -1,0 +1,' + n + ' @@\n' + Array.from({ length: n }, (_, i) => `+${i}`).join('\n');

  it('counts lines without parsing', () => {
    expect(patchLineCount(undefined)).toBe(0);
    expect(patchLineCount('a')).toBe(1);
    expect(patchLineCount('a\nb\n')).toBe(2);
    expect(patchLineCount(lines(9))).toBe(10);
  });

  it('collapses files without a patch or over the large-file limit', () => {
    expect(isLargeFile({ patch: undefined })).toBe(true);
    expect(isLargeFile({ patch: lines(10) })).toBe(false);
    expect(isLargeFile({ patch: lines(1600) })).toBe(true);
  });

  it('renders files until the line budget is spent, at least one, and large files cost nothing', () => {
    const files = [{ patch: lines(99) }, { patch: lines(5000) }, { patch: undefined }, { patch: lines(99) }, { patch: lines(99) }];
    expect(planBudget(files, 250)).toEqual({ shown: 4, large: [false, true, true, false] });
    expect(planBudget(files, 10000).shown).toBe(5);
    expect(planBudget([{ patch: lines(1000) }], 10)).toEqual({ shown: 1, large: [false] });
    expect(planBudget([], 10)).toEqual({ shown: 0, large: [] });
  });
});
