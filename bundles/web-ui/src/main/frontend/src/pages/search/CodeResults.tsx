import { useRef } from 'react';
import { Link } from 'react-router';
import { query } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import { useResultKeys } from './keys';
import { MarkedLine, Pager, PER_PAGE, ResultState, blobUrl } from './parts';

interface CodeLine { line: number; text: string; highlights: Array<[number, number]> }
interface CodeItem {
  repository: string; branch: string; commit: string; path: string; name: string; language: string | null;
  lines: CodeLine[]; definitions: Array<{ name: string; kind: string; container: string | null; line: number }>;
}
interface CodeAnswer { total_count: number; total_count_estimated?: boolean; incomplete_results: boolean; items: CodeItem[] }

/** Code search: files with their matching lines, each line a link to the file view at that line. */
export function CodeResults({ q, page, onPage }: { q: string; page: number; onPage: (page: number) => void }) {
  const result = useApi<CodeAnswer>(`/search/code/lines${query({ q, page, per_page: PER_PAGE })}`);
  const list = useRef<HTMLUListElement>(null);
  useResultKeys(list);
  return (
    <ResultState result={result} what="Code" empty={(
      <>
        <h3>No code matches “{q}”</h3>
        <p>Terms match whole identifiers and their parts (<code>parse</code> finds <code>parseDate</code>). Try
          a <code>"phrase"</code>, a <code>/regex/</code>, or fewer qualifiers.</p>
      </>
    )}>
      {(data) => (
        <>
          <h2 className="search-count" aria-live="polite">{data.total_count_estimated ? 'About ' : ''}{plural(data.total_count, 'code result')}</h2>
          {data.incomplete_results && <p className="notice warning">These results may be incomplete: the search took too long.</p>}
          <ul className="code-results" ref={list} aria-label="Code results" aria-busy={result.loading}>
            {data.items.map((item) => (
              <li key={`${item.repository}:${item.branch}:${item.path}`} className="code-result">
                <div className="code-result-head">
                  <Link to={`/${item.repository}`} className="muted">{item.repository}</Link>
                  <span className="muted"> › </span>
                  <Link to={blobUrl(item.repository, item.branch, item.path)} data-result className="code-result-path">{item.path}</Link>
                  {item.language && <span className="badge">{item.language}</span>}
                  {item.definitions.slice(0, 3).map((d) => (
                    <Link key={`${d.name}:${d.line}`} className="badge definition" to={blobUrl(item.repository, item.branch, item.path, d.line)}
                      title={`${d.kind} ${d.container ? `${d.container}.` : ''}${d.name}, line ${d.line}`}>
                      defines {d.kind} {d.name}
                    </Link>
                  ))}
                </div>
                {item.lines.length > 0 && (
                  <table className="code-lines"><tbody>
                    {item.lines.map((line) => (
                      <tr key={line.line}>
                        <td className="code-line-number">
                          <Link to={blobUrl(item.repository, item.branch, item.path, line.line)} tabIndex={-1}
                            aria-label={`${item.path} line ${line.line}`}>{line.line}</Link>
                        </td>
                        <td className="code-line-text"><code><MarkedLine text={line.text} ranges={line.highlights} /></code></td>
                      </tr>
                    ))}
                  </tbody></table>
                )}
              </li>
            ))}
          </ul>
          <Pager page={page} total={data.total_count} onPage={onPage} />
        </>
      )}
    </ResultState>
  );
}
