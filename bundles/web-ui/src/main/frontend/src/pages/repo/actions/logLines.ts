import { stripAnsi } from './ansi';

/** One line of a step's log, as the runner wrote it: `<timestamp> <text>`. */
export interface LogLine {
  /** 1-based, counted from the start of the log (also for lines dropped from the view). */
  number: number;
  time: string | null;
  /** The text with its escape sequences. */
  text: string;
  /** The text without them. */
  plain: string;
}

export type LogItem =
  | { kind: 'line'; line: LogLine }
  | { kind: 'group'; line: LogLine; title: string; children: LogLine[] };

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ?/;
const GROUP = /^(?:::group::|##\[group\])(.*)$/;
const END_GROUP = /^(?:::endgroup::|##\[endgroup\])\s*$/;

/**
 * Collects a log's text as it arrives in slices, keeping at most `limit` lines (the last ones) and counting those
 * dropped. A slice that ends inside a line keeps the start of it until the rest comes.
 */
export class LogBuffer {
  lines: LogLine[] = [];
  dropped = 0;
  private partial = '';
  private count = 0;

  constructor(private readonly limit: number) {}

  append(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const raw of parts) this.push(raw.replace(/\r$/, ''));
    this.trim();
  }

  /** The log ended: a last line without newline is a line too. */
  finish(): void {
    if (this.partial) this.push(this.partial);
    this.partial = '';
    this.trim();
  }

  private push(raw: string) {
    const match = TIMESTAMP.exec(raw);
    const text = match ? raw.slice(match[0].length) : raw;
    this.count += 1;
    this.lines.push({ number: this.count, time: match ? match[1] : null, text, plain: stripAnsi(text) });
  }

  private trim() {
    const extra = this.lines.length - this.limit;
    if (extra > 0) {
      this.lines = this.lines.slice(extra);
      this.dropped += extra;
    }
  }
}

/** Folds `::group::title` … `::endgroup::` (and `##[group]`) runs into groups; groups do not nest, as on GitHub. */
export function groupLines(lines: LogLine[]): LogItem[] {
  const items: LogItem[] = [];
  let open: Extract<LogItem, { kind: 'group' }> | null = null;
  for (const line of lines) {
    const start = GROUP.exec(line.plain);
    if (start) {
      open = { kind: 'group', line, title: start[1].trim() || 'Group', children: [] };
      items.push(open);
    } else if (END_GROUP.test(line.plain)) {
      open = null;
    } else if (open) {
      open.children.push(line);
    } else {
      items.push({ kind: 'line', line });
    }
  }
  return items;
}

/** Whether a line matches a search (case-insensitive, on the text without escapes). */
export function matches(line: LogLine, needle: string): boolean {
  return needle !== '' && line.plain.toLowerCase().includes(needle.toLowerCase());
}
