import { useRef } from 'react';
import { Link } from 'react-router';
import { query } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import { Avatar } from '../../components/Avatar';
import { useResultKeys } from './keys';
import { Pager, PER_PAGE, ResultState } from './parts';

interface UserItem { login: string; avatar_url: string; type: 'User' | 'Organization'; name?: string | null }
interface UserAnswer { total_count: number; incomplete_results: boolean; items: UserItem[] }

/** People and organisations by login, name or email, as GitHub's user search. */
export function UserResults({ q, page, onPage }: { q: string; page: number; onPage: (page: number) => void }) {
  const result = useApi<UserAnswer>(`/search/users${query({ q, page, per_page: PER_PAGE })}`);
  const list = useRef<HTMLUListElement>(null);
  useResultKeys(list);
  return (
    <ResultState result={result} what="People" empty={<h3>Nobody matches “{q}”</h3>}>
      {(data) => (
        <>
          <h2 className="search-count" aria-live="polite">{plural(data.total_count, 'person', 'people')}</h2>
          <ul className="user-results" ref={list} aria-label="People" aria-busy={result.loading}>
            {data.items.map((u) => (
              <li key={u.login}>
                <Avatar user={u} size={32} />
                <Link to={`/${u.login}`} data-result>{u.login}</Link>
                {u.name && <span className="muted">{u.name}</span>}
                {u.type === 'Organization' && <span className="badge">Organization</span>}
              </li>
            ))}
          </ul>
          <Pager page={page} total={data.total_count} onPage={onPage} />
        </>
      )}
    </ResultState>
  );
}
