/**
 * The conflict markers of a merged text, as git writes them (diff3 style: `<<<<<<< head`, our lines, `||||||| base`,
 * the common ancestor's lines, `=======`, their lines, `>>>>>>> base-branch`), and the edits the conflict editor makes
 * to them. "Current" is the head branch (ours), "incoming" the base branch (theirs), as in GitHub's editor.
 */

/** One conflict of a text: the lines it spans (its markers included) and each side's lines. */
export interface ConflictRegion {
  /** 0-based index of the `<<<<<<<` line. */
  start: number;
  /** 0-based index of the `>>>>>>>` line. */
  end: number;
  ours: string[];
  /** The common ancestor's lines, or null when the text has no `|||||||` section. */
  base: string[] | null;
  theirs: string[];
}

export type Choice = 'current' | 'incoming' | 'both';

const OPEN = /^<{7}( |$)/;
const BASE = /^\|{7}( |$)/;
const SEPARATOR = /^={7}$/;
const CLOSE = /^>{7}( |$)/;

/** The text with LF line endings (a browser's text area has no others). */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** The complete conflicts of `text`, in order; an unfinished one (no `>>>>>>>`) is not a region. */
export function conflictRegions(text: string): ConflictRegion[] {
  const lines = text.split('\n');
  const regions: ConflictRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!OPEN.test(lines[i])) {
      i++;
      continue;
    }
    const start = i;
    const ours: string[] = [];
    const theirs: string[] = [];
    let base: string[] | null = null;
    let section: 'ours' | 'base' | 'theirs' = 'ours';
    let end = -1;
    for (i = start + 1; i < lines.length; i++) {
      const line = lines[i];
      if (OPEN.test(line)) break;  // a new conflict begins: the previous one was unfinished
      if (section === 'ours' && BASE.test(line)) {
        section = 'base';
        base = [];
      } else if (section !== 'theirs' && SEPARATOR.test(line)) {
        section = 'theirs';
      } else if (section === 'theirs' && CLOSE.test(line)) {
        end = i;
        break;
      } else if (section === 'ours') {
        ours.push(line);
      } else if (section === 'base') {
        base!.push(line);
      } else {
        theirs.push(line);
      }
    }
    if (end >= 0) {
      regions.push({ start, end, ours, base, theirs });
      i = end + 1;
    }
  }
  return regions;
}

/** Whether `text` still has a line git writes as a conflict marker (`<<<<<<<`, `|||||||`, `>>>>>>>`). */
export function hasMarkers(text: string): boolean {
  return text.split('\n').some((line) => OPEN.test(line) || BASE.test(line) || CLOSE.test(line.replace(/\r$/, '')));
}

/** `text` with its conflict number `index` replaced by the chosen side(s): current, incoming, or both (current first). */
export function acceptConflict(text: string, index: number, choice: Choice): string {
  const region = conflictRegions(text)[index];
  if (!region) return text;
  const lines = text.split('\n');
  const kept = choice === 'current' ? region.ours : choice === 'incoming' ? region.theirs : [...region.ours, ...region.theirs];
  lines.splice(region.start, region.end - region.start + 1, ...kept);
  return lines.join('\n');
}

/** `text` with every conflict replaced by the chosen side(s). */
export function acceptAll(text: string, choice: Choice): string {
  let result = text;
  while (conflictRegions(result).length > 0) result = acceptConflict(result, 0, choice);
  return result;
}
