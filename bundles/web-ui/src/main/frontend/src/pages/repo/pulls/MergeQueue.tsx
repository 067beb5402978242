import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRepo } from '../RepoLayout';
import { ErrorView, InlineError, Loading } from '../../../components/Status';
import { api, ApiError, encodePath } from '../../../lib/api';
import { formatDate, shortSha, timeAgo } from '../../../lib/format';
import { useApi, useTitle } from '../../../lib/hooks';
import './pulls.css';

/** A pull request's place in a merge queue, as `GET .../merge-queue/{branch}` and `.../pulls/{n}/merge-queue` give it. */
export interface QueueEntry {
  id: number;
  pull_request?: { number: number; title: string; html_url: string };
  queue_branch: string | null;
  base: string;
  state: 'queued' | 'building' | 'passed' | 'merged' | 'failed' | 'removed';
  head_sha: string;
  built_on_sha: string | null;
  speculative_sha: string | null;
  reason: string | null;
  enqueued_by: string | null;
  enqueued_at: string;
  updated_at: string;
  position: number | null;
}

export interface MergeQueueJson {
  branch: string;
  merge_method: 'merge' | 'squash' | 'rebase';
  batch_size: number;
  max_builds: number;
  check_timeout_minutes: number;
  entries: QueueEntry[];
}

export const QUEUE_STATE: Record<QueueEntry['state'], string> = {
  queued: 'Waiting for a build',
  building: 'Checks running on the queue’s build',
  passed: 'Checks passed: landing',
  merged: 'Merged',
  failed: 'Removed: its build failed',
  removed: 'Removed',
};

/** How often a queue page asks again while something in it moves. */
const REFRESH_MS = 3000;

/** `/o/r/merge-queue/<branch>`: a branch's merge queue in order, what left it recently and why, and its settings. */
export default function MergeQueuePage() {
  const { repo, base, home } = useRepo();
  const { '*': branch = repo.default_branch } = useParams();
  const queue = useApi<MergeQueueJson>(`${base}/merge-queue/${encodePath(branch)}`);
  useTitle(`Merge queue · ${branch} · ${repo.full_name}`);
  const { reload } = queue;
  const moving = queue.data?.entries.some((e) => e.position !== null);
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(() => document.visibilityState !== 'hidden' && reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [moving, reload]);

  if (queue.error instanceof ApiError && queue.error.status === 404) {
    return (
      <div className="box box-body empty-state" data-testid="no-queue">
        <h3>{branch} has no merge queue</h3>
        <p className="muted">Repository administrators add one here; pull requests then merge into {branch} only through it.</p>
        {repo.permissions?.admin && <QueueSettings base={base} branch={branch} onSaved={reload} />}
      </div>
    );
  }
  if (queue.error) return <ErrorView error={queue.error} />;
  if (!queue.data) return <Loading label="Loading the merge queue" height={200} />;
  const q = queue.data;
  const active = q.entries.filter((e) => e.position !== null);
  const left = q.entries.filter((e) => e.position === null);

  return (
    <div className="merge-queue-page">
      <div className="page-header">
        <h2 className="history-title">Merge queue of <span className="mono">{branch}</span></h2>
        <span className="muted small">
          {q.merge_method} · lands {q.batch_size === 1 ? 'each pull request on its own green build' : `up to ${q.batch_size} at once`}
          {' '}· {q.max_builds} builds ahead · checks within {q.check_timeout_minutes} min
        </span>
      </div>
      {active.length === 0 ? (
        <div className="box box-body empty-state" data-testid="queue-empty">
          <p>The queue is empty. Add a pull request from its page once it is approved.</p>
        </div>
      ) : (
        <ol className="box queue-list" data-testid="queue-entries">
          {active.map((entry) => <QueueRow key={entry.id} entry={entry} home={home} />)}
        </ol>
      )}
      {left.length > 0 && (
        <>
          <h3>Recently left the queue</h3>
          <ul className="box queue-list">
            {left.map((entry) => <QueueRow key={entry.id} entry={entry} home={home} />)}
          </ul>
        </>
      )}
      {repo.permissions?.admin && <QueueSettings base={base} branch={branch} current={q} onSaved={reload} />}
    </div>
  );
}

function QueueRow({ entry, home }: { entry: QueueEntry; home: string }) {
  return (
    <li className="box-row queue-row" data-state={entry.state} data-number={entry.pull_request?.number}>
      {entry.position !== null && <span className="queue-position" aria-label={`Position ${entry.position}`}>{entry.position}</span>}
      <span className="pull-main">
        {entry.pull_request && (
          <Link to={`${home}/pull/${entry.pull_request.number}`} className="pull-title">
            {entry.pull_request.title} <span className="muted">#{entry.pull_request.number}</span>
          </Link>
        )}
        <span className="muted small">
          <span className={`queue-state ${entry.state}`}>{QUEUE_STATE[entry.state]}</span>
          {entry.speculative_sha && <> · build <Link to={`${home}/commit/${entry.speculative_sha}`} className="mono">{shortSha(entry.speculative_sha)}</Link></>}
          {entry.enqueued_by && <> · added by {entry.enqueued_by}</>}
          {' '}<time dateTime={entry.updated_at} title={formatDate(entry.updated_at)}>{timeAgo(entry.updated_at)}</time>
        </span>
        {entry.reason && <span className="small queue-reason">{entry.reason}</span>}
      </span>
    </li>
  );
}

function QueueSettings({ base, branch, current, onSaved }: {
  base: string; branch: string; current?: MergeQueueJson; onSaved(): void;
}) {
  const [method, setMethod] = useState(current?.merge_method ?? 'merge');
  const [batch, setBatch] = useState(current?.batch_size ?? 1);
  const [builds, setBuilds] = useState(current?.max_builds ?? 5);
  const [timeout, setTimeoutMinutes] = useState(current?.check_timeout_minutes ?? 60);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const path = `${base}/merge-queue/${encodePath(branch)}`;
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="box box-body form queue-settings" aria-label="Merge queue settings" onSubmit={(e) => {
      e.preventDefault();
      void run(() => api(path, { method: 'PUT', body: { merge_method: method, batch_size: batch, max_builds: builds, check_timeout_minutes: timeout } }));
    }}>
      <h3>{current ? 'Settings' : 'Add a merge queue'}</h3>
      <label>Merge method{' '}
        <select value={method} onChange={(e) => setMethod(e.target.value as MergeQueueJson['merge_method'])}>
          <option value="merge">Merge commit</option>
          <option value="squash">Squash</option>
          <option value="rebase">Rebase</option>
        </select>
      </label>
      <label>Pull requests landing together on one green build{' '}
        <input type="number" min={1} max={10} value={batch} onChange={(e) => setBatch(Number(e.target.value))} />
      </label>
      <label>Builds ahead{' '}
        <input type="number" min={1} max={20} value={builds} onChange={(e) => setBuilds(Number(e.target.value))} />
      </label>
      <label>Minutes the required checks may take{' '}
        <input type="number" min={1} max={1440} value={timeout} onChange={(e) => setTimeoutMinutes(Number(e.target.value))} />
      </label>
      <InlineError error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>{current ? 'Save' : 'Add merge queue'}</button>
        {current && <button type="button" className="button danger" disabled={busy} onClick={() => run(() => api(path, { method: 'DELETE' }))}>Remove the queue</button>}
      </div>
    </form>
  );
}
