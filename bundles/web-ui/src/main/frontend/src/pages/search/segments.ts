// Matching ranges of a result line, as the text's plain and highlighted pieces.

/** A piece of a line: plain text, or text the query matched. */
export interface Segment {
  text: string;
  match: boolean;
}

/**
 * Cuts `text` into plain and matched pieces by `ranges` ([start, end) offsets in UTF-16 units, as the API gives
 * them). Ranges out of order, overlapping or past the end are tolerated: a malformed answer never hides text.
 */
export function segments(text: string, ranges: ReadonlyArray<readonly [number, number]>): Segment[] {
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) out.push({ text: text.slice(at, from), match: false });
    out.push({ text: text.slice(from, end), match: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}
