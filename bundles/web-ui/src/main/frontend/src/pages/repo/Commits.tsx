import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { CommitList } from './CommitList';
import { RefSelect } from './RefSelect';
import { ErrorView, Loading } from '../../components/Status';
import { encodePath, query } from '../../lib/api';
import { useApi, useTitle } from '../../lib/hooks';
import { useRefAndPath } from '../../lib/refs';
import type { Commit } from '../../lib/types';
import './history.css';

const PER_PAGE = 30;

/** The page number in one of the API's Link URLs. */
export function pageOf(link: string | undefined): number | undefined {
  if (!link) return undefined;
  const page = new URL(link, 'http://localhost').searchParams.get('page');
  return page ? Number(page) : undefined;
}

/** `/o/r/commits`, `/o/r/commits/<ref>`, `/o/r/commits/<ref>/<path>`: the history of a ref or of a path in it. */
export default function Commits() {
  const { repo, base, home } = useRepo();
  const { '*': rest = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const split = useRefAndPath(base, rest);
  const ref = split?.ref || repo.default_branch;
  const path = split?.path ?? '';
  const author = params.get('author') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [authorInput, setAuthorInput] = useState(author);
  useEffect(() => setAuthorInput(author), [author]);

  const commits = useApi<Commit[]>(split ? `${base}/commits${query({ sha: ref, path, author, page, per_page: PER_PAGE })}` : null);
  useTitle(`${path ? `History for ${path}` : 'Commits'} · ${ref} · ${repo.full_name}`);

  const to = (nextRef: string, nextPath: string) =>
    `${home}/commits/${encodePath(nextRef)}${nextPath ? `/${encodePath(nextPath)}` : ''}`;
  const keep = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    return next;
  };
  const older = pageOf(commits.response?.links.next);
  const newer = pageOf(commits.response?.links.prev);
  const segments = path ? path.split('/') : [];

  return (
    <div className="history-page">
      <div className="page-header history-header">
        <h2 className="history-title">
          {path ? (
            <nav aria-label="Path" className="breadcrumb">
              <span>History for </span>
              <Link to={to(ref, '')}>{repo.name}</Link>
              {segments.map((segment, i) => (
                <span key={i}>
                  <span className="muted"> / </span>
                  {i === segments.length - 1
                    ? <strong>{segment}</strong>
                    : <Link to={to(ref, segments.slice(0, i + 1).join('/'))}>{segment}</Link>}
                </span>
              ))}
            </nav>
          ) : 'Commits'}
        </h2>
      </div>
      <div className="history-filters">
        <RefSelect id="commits-ref" label="Branch or tag" base={base} value={ref}
          onChange={(next) => navigate({ pathname: to(next, path), search: keep({ page: null }).toString() })} />
        <form className="author-filter" role="search" onSubmit={(e) => {
          e.preventDefault();
          setParams(keep({ author: authorInput.trim() || null, page: null }));
        }}>
          <label htmlFor="commits-author" className="visually-hidden">Author</label>
          <input id="commits-author" type="search" placeholder="Filter by author (login, name or email)" value={authorInput}
            onChange={(e) => setAuthorInput(e.target.value)} />
          <button type="submit" className="button">Filter</button>
          {author && <Link to={{ search: keep({ author: null, page: null }).toString() }} className="button">Clear</Link>}
        </form>
      </div>
      {commits.error ? (
        commits.error.status === 404 || commits.error.status === 409
          ? <div className="box box-body empty-state"><h3>No history here</h3><p className="muted">{commits.error.message}</p></div>
          : <ErrorView error={commits.error} />
      ) : !commits.data ? (
        <Loading label="Loading commits" height={480} />
      ) : commits.data.length === 0 ? (
        <div className="box box-body empty-state">
          <h3>No commits found</h3>
          <p className="muted">
            {author ? <>Nobody matching <strong>{author}</strong> committed to {path ? <code>{path}</code> : 'this ref'}. Try another author.</>
              : path ? <>No commit on <strong>{ref}</strong> touches <code>{path}</code>.</> : <>Push to <strong>{ref}</strong> to see its history here.</>}
          </p>
        </div>
      ) : (
        <div className={commits.loading ? 'is-reloading' : undefined} aria-busy={commits.loading}>
          <CommitList commits={commits.data} home={home} base={base} />
        </div>
      )}
      {(older || newer) && (
        <nav className="pagination" aria-label="Pages of commits">
          {newer ? <Link className="button" to={{ search: keep({ page: newer === 1 ? null : String(newer) }).toString() }}>Newer</Link>
            : <span className="button" aria-disabled="true">Newer</span>}
          {older ? <Link className="button" to={{ search: keep({ page: String(older) }).toString() }}>Older</Link>
            : <span className="button" aria-disabled="true">Older</span>}
        </nav>
      )}
    </div>
  );
}
