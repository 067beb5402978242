import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { pageOf } from './Commits';
import type { ActionsCachesJson } from './actions/types';
import { ErrorView, InlineError, Loading } from '../../components/Status';
import { api, query } from '../../lib/api';
import { formatBytes, formatDate, plural, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import './actions/actions.css';

const PER_PAGE = 30;

/** `/o/r/actions/caches`: the repository's dependency caches, most recently used first; writers may delete them. */
export default function ActionsCaches() {
  const { repo, base, home } = useRepo();
  const [params, setParams] = useSearchParams();
  const key = params.get('key') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [keyInput, setKeyInput] = useState(key);
  const [busy, setBusy] = useState<number>();
  const [deleteError, setDeleteError] = useState<unknown>();
  useTitle(`Caches · Actions · ${repo.full_name}`);
  const caches = useApi<ActionsCachesJson>(`${base}/actions/caches${query({ key, page: page > 1 ? page : undefined, per_page: PER_PAGE })}`);
  const usage = useApi<{ active_caches_size_in_bytes: number; active_caches_count: number }>(`${base}/actions/cache/usage`);
  const canWrite = Boolean(repo.permissions?.push);

  const remove = async (id: number) => {
    setBusy(id);
    setDeleteError(undefined);
    try {
      await api(`${base}/actions/caches/${id}`, { method: 'DELETE' });
      caches.reload();
      usage.reload();
    } catch (error) {
      setDeleteError(error);
    } finally {
      setBusy(undefined);
    }
  };
  const goTo = (target: number | undefined) => {
    const next = new URLSearchParams(params);
    if (target && target > 1) next.set('page', String(target));
    else next.delete('page');
    setParams(next);
  };

  if (caches.error) return <ErrorView error={caches.error} />;
  const older = pageOf(caches.response?.links.next);
  const newer = pageOf(caches.response?.links.prev);
  return (
    <div className="actions-page">
      <p className="small"><Link to={`${home}/actions`}>← All workflow runs</Link></p>
      <div className="page-header">
        <h2 className="history-title">Caches</h2>
        {usage.data && (
          <span className="muted" data-testid="cache-usage">
            {plural(usage.data.active_caches_count, 'cache')}, {formatBytes(usage.data.active_caches_size_in_bytes)}
          </span>
        )}
      </div>
      <form className="actions-filters" role="search" aria-label="Filter caches"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(keyInput.trim() ? { key: keyInput.trim() } : {});
        }}>
        <label>Key prefix{' '}
          <input type="search" name="key" value={keyInput} placeholder="All keys" onChange={(e) => setKeyInput(e.target.value)} />
        </label>
      </form>
      {deleteError !== undefined && <InlineError error={deleteError} />}
      {!caches.data ? <Loading label="Loading caches" height={160} /> : caches.data.actions_caches.length === 0 ? (
        <div className="box box-body empty-state" data-testid="caches-empty">
          {key ? <p>No cache key starts with <code>{key}</code>.</p> : (
            <>
              <h3>No caches yet</h3>
              <p className="muted">A workflow step <code>uses: actions/cache@v4</code> saves one after a successful job, keyed
                for example by <code>{'${{ hashFiles(\'**/package-lock.json\') }}'}</code>.</p>
            </>
          )}
        </div>
      ) : (
        <ul className="box run-list">
          {caches.data.actions_caches.map((cache) => (
            <li key={cache.id} className="box-row cache-row" data-cache={cache.id}>
              <span className="run-main">
                <span className="mono cache-key">{cache.key}</span>
                <span className="muted small">
                  {formatBytes(cache.size_in_bytes)} · <span className="mono-pill">{cache.ref.replace(/^refs\/heads\//, '')}</span>
                  {' '}· last used <time dateTime={cache.last_accessed_at} title={formatDate(cache.last_accessed_at)}>{timeAgo(cache.last_accessed_at)}</time>
                  {' '}· created <time dateTime={cache.created_at} title={formatDate(cache.created_at)}>{timeAgo(cache.created_at)}</time>
                </span>
              </span>
              {canWrite && (
                <button type="button" className="button small danger" disabled={busy === cache.id}
                  aria-label={`Delete cache ${cache.key}`} onClick={() => void remove(cache.id)}>Delete</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {(older || newer) && (
        <nav className="pagination" aria-label="Pages of caches">
          <button type="button" className="button" disabled={!newer} onClick={() => goTo(newer)}>Previous</button>
          <button type="button" className="button" disabled={!older} onClick={() => goTo(older)}>Next</button>
        </nav>
      )}
    </div>
  );
}
