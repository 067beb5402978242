import { useRef } from 'react';
import { Link } from 'react-router';
import { query } from '../../lib/api';
import { timeAgo } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import { useResultKeys } from './keys';
import { ResultState } from './parts';

interface Expert { login: string | null; name: string; email: string; score: number; commits: number; lines_changed: number; last_change: string }
interface ExpertAnswer { total_count: number; items: Expert[] }

/** Whether a people query asks who knows some code (by `path:` or `symbol:`) rather than who is called so. */
export function asksForExperts(q: string): boolean {
  return /(^|\s)-?(path|symbol):\S/.test(q);
}

/** Who changed these paths or symbols most, recently: the history's authors, by changed lines weighed by age. */
export function ExpertResults({ q }: { q: string }) {
  const result = useApi<ExpertAnswer>(`/search/experts${query({ q, per_page: 20 })}`);
  const list = useRef<HTMLOListElement>(null);
  useResultKeys(list);
  return (
    <ResultState result={result} what="Expertise" empty={<h3>Nobody has changed what “{q}” names</h3>}>
      {(data) => (
        <>
          <h2 className="search-count">Who knows this code best</h2>
          <ol className="user-results" ref={list} aria-label="Experts">
            {data.items.map((e) => (
              <li key={e.email}>
                {e.login ? <Link to={`/${e.login}`} data-result>{e.login}</Link> : <span>{e.name}</span>}
                <span className="muted">{e.login ? e.name : e.email}</span>
                <span className="muted small">
                  {e.commits} commit{e.commits === 1 ? '' : 's'}, {e.lines_changed} lines changed, last {timeAgo(e.last_change)}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </ResultState>
  );
}
