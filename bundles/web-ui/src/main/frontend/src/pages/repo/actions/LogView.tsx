import { useEffect, useMemo, useState } from 'react';
import { parseAnsi } from './ansi';
import { LogBuffer, groupLines, matches, type LogLine } from './logLines';
import { pollLog } from './logPoller';
import { InlineError } from '../../../components/Status';
import { API } from '../../../lib/api';

/** At most this many lines of a log are rendered (the last ones); the raw log has them all. */
export const MAX_LINES = 5000;

/** One log line: escape sequences as classed spans, text as text (never HTML), search hits marked. */
export function AnsiLine({ text, needle }: { text: string; needle?: string }) {
  const { segments } = parseAnsi(text);
  return (
    <>
      {segments.map((segment, i) => (
        <span key={i} className={segment.classes.length ? segment.classes.join(' ') : undefined}>
          {needle ? highlight(segment.text, needle) : segment.text}
        </span>
      ))}
    </>
  );
}

function highlight(text: string, needle: string): React.ReactNode {
  const lower = text.toLowerCase();
  const wanted = needle.toLowerCase();
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(wanted); at >= 0 && wanted; at = lower.indexOf(wanted, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + wanted.length)}</mark>);
    from = at + wanted.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function Line({ line, needle }: { line: LogLine; needle: string }) {
  return (
    <div className={`log-line${matches(line, needle) ? ' hit' : ''}`} data-line={line.number}>
      <span className="log-number" aria-hidden="true">{line.number}</span>
      <span className="log-text"><AnsiLine text={line.text} needle={needle} /></span>
    </div>
  );
}

/** The log of one step of job `jobId`, followed every second while the job runs. */
export function StepLog({ base, jobId, step, search }: { base: string; jobId: number; step: number; search: string }) {
  const path = `${base}/actions/jobs/${jobId}/logs?step=${step}`;
  const [state, setState] = useState<{ lines: LogLine[]; dropped: number; complete: boolean; error?: unknown }>({
    lines: [], dropped: 0, complete: false,
  });
  useEffect(() => {
    const buffer = new LogBuffer(MAX_LINES);
    setState({ lines: [], dropped: 0, complete: false });
    const publish = (complete: boolean, error?: unknown) =>
      setState({ lines: buffer.lines, dropped: buffer.dropped, complete, error });
    return pollLog({
      path,
      onText: (text) => {
        buffer.append(text);
        publish(false);
      },
      onComplete: () => {
        buffer.finish();
        publish(true);
      },
      onError: (error) => publish(false, error),
    });
  }, [path]);
  const items = useMemo(() => groupLines(state.lines), [state.lines]);
  const needle = search.trim();
  const shown = needle ? items.filter((item) => matches(item.line, needle)
    || (item.kind === 'group' && item.children.some((l) => matches(l, needle)))) : items;
  const raw = `${API}${path}`;
  return (
    <div className="step-log" data-testid="step-log" data-complete={state.complete}>
      {state.dropped > 0 && (
        <p className="log-note muted small">
          Showing the last {MAX_LINES.toLocaleString('en')} lines; {state.dropped.toLocaleString('en')} earlier lines
          are only in the <a href={raw} target="_blank" rel="noopener">raw log</a>.
        </p>
      )}
      {state.error !== undefined && <InlineError error={state.error} />}
      <div className="log-lines" role="log">
        {shown.map((item) => item.kind === 'line' ? <Line key={item.line.number} line={item.line} needle={needle} /> : (
          <details key={item.line.number} className="log-group" open={needle ? true : undefined}>
            <summary className="log-line" data-line={item.line.number}>
              <span className="log-number" aria-hidden="true">{item.line.number}</span>
              <span className="log-text"><AnsiLine text={item.title} needle={needle} /></span>
            </summary>
            {(needle ? item.children.filter((l) => matches(l, needle)) : item.children)
              .map((line) => <Line key={line.number} line={line} needle={needle} />)}
          </details>
        ))}
        {!state.complete && state.error === undefined && <div className="log-line muted"><span className="log-number" /><span className="log-text">…</span></div>}
        {state.complete && state.lines.length === 0 && <p className="muted small log-empty">This step wrote nothing.</p>}
        {needle && state.lines.length > 0 && shown.length === 0 && <p className="muted small log-empty">No line matches.</p>}
      </div>
    </div>
  );
}
