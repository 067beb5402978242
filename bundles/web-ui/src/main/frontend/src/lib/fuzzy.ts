// The file finder's matcher: the query's characters in order anywhere in the path (a subsequence), scored so
// that matches in the file name, at word starts and in runs rank first, as GitHub's `t` finder does.

export interface FuzzyMatch {
  path: string;
  score: number;
  /** Indexes in `path` of the matched characters, for highlighting. */
  positions: number[];
}

const separators = new Set(['/', '-', '_', '.', ' ']);

/** Matches one path, or null if the query is not a subsequence of it (case-insensitively). */
export function fuzzyMatch(query: string, path: string): FuzzyMatch | null {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (!q) return { path, score: 0, positions: [] };
  const lower = path.toLowerCase();
  const nameStart = path.lastIndexOf('/') + 1;
  // Greedy from the right end of the path's file name is a good match in most cases; scan from the left but
  // prefer the file name by trying it first.
  const positions = subsequence(q, lower, nameStart) ?? subsequence(q, lower, 0);
  if (!positions) return null;
  let score = 0;
  for (let i = 0; i < positions.length; i++) {
    const at = positions[i];
    score += 1;
    if (at >= nameStart) score += 2;
    if (at === 0 || separators.has(path[at - 1]) || (isUpper(path[at]) && !isUpper(path[at - 1] ?? ''))) score += 3;
    if (i > 0 && positions[i - 1] === at - 1) score += 4;
  }
  if (lower.slice(nameStart).startsWith(q)) score += 10;
  if (lower.slice(nameStart) === q) score += 10;
  // Shorter paths first among equals.
  score -= path.length / 100;
  return { path, score, positions };
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** Indexes of q's characters in text from `from` on, preferring runs (a match restarts at word starts). */
function subsequence(q: string, text: string, from: number): number[] | null {
  const positions: number[] = [];
  let t = from;
  for (let i = 0; i < q.length; i++) {
    const found = text.indexOf(q[i], t);
    if (found < 0) return null;
    positions.push(found);
    t = found + 1;
  }
  return positions;
}

/** The best `limit` matches of `query` among `paths`, best first. */
export function fuzzyFilter(query: string, paths: string[], limit = 50): FuzzyMatch[] {
  const matches: FuzzyMatch[] = [];
  for (const path of paths) {
    const match = fuzzyMatch(query, path);
    if (match) matches.push(match);
  }
  matches.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return matches.slice(0, limit);
}
