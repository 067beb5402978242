import { useRef } from 'react';
import { Link } from 'react-router';
import { query } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import { useResultKeys } from './keys';
import { Pager, PER_PAGE, ResultState, blobUrl } from './parts';

export interface SymbolItem {
  name: string; kind: string; container: string | null; signature: string | null; repository: string; branch: string;
  commit: string; path: string; line: number; language: string | null;
}
interface SymbolAnswer { total_count: number; incomplete_results: boolean; items: SymbolItem[] }

/** One definition: kind, qualified name, signature, and where it is. */
export function SymbolRow({ s, showRepository = true }: { s: SymbolItem; showRepository?: boolean }) {
  return (
    <>
      <div className="code-result-head">
        <span className="badge">{s.kind}</span>
        <Link to={blobUrl(s.repository, s.branch, s.path, s.line)} data-result className="code-result-path">
          {s.container ? <span className="muted">{s.container}.</span> : null}{s.name}
        </Link>
        <span className="muted small">
          {showRepository ? `${s.repository} › ` : ''}{s.path}:{s.line}
        </span>
      </div>
      {s.signature && <pre className="symbol-signature"><code>{s.signature}</code></pre>}
    </>
  );
}

/** Symbol search: definitions by name, prefix or abbreviation (`pD` finds `parseDate`), with `kind:` and the code filters. */
export function SymbolResults({ q, page, onPage }: { q: string; page: number; onPage: (page: number) => void }) {
  const result = useApi<SymbolAnswer>(`/search/symbols${query({ q, page, per_page: PER_PAGE })}`);
  const list = useRef<HTMLUListElement>(null);
  useResultKeys(list);
  return (
    <ResultState result={result} what="Symbol" empty={(
      <>
        <h3>No definition matches “{q}”</h3>
        <p>Type a name, its beginning, or its initials (<code>pD</code> for <code>parseDate</code>); narrow it with <code>kind:method</code>, <code>lang:</code> or <code>repo:</code>.</p>
      </>
    )}>
      {(data) => (
        <>
          <h2 className="search-count" aria-live="polite">{plural(data.total_count, 'symbol')}</h2>
          <ul className="code-results" ref={list} aria-label="Symbols" aria-busy={result.loading}>
            {data.items.map((s) => (
              <li key={`${s.repository}:${s.path}:${s.line}:${s.name}`} className="code-result"><SymbolRow s={s} /></li>
            ))}
          </ul>
          <Pager page={page} total={data.total_count} onPage={onPage} />
        </>
      )}
    </ResultState>
  );
}
