import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { pageOf } from './Commits';
import { RunIcon, elapsed } from './actions/RunIcon';
import type { WorkflowRunsJson } from './actions/types';
import { ErrorView, Loading } from '../../components/Status';
import { ApiError, encodePath, query } from '../../lib/api';
import { formatDate, plural, shortSha, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import './actions/actions.css';

const PER_PAGE = 25;
/** How often the list is asked again while a run on it goes on, or while it is empty (a push starts runs a moment later). */
const REFRESH_MS = 5000;
const EVENTS = ['push', 'pull_request', 'workflow_dispatch', 'schedule'];
const STATUSES = ['queued', 'in_progress', 'completed', 'success', 'failure', 'cancelled', 'skipped'];

/** `/o/r/actions`: the repository's workflow runs, newest first, filtered by branch, event and status in the URL. */
export default function Actions() {
  const { repo, base, home } = useRepo();
  const [params, setParams] = useSearchParams();
  const branch = params.get('branch') ?? '';
  const event = params.get('event') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [branchInput, setBranchInput] = useState(branch);
  useTitle(`Actions · ${repo.full_name}`);
  const runs = useApi<WorkflowRunsJson>(`${base}/actions/runs${query({ branch, event, status, page: page > 1 ? page : undefined, per_page: PER_PAGE })}`);

  const live = runs.data !== undefined
    && (runs.data.workflow_runs.length === 0 || runs.data.workflow_runs.some((run) => run.status !== 'completed'));
  const { reload } = runs;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };
  const goTo = (target: number | undefined) => {
    const next = new URLSearchParams(params);
    if (target && target > 1) next.set('page', String(target));
    else next.delete('page');
    setParams(next);
  };

  if (runs.error instanceof ApiError && runs.error.status === 404) {
    return <p className="notice muted">Actions are not available on this server: the CI service is not running.</p>;
  }
  if (runs.error) return <ErrorView error={runs.error} />;
  const older = pageOf(runs.response?.links.next);
  const newer = pageOf(runs.response?.links.prev);
  const filtered = Boolean(branch || event || status);

  return (
    <div className="actions-page">
      <div className="page-header">
        <h2 className="history-title">All workflows</h2>
        {runs.data && <span className="muted">{plural(runs.data.total_count, 'workflow run')}</span>}
        <Link to={`${home}/actions/caches`} className="button small actions-caches-link">Caches</Link>
      </div>
      <form className="actions-filters" role="search" aria-label="Filter workflow runs"
        onSubmit={(e) => { e.preventDefault(); set('branch', branchInput.trim()); }}>
        <label>Branch{' '}
          <input type="search" name="branch" value={branchInput} placeholder="All branches"
            onChange={(e) => setBranchInput(e.target.value)} onBlur={() => branchInput.trim() !== branch && set('branch', branchInput.trim())} />
        </label>
        <label>Event{' '}
          <select name="event" value={event} onChange={(e) => set('event', e.target.value)}>
            <option value="">All events</option>
            {[...new Set([...EVENTS, ...(event ? [event] : [])])].map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        <label>Status{' '}
          <select name="status" value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">All statuses</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}
          </select>
        </label>
        {filtered && <button type="button" className="button small" onClick={() => { setBranchInput(''); setParams({}); }}>Clear filters</button>}
      </form>
      {!runs.data ? <Loading label="Loading workflow runs" height={240} /> : runs.data.workflow_runs.length === 0 ? (
        <div className="box box-body empty-state" data-testid="actions-empty">
          {filtered ? <p>No workflow run matches these filters.</p> : (
            <>
              <h3>No workflow runs yet</h3>
              <p className="muted">
                Workflows live in the repository as YAML files under <code>.codara/workflows/</code> (for
                example <code>.codara/workflows/ci.yml</code>), written like GitHub Actions workflows: an
                {' '}<code>on:</code> trigger such as <code>push</code>, and <code>jobs:</code> whose <code>steps</code>
                {' '}<code>run:</code> shell commands. Push one and its runs appear here.
              </p>
            </>
          )}
        </div>
      ) : (
        <ul className="box run-list">
          {runs.data.workflow_runs.map((run) => (
            <li key={run.id} className="box-row run-row" data-run={run.id} data-status={run.status} data-conclusion={run.conclusion ?? ''}>
              <RunIcon status={run.status} conclusion={run.conclusion} />
              <span className="run-main">
                <Link to={`${home}/actions/runs/${run.id}`} className="run-title">{run.display_title || run.name}</Link>
                <span className="muted small">
                  {run.name} #{run.run_number}: {run.event}
                  {run.head_branch && <> on <Link to={`${home}/tree/${encodePath(run.head_branch)}`} className="mono-pill">{run.head_branch}</Link></>}
                  {' '}<Link to={`${home}/commit/${run.head_sha}`} className="mono">{shortSha(run.head_sha)}</Link>
                  {run.actor && <> by {run.actor.login}</>}
                </span>
              </span>
              <span className="run-times muted small">
                <time dateTime={run.created_at} title={formatDate(run.created_at)}>{timeAgo(run.created_at)}</time>
                <span>{elapsed(run.run_started_at, run.status === 'completed' ? run.updated_at : null)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {(older || newer) && (
        <nav className="pagination" aria-label="Pages of workflow runs">
          <button type="button" className="button" disabled={!newer} onClick={() => goTo(newer)}>Previous</button>
          <button type="button" className="button" disabled={!older} onClick={() => goTo(older)}>Next</button>
        </nav>
      )}
    </div>
  );
}
