import { Link, useSearchParams } from 'react-router';
import { useRepo } from '../RepoLayout';
import { pageOf } from '../Commits';
import { PullIcon } from './PullIcon';
import { LabelBadge } from './Labels';
import { Avatar } from '../../../components/Avatar';
import { ErrorView, Loading } from '../../../components/Status';
import { ApiError, query } from '../../../lib/api';
import { formatDate, timeAgo } from '../../../lib/format';
import { useApi, useTitle } from '../../../lib/hooks';
import type { PullRequest } from '../../../lib/pulls';
import { useSession } from '../../../lib/session';
import './pulls.css';

const PER_PAGE = 25;

/** `/o/r/pulls`: open or closed pull requests, newest first, with the filters in the URL. */
export default function Pulls() {
  const { repo, base, home } = useRepo();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') === 'closed' ? 'closed' : 'open';
  const page = Number(params.get('page') ?? '1') || 1;
  useTitle(`Pull requests · ${repo.full_name}`);
  const pulls = useApi<PullRequest[]>(`${base}/pulls${query({ state, page: page > 1 ? page : undefined, per_page: PER_PAGE })}`);

  const go = (next: Record<string, string | undefined>) => {
    const search = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) search.set(key, value);
      else search.delete(key);
    }
    setParams(search);
  };

  if (pulls.error instanceof ApiError && pulls.error.status === 404) {
    return <p className="notice muted">Pull requests are not available on this server: the review service is not running.</p>;
  }
  if (pulls.error) return <ErrorView error={pulls.error} />;
  const older = pageOf(pulls.response?.links.next);
  const newer = pageOf(pulls.response?.links.prev);

  return (
    <div className="pulls-page">
      <div className="page-header">
        <nav className="segmented" aria-label="Pull request state">
          <button type="button" className="button small" aria-pressed={state === 'open'} onClick={() => go({ state: undefined, page: undefined })}>Open</button>
          <button type="button" className="button small" aria-pressed={state === 'closed'} onClick={() => go({ state: 'closed', page: undefined })}>Closed</button>
        </nav>
        {user && <Link to={`${home}/compare`} className="button primary">New pull request</Link>}
      </div>
      {!pulls.data ? <Loading label="Loading pull requests" height={200} /> : pulls.data.length === 0 ? (
        <div className="box box-body empty-state" data-testid="pulls-empty">
          <h3>{state === 'open' ? 'No open pull requests' : 'No closed pull requests'}</h3>
          <p className="muted">
            A pull request proposes the changes of a branch (or of a fork’s branch) for <strong>{repo.default_branch}</strong>:
            push a branch, then <Link to={`${home}/compare`}>compare it</Link> and open one.
          </p>
        </div>
      ) : (
        <ul className="box pull-list">
          {pulls.data.map((pull) => (
            <li key={pull.id} className="box-row pull-row" data-number={pull.number}>
              <PullIcon pull={pull} />
              <span className="pull-main">
                <span>
                  <Link to={`${home}/pull/${pull.number}`} className="pull-title">{pull.title}</Link>
                  {pull.draft && <span className="badge">Draft</span>}
                  {pull.labels.map((label) => <LabelBadge key={label.id ?? label.name} label={label} />)}
                </span>
                <span className="muted small">
                  #{pull.number}{' '}
                  {pull.merged_at ? <>merged <time dateTime={pull.merged_at} title={formatDate(pull.merged_at)}>{timeAgo(pull.merged_at)}</time></>
                    : pull.closed_at ? <>closed <time dateTime={pull.closed_at} title={formatDate(pull.closed_at)}>{timeAgo(pull.closed_at)}</time></>
                      : <>opened <time dateTime={pull.created_at} title={formatDate(pull.created_at)}>{timeAgo(pull.created_at)}</time></>}
                  {pull.user && <> by {pull.user.login}</>}
                  {' · '}<span className="mono">{pull.base.ref}</span> ← <span className="mono">{pull.head.label}</span>
                </span>
              </span>
              <span className="pull-people">
                {(pull.assignees ?? []).slice(0, 3).map((a) => <Avatar key={a.login} user={a} size={20} />)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {(older || newer) && (
        <nav className="pagination" aria-label="Pages of pull requests">
          <button type="button" className="button" disabled={!newer} onClick={() => go({ page: newer && newer > 1 ? String(newer) : undefined })}>Previous</button>
          <button type="button" className="button" disabled={!older} onClick={() => go({ page: older ? String(older) : undefined })}>Next</button>
        </nav>
      )}
    </div>
  );
}
