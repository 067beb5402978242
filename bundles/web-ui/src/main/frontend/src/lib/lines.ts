// Line selections in a file's URL fragment, as on GitHub: #L10 or #L10-L20.

export interface LineRange {
  start: number;
  end: number;
}

/** `#L10` to {10, 10}, `#L20-L10` to {10, 20}; anything else (including line 0) to null. */
export function parseLineRange(hash: string): LineRange | null {
  const match = /^#?L(\d{1,9})(?:-L?(\d{1,9}))?$/.exec(hash.trim());
  if (!match) return null;
  const a = Number(match[1]);
  const b = match[2] === undefined ? a : Number(match[2]);
  if (a < 1 || b < 1) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** {10, 10} to `#L10`, {10, 20} to `#L10-L20`. */
export function formatLineRange(range: LineRange): string {
  return range.start === range.end ? `#L${range.start}` : `#L${range.start}-L${range.end}`;
}

/**
 * The selection after a click on line `line`: a plain click selects it alone, a shift-click extends the current
 * selection from its anchor (its first line) to the clicked line.
 */
export function selectLine(current: LineRange | null, line: number, extend: boolean): LineRange {
  if (!extend || !current) return { start: line, end: line };
  const anchor = current.start;
  return { start: Math.min(anchor, line), end: Math.max(anchor, line) };
}
