import { useEffect } from 'react';
import { Link } from 'react-router';
import { ApiError, query } from '../../lib/api';
import { useApi } from '../../lib/hooks';
import { InlineError, Loading } from '../../components/Status';
import { MarkedLine, blobUrl } from '../search/parts';
import { SymbolRow, type SymbolItem } from '../search/SymbolResults';
import '../search/search.css';

interface References {
  total_count: number; file_count: number; branch: string;
  files: Array<{ path: string; lines: Array<{ line: number; text: string; highlights: Array<[number, number]> }> }>;
}

/**
 * "Go to definition" and "find references" for the identifier clicked in a file: its definitions in this
 * repository (nearest to the click first) and the lines that use it, each a link to the file at that line.
 */
export function SymbolPanel({ repository, name, refName, path, line, onClose }: {
  repository: string; name: string; refName: string; path: string; line: number; onClose: () => void;
}) {
  const base = `/repos/${repository.split('/').map(encodeURIComponent).join('/')}/symbols/${encodeURIComponent(name)}`;
  const definitions = useApi<SymbolItem[]>(`${base}/definitions${query({ ref: refName, path, line })}`);
  const references = useApi<References>(`${base}/references${query({ ref: refName, per_page: 20 })}`);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') onClose(); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const notIndexed = definitions.error instanceof ApiError && definitions.error.status === 404;
  return (
    <aside className="symbol-panel box" aria-label={`Symbol ${name}`}>
      <div className="symbol-panel-head">
        <h2><code>{name}</code></h2>
        <button type="button" className="button small" onClick={onClose} aria-label="Close the symbol panel">×</button>
      </div>
      {notIndexed ? (
        <p className="muted">Symbols are known for the branches the code index holds; this ref is not one of them.</p>
      ) : (
        <>
          <h3>Definitions</h3>
          {definitions.error ? <InlineError error={definitions.error} />
            : !definitions.data ? <Loading label="Finding the definition" height={60} />
            : definitions.data.length === 0 ? <p className="muted">No definition of <code>{name}</code> in this repository.</p>
            : (
              <ul className="symbol-panel-list" aria-label="Definitions">
                {definitions.data.map((s) => <li key={`${s.path}:${s.line}`}><SymbolRow s={s} showRepository={false} /></li>)}
              </ul>
            )}
          <h3>References{references.data ? ` (${references.data.total_count} in ${references.data.file_count} files)` : ''}</h3>
          {references.error ? <InlineError error={references.error} />
            : !references.data ? <Loading label="Finding the references" height={60} />
            : references.data.files.length === 0 ? <p className="muted">No other line uses <code>{name}</code>.</p>
            : (
              <ul className="symbol-panel-list" aria-label="References">
                {references.data.files.map((f) => (
                  <li key={f.path}>
                    <div className="small"><Link to={blobUrl(repository, references.data!.branch, f.path)}>{f.path}</Link></div>
                    <table className="code-lines"><tbody>
                      {f.lines.map((l) => (
                        <tr key={l.line}>
                          <td className="code-line-number"><Link to={blobUrl(repository, references.data!.branch, f.path, l.line)}
                            aria-label={`${f.path} line ${l.line}`}>{l.line}</Link></td>
                          <td className="code-line-text"><code><MarkedLine text={l.text} ranges={l.highlights} /></code></td>
                        </tr>
                      ))}
                    </tbody></table>
                  </li>
                ))}
              </ul>
            )}
          <p className="small"><Link to={`/search?${new URLSearchParams({ type: 'symbols', q: `${name} repo:${repository}` })}`}>Search for {name} everywhere in this repository</Link>
            {' · '}<Link to={`/search?${new URLSearchParams({ type: 'code', q: name })}`}>in all code</Link></p>
        </>
      )}
    </aside>
  );
}

