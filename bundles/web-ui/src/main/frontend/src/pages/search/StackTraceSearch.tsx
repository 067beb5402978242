import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { plural } from '../../lib/format';
import { InlineError, Loading } from '../../components/Status';
import { useResultKeys } from './keys';
import { blobUrl } from './parts';

interface Frame { language: string; function: string | null; file: string | null; line: number; library: boolean }
interface Trace { language: string; exception: string | null; message: string | null; revisions: string[]; frames: Frame[] }
interface Location {
  trace_index: number; frame_index: number; frame: Frame; repository: string; branch: string; commit: string;
  revision: string | null; path: string; line: number; function: string | null; matched_by: string;
  excerpt: Array<{ line: number; text: string; marked: boolean }>;
}
interface TraceAnswer { traces: Trace[]; total_count: number; incomplete_results: boolean; items: Location[] }

/**
 * Paste a stack trace (or a log excerpt with one): the server parses its frames and answers the files and lines they
 * point at in the repositories the reader may see, at the commit the trace names when it names one.
 */
export function StackTraceSearch({ repo }: { repo: string }) {
  const [text, setText] = useState('');
  const [state, setState] = useState<{ answer?: TraceAnswer; error?: unknown; busy: boolean }>({ busy: false });
  const list = useRef<HTMLOListElement>(null);
  useResultKeys(list);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true });
    try {
      setState({ busy: false, answer: await api<TraceAnswer>('/search/stacktrace', { method: 'POST', body: { trace: text, ...(repo ? { repo } : {}) } }) });
    } catch (error) {
      setState({ busy: false, error });
    }
  };
  const answer = state.answer;
  return (
    <div className="stacktrace-search">
      <form onSubmit={submit}>
        <label htmlFor="stack-trace" className="visually-hidden">Stack trace</label>
        <textarea id="stack-trace" value={text} onChange={(e) => setText(e.target.value)} rows={10} spellCheck={false}
          placeholder={'Paste a Java, Python, JavaScript, Go or .NET stack trace, or a log excerpt with one'} />
        <button type="submit" className="button primary" disabled={!text.trim() || state.busy}>Find in code</button>
      </form>
      {state.busy && <Loading label="Reading the trace" height={200} />}
      {state.error !== undefined && <InlineError error={state.error} />}
      {answer && (
        <>
          {answer.traces.map((t, i) => (
            <p key={i} className="muted trace-summary">
              <span className="badge">{t.language}</span> {t.exception ?? 'Stack trace'}{t.message ? `: ${t.message}` : ''}
              {' · '}{plural(t.frames.length, 'frame')}{t.revisions.length > 0 ? ` · names ${t.revisions.join(', ')}` : ''}
            </p>
          ))}
          <h2 className="search-count" aria-live="polite">{plural(answer.total_count, 'location')} in code</h2>
          {answer.items.length === 0 && (
            <div className="empty-state"><h3>No frame of this trace points at code you can see</h3></div>
          )}
          <ol className="code-results" ref={list} aria-label="Trace locations">
            {answer.items.map((l) => (
              <li key={`${l.trace_index}:${l.frame_index}:${l.repository}:${l.path}`} className="code-result">
                <div className="code-result-head">
                  <Link to={`/${l.repository}`} className="muted">{l.repository}</Link>
                  <span className="muted"> › </span>
                  <Link to={blobUrl(l.repository, l.commit, l.path, l.line || undefined)} data-result className="code-result-path">
                    {l.path}{l.line ? `:${l.line}` : ''}
                  </Link>
                  {l.function && <code className="muted">{l.function}</code>}
                  {l.revision && <span className="badge" title={`Read at ${l.commit}`}>at {l.revision}</span>}
                  {l.frame.library && <span className="badge">library</span>}
                </div>
                {l.excerpt.length > 0 && (
                  <table className="code-lines"><tbody>
                    {l.excerpt.map((e) => (
                      <tr key={e.line} className={e.marked ? 'marked-line' : undefined}>
                        <td className="code-line-number">{e.line}</td>
                        <td className="code-line-text"><code>{e.marked ? <mark>{e.text}</mark> : e.text}</code></td>
                      </tr>
                    ))}
                  </tbody></table>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
