// A file's lines with numbers that are links: #L10 and #L10-L20 in the URL highlight those lines and scroll to
// them; a click on a number selects it, a shift-click extends the selection, and the URL follows without a reload.

import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { formatLineRange, parseLineRange, selectLine, type LineRange } from '../../lib/lines';

/** The selected lines from the URL, and a click handler for line numbers that updates it. */
export function useLineSelection(ready: boolean) {
  const location = useLocation();
  const navigate = useNavigate();
  const selection = parseLineRange(location.hash);
  const clicked = useRef(false);

  // Scroll to the selection when the page opens with one or the hash changes from outside (not from a click).
  useEffect(() => {
    if (!ready || !selection) return;
    if (clicked.current) {
      clicked.current = false;
      return;
    }
    document.getElementById(`L${selection.start}`)?.scrollIntoView({ block: 'center' });
  }, [ready, location.hash]);

  const onLineClick = (event: React.MouseEvent, line: number) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    clicked.current = true;
    const next = selectLine(selection, line, event.shiftKey);
    navigate({ pathname: location.pathname, search: location.search, hash: formatLineRange(next) }, { replace: true, preventScrollReset: true });
  };
  return { selection, onLineClick };
}

export function inRange(range: LineRange | null, line: number): boolean {
  return !!range && line >= range.start && line <= range.end;
}

/** The code table: plain lines at first, highlighted ones once highlight.js has run. */
export function CodeView({ lines, highlighted, selection, onLineClick, onCodeClick }: {
  lines: string[];
  highlighted: string[] | null;
  selection: LineRange | null;
  onLineClick(event: React.MouseEvent, line: number): void;
  /** A click in a line's code (not its number): the file view looks up the identifier under it. */
  onCodeClick?(event: React.MouseEvent, line: number): void;
}) {
  return (
    <div className="code-scroll">
      <table className="code-table hljs" data-highlighted={highlighted ? 'true' : 'false'}>
        <tbody>
          {lines.map((text, i) => {
            const n = i + 1;
            const selected = inRange(selection, n);
            return (
              <tr key={n} className={selected ? 'selected' : undefined} data-line={n}>
                <td className="line-number">
                  <a id={`L${n}`} href={`#L${n}`} onClick={(e) => onLineClick(e, n)} aria-label={`Line ${n}`}>{n}</a>
                </td>
                {highlighted && highlighted[i] !== undefined ? (
                  // highlight.js output: the file's text escaped, in its own spans.
                  <td className="line-code" onClick={onCodeClick && ((e) => onCodeClick(e, n))}
                    dangerouslySetInnerHTML={{ __html: highlighted[i] || '\u200b' }} />
                ) : (
                  <td className="line-code" onClick={onCodeClick && ((e) => onCodeClick(e, n))}>{text || '\u200b'}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Highlights `text` as the language of `name` after the plain text has shown; null until then or if unknown. */
export function useHighlighted(text: string | null, name: string, enabled: boolean, set: (lines: string[] | null) => void) {
  useEffect(() => {
    set(null);
    if (text === null || !enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      import('../../lib/highlight')
        .then(({ highlightLines }) => {
          if (live) set(highlightLines(text, name));
        })
        .catch(() => undefined);
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, name, enabled]);
}
