import { describe, expect, it } from 'vitest';
import { languageFor, splitHighlightedLines, splitLines } from './highlight-lines';
import { highlightLines } from './highlight';

describe('languageFor', () => {
  it('knows common files', () => {
    expect(languageFor('src/App.java')).toBe('java');
    expect(languageFor('Dockerfile')).toBe('dockerfile');
    expect(languageFor('a/b/Makefile')).toBe('makefile');
    expect(languageFor('x.tsx')).toBe('typescript');
    expect(languageFor('LICENSE')).toBeUndefined();
  });
});

describe('splitHighlightedLines', () => {
  it('closes and reopens spans across lines', () => {
    const html = 'a<span class="hljs-comment">/* one\ntwo */</span>\n<span class="x">b</span>';
    expect(splitHighlightedLines(html)).toEqual([
      'a<span class="hljs-comment">/* one</span>',
      '<span class="hljs-comment">two */</span>',
      '<span class="x">b</span>',
    ]);
  });
  it('highlights Java into as many lines as the source', () => {
    const source = 'class A {\n  /* a\n  b */\n  int x = 1;\n}';
    const lines = highlightLines(source, 'A.java')!;
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('hljs-keyword');
    const div = document.createElement('div');
    div.innerHTML = lines.join('\n');
    expect(div.textContent).toBe(source);
  });
  it('splits text lines without a phantom last line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\r\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual(['']);
  });
});
