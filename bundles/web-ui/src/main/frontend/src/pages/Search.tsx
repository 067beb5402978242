import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, query } from '../lib/api';
import { useApi, useTitle } from '../lib/hooks';
import { plural } from '../lib/format';
import { useSession } from '../lib/session';
import type { Repository } from '../lib/types';
import { RepoRow } from '../components/RepoCard';
import { InlineError, Loading } from '../components/Status';
import './dashboard.css';

interface SearchResult {
  total_count: number;
  incomplete_results: boolean;
  items: Repository[];
}

const PER_PAGE = 20;
// GitHub answers at most the first 1000 results of a search.
const MAX_RESULTS = 1000;

/** The sort select's choices, as GitHub's sort and order parameters. */
export const SORTS: Array<{ value: string; label: string; sort?: string; order?: string }> = [
  { value: '', label: 'Best match' },
  { value: 'stars', label: 'Most stars', sort: 'stars', order: 'desc' },
  { value: 'updated', label: 'Recently updated', sort: 'updated', order: 'desc' },
  { value: 'updated-asc', label: 'Least recently updated', sort: 'updated', order: 'asc' },
  { value: 'forks', label: 'Most forks', sort: 'forks', order: 'desc' },
];

/** `/search?q=`: repository search with GitHub's qualifiers, a sort order and pages. */
export default function Search() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const sortValue = params.get('s') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sort = SORTS.find((s) => s.value === sortValue) ?? SORTS[0];
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useTitle(q ? `Search: ${q}` : 'Search');

  const path = q && user !== undefined
    ? `/search/repositories${query({ q, sort: sort.sort, order: sort.order, page, per_page: PER_PAGE })}`
    : null;
  const result = useApi<SearchResult>(path);

  const change = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change({ q: text.trim() || null, page: null });
  };

  const total = result.data?.total_count ?? 0;
  const pages = Math.max(1, Math.ceil(Math.min(total, MAX_RESULTS) / PER_PAGE));
  const unavailable = result.error instanceof ApiError && result.error.status === 404;

  return (
    <div className="search-page">
      <h1 className="visually-hidden">Search</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <input type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search repositories"
          placeholder="Search repositories, e.g. tools user:alice" autoFocus={!q} />
        <button type="submit" className="button primary">Search</button>
      </form>
      {!q && (
        <div className="empty-state">
          <h3>Search repositories</h3>
          <p>
            Type words from a repository’s name or description. Narrow it with qualifiers such
            as <code>user:alice</code>, <code>org:acme</code>, <code>is:private</code>, <code>fork:true</code> or <code>in:name</code>.
          </p>
        </div>
      )}
      {q && (
        <>
          <div className="search-summary">
            <h2 aria-live="polite">
              {result.data ? `${plural(total, 'repository result', 'repository results')}` : 'Searching…'}
            </h2>
            <label className="small">
              <span className="muted">Sort by </span>
              <select value={sort.value} onChange={(e) => change({ s: e.target.value || null, page: null })} aria-label="Sort by">
                {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
              </select>
            </label>
          </div>
          {unavailable && (
            <div className="empty-state">
              <h3>Search is not available yet</h3>
              <p>This server does not offer repository search yet. <Link to="/explore">Explore repositories</Link> instead.</p>
            </div>
          )}
          {result.error && !unavailable && <InlineError error={result.error} />}
          {!result.data && !result.error && <Loading label="Searching" height={320} />}
          {result.data && result.data.items.length === 0 && (
            <div className="empty-state">
              <h3>No repositories match “{q}”</h3>
              <p>Check the spelling, try fewer words, or remove a qualifier.</p>
            </div>
          )}
          {result.data && result.data.items.length > 0 && (
            <>
              {result.data.incomplete_results && <p className="notice warning">These results may be incomplete: the search took too long.</p>}
              <ul className="repo-list" aria-label="Search results" aria-busy={result.loading}>
                {result.data.items.map((r) => <RepoRow key={r.id} repo={r} showOwner />)}
              </ul>
              {pages > 1 && (
                <nav className="pagination" aria-label="Pages">
                  <button type="button" className="button" disabled={page <= 1} onClick={() => change({ page: page > 2 ? String(page - 1) : null })}>‹ Previous</button>
                  <span className="muted search-page-number">Page {page} of {pages}</span>
                  <button type="button" className="button" disabled={page >= pages} onClick={() => change({ page: String(page + 1) })}>Next ›</button>
                </nav>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
