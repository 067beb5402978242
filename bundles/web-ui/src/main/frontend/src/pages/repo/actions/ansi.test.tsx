import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { applySgr, parseAnsi, stripAnsi } from './ansi';
import { AnsiLine } from './LogView';

describe('parseAnsi', () => {
  it('maps foreground and background colours, bright ones too, to classes', () => {
    const { segments } = parseAnsi('\x1b[31mred\x1b[0m plain \x1b[92;44mbright on blue');
    expect(segments).toEqual([
      { text: 'red', classes: ['ansi-fg-1'] },
      { text: ' plain ', classes: [] },
      { text: 'bright on blue', classes: ['ansi-fg-10', 'ansi-bg-4'] },
    ]);
  });

  it('keeps bold across a colour change and drops it at 22 or a reset', () => {
    const { segments } = parseAnsi('\x1b[1mbold\x1b[32mgreen bold\x1b[22mgreen\x1b[mplain');
    expect(segments.map((s) => [s.text, s.classes.join(' ')])).toEqual([
      ['bold', 'ansi-bold'], ['green bold', 'ansi-fg-2 ansi-bold'], ['green', 'ansi-fg-2'], ['plain', ''],
    ]);
  });

  it('reads 256-colour codes of the palette and skips true colour without taking its numbers as codes', () => {
    expect(applySgr({}, '38;5;9')).toEqual({ fg: 9 });
    expect(applySgr({}, '38;5;200')).toEqual({});
    // 38;2;1;2;3 must not turn bold (1) or dim (2) on.
    expect(applySgr({}, '38;2;1;2;3;4')).toEqual({ underline: true });
  });

  it('drops other escape sequences and carries an open style to the next line', () => {
    const first = parseAnsi('\x1b[2K\x1b]0;title\x07\x1b[33mwarn');
    expect(first.segments).toEqual([{ text: 'warn', classes: ['ansi-fg-3'] }]);
    expect(parseAnsi('still', first.end).segments).toEqual([{ text: 'still', classes: ['ansi-fg-3'] }]);
    expect(stripAnsi('\x1b[1;31merror:\x1b[0m done')).toBe('error: done');
  });

  it('renders markup in a log line as text, never as HTML', () => {
    const { container } = render(<div><AnsiLine text={'\x1b[31m<script>alert(1)</script><img src=x onerror=alert(2)>\x1b[0m'} /></div>);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(container.querySelector('span.ansi-fg-1')?.textContent).toContain('<script>');
  });

  it('marks search hits inside coloured text', () => {
    const { container } = render(<div><AnsiLine text={'\x1b[32mBuild OK\x1b[0m, build done'} needle="build" /></div>);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Build', 'build']);
  });
});
