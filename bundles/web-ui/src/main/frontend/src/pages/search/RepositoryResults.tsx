import { useRef } from 'react';
import { query } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import type { Repository } from '../../lib/types';
import { RepoRow } from '../../components/RepoCard';
import { useResultKeys } from './keys';
import { Pager, PER_PAGE, ResultState } from './parts';

/** The sort select's choices, as GitHub's sort and order parameters. */
export const SORTS: Array<{ value: string; label: string; sort?: string; order?: string }> = [
  { value: '', label: 'Best match' },
  { value: 'stars', label: 'Most stars', sort: 'stars', order: 'desc' },
  { value: 'updated', label: 'Recently updated', sort: 'updated', order: 'desc' },
  { value: 'updated-asc', label: 'Least recently updated', sort: 'updated', order: 'asc' },
  { value: 'forks', label: 'Most forks', sort: 'forks', order: 'desc' },
];

interface RepositoryAnswer { total_count: number; incomplete_results: boolean; items: Repository[] }

/** Repository search with GitHub's qualifiers and a sort order. */
export function RepositoryResults({ q, page, sortValue, onPage, onSort }: {
  q: string; page: number; sortValue: string; onPage: (page: number) => void; onSort: (value: string) => void;
}) {
  const sort = SORTS.find((s) => s.value === sortValue) ?? SORTS[0];
  const result = useApi<RepositoryAnswer>(`/search/repositories${query({ q, sort: sort.sort, order: sort.order, page, per_page: PER_PAGE })}`);
  const list = useRef<HTMLUListElement>(null);
  useResultKeys(list);
  return (
    <>
      <div className="search-summary">
        <h2 aria-live="polite">
          {result.data ? plural(result.data.total_count, 'repository result', 'repository results') : 'Searching…'}
        </h2>
        <label className="small">
          <span className="muted">Sort by </span>
          <select value={sort.value} onChange={(e) => onSort(e.target.value)} aria-label="Sort by">
            {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
      </div>
      <ResultState result={result} what="Repository" empty={(
        <>
          <h3>No repositories match “{q}”</h3>
          <p>Check the spelling, try fewer words, or remove a qualifier.</p>
        </>
      )}>
        {(data) => (
          <>
            {data.incomplete_results && <p className="notice warning">These results may be incomplete: the search took too long.</p>}
            <ul className="repo-list" ref={list} aria-label="Search results" aria-busy={result.loading}>
              {data.items.map((r) => <RepoRow key={r.id} repo={r} showOwner />)}
            </ul>
            <Pager page={page} total={data.total_count} onPage={onPage} />
          </>
        )}
      </ResultState>
    </>
  );
}
