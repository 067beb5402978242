// The identifier under a click in the code view, for "go to definition".

const part = /[\p{L}\p{N}_$]/u;
const start = /[\p{L}_$]/u;

/**
 * The identifier in `text` that covers `offset` (the character clicked, or the caret just after it), or null when
 * the click was not on one: a keyword-agnostic, language-agnostic reading (letters, digits, `_` and `$`, not
 * starting with a digit), as every language the symbol index knows spells its names.
 */
export function identifierAt(text: string, offset: number): string | null {
  if (offset < 0 || offset > text.length) return null;
  let from = offset;
  let to = offset;
  // A caret just after the last character of a word still points at that word.
  if ((to >= text.length || !part.test(text[to])) && to > 0 && part.test(text[to - 1])) from = to = offset - 1;
  if (to >= text.length || !part.test(text[to])) return null;
  while (from > 0 && part.test(text[from - 1])) from--;
  while (to < text.length && part.test(text[to])) to++;
  const word = text.slice(from, to);
  return start.test(word[0]) && word.length >= 2 ? word : null;
}

/** The identifier at a point of the page, read from the text under it (null off text, or off an identifier). */
export function identifierAtPoint(x: number, y: number): string | null {
  const doc = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
  let node: Node | null = null;
  let offset = 0;
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    if (position) ({ offsetNode: node, offset } = position);
  } else if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    if (range) ({ startContainer: node, startOffset: offset } = range);
  }
  if (!node || node.nodeType !== Node.TEXT_NODE) return null;
  return identifierAt(node.textContent ?? '', offset);
}
