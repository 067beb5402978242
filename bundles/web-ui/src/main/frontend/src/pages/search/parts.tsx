import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api';
import { InlineError, Loading } from '../../components/Status';
import type { Loaded } from '../../lib/hooks';
import { segments } from './segments';

export const PER_PAGE = 20;
/** GitHub answers at most the first 1000 results of a search. */
export const MAX_RESULTS = 1000;

/** A result list's frame: loading, errors (a missing capability says so), nothing found, or the results. */
export function ResultState<T extends { items?: unknown[] }>({ result, what, empty, children }: {
  result: Loaded<T>;
  what: string;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (result.error instanceof ApiError && result.error.status === 404 && !result.data) {
    return (
      <div className="empty-state">
        <h3>{what} search is not available</h3>
        <p>This server runs without the capability that answers it.</p>
      </div>
    );
  }
  if (result.error) return <InlineError error={result.error} />;
  if (!result.data) return <Loading label="Searching" height={320} />;
  if (result.data.items && result.data.items.length === 0) return <div className="empty-state">{empty}</div>;
  return <>{children(result.data)}</>;
}

/** Previous and next page, as GitHub's search pages them. */
export function Pager({ page, total, onPage }: { page: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(Math.min(total, MAX_RESULTS) / PER_PAGE));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>‹ Previous</button>
      <span className="muted search-page-number">Page {page} of {pages}</span>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>Next ›</button>
    </nav>
  );
}

/** A line of code with the query's matches marked. */
export function MarkedLine({ text, ranges }: { text: string; ranges: ReadonlyArray<readonly [number, number]> }) {
  return (
    <>
      {segments(text, ranges).map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/** The file view's URL of a path at a ref, optionally at a line. */
export function blobUrl(repository: string, ref: string, path: string, line?: number): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `/${repository}/blob/${encodeURIComponent(ref)}/${encoded}${line ? `#L${line}` : ''}`;
}
