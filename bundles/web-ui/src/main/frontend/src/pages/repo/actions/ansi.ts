// ANSI escape sequences of a CI log line to styled segments: the text stays text (React escapes it), the SGR colour
// and weight codes become class names, and every other escape sequence (cursor moves, OSC titles) is dropped.

export interface AnsiStyle {
  fg?: number;
  bg?: number;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface AnsiSegment {
  text: string;
  /** Class names such as `ansi-fg-1 ansi-bold`; empty for plain text. */
  classes: string[];
}

// CSI (ESC [ params final), OSC (ESC ] ... BEL or ESC \), and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

/** The classes of a style, in a stable order. */
export function styleClasses(style: AnsiStyle): string[] {
  const classes: string[] = [];
  if (style.fg !== undefined) classes.push(`ansi-fg-${style.fg}`);
  if (style.bg !== undefined) classes.push(`ansi-bg-${style.bg}`);
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  return classes;
}

/** Applies one SGR sequence's parameters (`1;31`) to a style; unknown codes are ignored. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) { next.bold = false; next.dim = false; }
    else if (code === 23) next.italic = false;
    else if (code === 24) next.underline = false;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code === 49) next.bg = undefined;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 38 || code === 48) {
      // 38;5;n (256 colours: the first 16 map to the palette, the rest are left uncoloured) or 38;2;r;g;b.
      const mode = codes[i + 1];
      if (mode === 5) {
        const n = codes[i + 2];
        if (n !== undefined && n >= 0 && n < 16) {
          if (code === 38) next.fg = n;
          else next.bg = n;
        }
        i += 2;
      } else if (mode === 2) {
        i += 4;
      } else {
        i += 1;
      }
    }
  }
  return next;
}

/**
 * Splits a line into styled segments. `start` is the style in force before the line (a colour left open by an
 * earlier line); the style at the end is returned so that the next line can carry on.
 */
export function parseAnsi(line: string, start: AnsiStyle = {}): { segments: AnsiSegment[]; end: AnsiStyle } {
  const segments: AnsiSegment[] = [];
  let style = start;
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const classes = styleClasses(style);
    const previous = segments[segments.length - 1];
    if (previous && previous.classes.join(' ') === classes.join(' ')) previous.text += text;
    else segments.push({ text, classes });
  };
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(line); match; match = ESCAPE.exec(line)) {
    push(line.slice(last, match.index));
    if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
    last = match.index + match[0].length;
    if (match[0].length === 0) ESCAPE.lastIndex++;
  }
  push(line.slice(last));
  return { segments, end: style };
}

/** The line without any escape sequence: what search matches against and what a copy gives. */
export function stripAnsi(line: string): string {
  return line.replace(ESCAPE, '');
}
