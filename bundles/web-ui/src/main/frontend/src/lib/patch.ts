// GitHub's per-file `patch` (the hunks of a unified diff, without the `diff --git`/`---`/`+++` header) parsed into
// hunks and lines with their old and new line numbers; the pairing of deletions with additions for the split view;
// a word-level difference within a changed pair; and the budget that keeps a huge diff from freezing the tab.

export type LineKind = 'context' | 'add' | 'del';

export interface DiffLine {
  kind: LineKind;
  /** The line's text without its +, - or space marker. */
  text: string;
  /** Line number in the old file (context and deletions). */
  oldLine?: number;
  /** Line number in the new file (context and additions). */
  newLine?: number;
  /** Followed by "\ No newline at end of file". */
  noNewline?: boolean;
}

export interface Hunk {
  /** The whole `@@ -a,b +c,d @@ section` line. */
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The function or section name after the second @@, if any. */
  section: string;
  lines: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** Parses a unified diff's hunks. Lines before the first hunk header (a git header, say) are skipped. */
export function parsePatch(patch: string | null | undefined): Hunk[] {
  if (!patch) return [];
  const hunks: Hunk[] = [];
  let hunk: Hunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  const lines = patch.split('\n');
  // A patch that ends with a newline leaves an empty last element that is not a line of the diff.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = HUNK.exec(line);
    if (header) {
      hunk = {
        header: line,
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        section: header[5].trim(),
        lines: [],
      };
      oldLine = hunk.oldStart;
      newLine = hunk.newStart;
      hunks.push(hunk);
      continue;
    }
    if (!hunk) continue;
    const marker = line[0];
    const text = line.slice(1);
    if (marker === '+') {
      hunk.lines.push({ kind: 'add', text, newLine: newLine++ });
    } else if (marker === '-') {
      hunk.lines.push({ kind: 'del', text, oldLine: oldLine++ });
    } else if (marker === '\\') {
      const last = hunk.lines[hunk.lines.length - 1];
      if (last) last.noNewline = true;
    } else {
      // A context line; an empty line is a context line whose leading space was trimmed by some tool.
      hunk.lines.push({ kind: 'context', text: marker === ' ' ? text : line, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return hunks;
}

/** The number of lines a patch renders (hunk headers included), without parsing it. */
export function patchLineCount(patch: string | null | undefined): number {
  if (!patch) return 0;
  let count = 1;
  for (let i = patch.indexOf('\n'); i >= 0 && i < patch.length - 1; i = patch.indexOf('\n', i + 1)) count++;
  return count;
}

/** One row of the split view: the old side's line, the new side's, or both (context, or a changed pair). */
export interface SplitRow {
  left?: DiffLine;
  right?: DiffLine;
}

/**
 * Pairs a hunk's lines for the side-by-side view: context on both sides; a run of deletions followed by a run of
 * additions side by side, row by row, the longer run's remainder against blanks.
 */
export function splitRows(lines: DiffLine[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.kind === 'context') {
      rows.push({ left: line, right: line });
      i++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < lines.length && lines[i].kind === 'del') dels.push(lines[i++]);
    while (i < lines.length && lines[i].kind === 'add') adds.push(lines[i++]);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) rows.push({ left: dels[k], right: adds[k] });
  }
  return rows;
}

/**
 * For each line index of a hunk, the line it pairs with for word highlighting (a deletion with the addition in the
 * same position of the following run, and back), as the unified view shows them.
 */
export function pairChanges(lines: DiffLine[]): Map<DiffLine, DiffLine> {
  const pairs = new Map<DiffLine, DiffLine>();
  for (const row of splitRows(lines)) {
    if (row.left && row.right && row.left !== row.right) {
      pairs.set(row.left, row.right);
      pairs.set(row.right, row.left);
    }
  }
  return pairs;
}

/** A piece of a changed line: text, and whether it differs from the other side. */
export interface Segment {
  text: string;
  changed: boolean;
}

const TOKEN = /\w+|\s+|[^\w\s]/g;
const WORD_LIMIT = 400;

/**
 * The parts of `line` that differ from `other`, by words (common prefix and suffix of tokens kept plain), as
 * GitHub highlights them. Long lines, and pairs with nothing in common, are not worth it: one unchanged segment.
 */
export function wordDiff(line: string, other: string): Segment[] {
  if (line === other || line.length > WORD_LIMIT || other.length > WORD_LIMIT) return [{ text: line, changed: false }];
  const a = line.match(TOKEN) ?? [];
  const b = other.match(TOKEN) ?? [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (start === 0 && endA === a.length && endB === b.length) return [{ text: line, changed: false }];
  const segments: Segment[] = [];
  const before = a.slice(0, start).join('');
  const changed = a.slice(start, endA).join('');
  const after = a.slice(endA).join('');
  if (before) segments.push({ text: before, changed: false });
  if (changed) segments.push({ text: changed, changed: true });
  if (after) segments.push({ text: after, changed: false });
  return segments.length ? segments : [{ text: line, changed: false }];
}

/** A file's patch longer than this many lines is collapsed until asked for. */
export const LARGE_FILE_LINES = 1500;
/** How many diff lines are rendered before the rest of the files wait behind "Show more files". */
export const INITIAL_LINE_BUDGET = 3000;

export interface BudgetFile {
  patch?: string | null;
}

/** A file renders collapsed at first when its patch is missing (binary, too big) or over `largeLines` lines. */
export function isLargeFile(file: BudgetFile, largeLines = LARGE_FILE_LINES): boolean {
  return !file.patch || patchLineCount(file.patch) > largeLines;
}

export interface Budget {
  /** How many files (from the start) render now. */
  shown: number;
  /** For each file shown, whether it starts collapsed: patch missing (binary, too big) or over LARGE_FILE_LINES. */
  large: boolean[];
}

/**
 * Which files to render at first: files in order until their lines exceed `budget` (at least one file always
 * shows). Large files cost nothing, since they render collapsed.
 */
export function planBudget(files: BudgetFile[], budget = INITIAL_LINE_BUDGET, largeLines = LARGE_FILE_LINES): Budget {
  const large: boolean[] = [];
  let used = 0;
  let shown = 0;
  for (const file of files) {
    const isLarge = isLargeFile(file, largeLines);
    const cost = isLarge ? 0 : patchLineCount(file.patch);
    if (shown > 0 && used + cost > budget) break;
    used += cost;
    large.push(isLarge);
    shown++;
  }
  return { shown, large };
}
