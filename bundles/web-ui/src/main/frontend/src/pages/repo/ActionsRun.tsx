import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { RunIcon, elapsed, runStateLabel } from './actions/RunIcon';
import { layoutJobs } from './actions/graph';
import { StepLog } from './actions/LogView';
import { RunArtifacts } from './actions/Artifacts';
import type { WorkflowJobJson, WorkflowJobsJson, WorkflowRunJson } from './actions/types';
import { ErrorView, InlineError, Loading } from '../../components/Status';
import { API, api, encodePath } from '../../lib/api';
import { formatDate, shortSha, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import './actions/actions.css';

/** How often a run that has not ended is asked for again, with its jobs. */
const REFRESH_MS = 3000;

/** The job shown first: the one asked for, else the first failing, else the first running, else the first. */
function defaultJob(jobs: WorkflowJobJson[]): WorkflowJobJson | undefined {
  return jobs.find((j) => j.status === 'completed' && j.conclusion === 'failure')
    ?? jobs.find((j) => j.status === 'in_progress') ?? jobs[0];
}

/** The jobs in columns by their `needs`, each a box with its state; clicking one selects it. */
function JobGraph({ jobs, selected, link }: { jobs: WorkflowJobJson[]; selected?: number; link: (job: WorkflowJobJson) => string }) {
  const columns = useMemo(() => layoutJobs(jobs), [jobs]);
  return (
    <div className="job-graph" aria-label="Jobs" role="list">
      {columns.map((column, depth) => (
        <div key={depth} className="job-column" data-depth={depth}>
          {column.map((job) => (
            <Link key={job.id} to={link(job)} role="listitem" data-job={job.id} data-testid="job-box"
              className={`job-box${job.id === selected ? ' selected' : ''}`} aria-current={job.id === selected ? 'true' : undefined}
              title={job.needs?.length ? `Needs ${job.needs.join(', ')}` : undefined}>
              <RunIcon status={job.status} conclusion={job.conclusion} />
              <span className="job-name">{job.name}</span>
              <span className="muted small">{elapsed(job.started_at, job.completed_at)}</span>
            </Link>
          ))}
        </div>
      ))}
    </div>
  );
}

/** One job's steps, each folding open to its log. */
function JobSteps({ base, job }: { base: string; job: WorkflowJobJson }) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const [search, setSearch] = useState('');
  useEffect(() => {
    // A failing step opens by itself, as on GitHub.
    const failed = job.steps.find((s) => s.conclusion === 'failure');
    setOpen(failed ? new Set([failed.number]) : new Set());
  }, [job.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const toggle = (number: number) => setOpen((current) => {
    const next = new Set(current);
    if (next.has(number)) next.delete(number);
    else next.add(number);
    return next;
  });
  return (
    <section className="box job-panel" aria-labelledby="job-title" data-testid="job-panel" data-job={job.id}>
      <div className="box-header job-header">
        <RunIcon status={job.status} conclusion={job.conclusion} />
        <h3 id="job-title" className="section-title">{job.name}</h3>
        <span className="muted small">{runStateLabel(job.status, job.conclusion)} {job.started_at && <>· {elapsed(job.started_at, job.completed_at)}</>}</span>
        <span className="job-tools">
          <label className="visually-hidden" htmlFor="log-search">Search logs</label>
          <input id="log-search" type="search" className="filter-input small" placeholder="Search logs" value={search}
            onChange={(e) => setSearch(e.target.value)} />
          <a className="button small" href={`${API}${base}/actions/jobs/${job.id}/logs`} target="_blank" rel="noopener">Raw log</a>
        </span>
      </div>
      {job.message && <p className="box-body notice">{job.message}</p>}
      {job.steps.length === 0 ? <p className="box-body muted">This job has no steps yet.</p> : (
        <ol className="step-list">
          {job.steps.map((step) => {
            const isOpen = open.has(step.number) || (search.trim() !== '' && step.status !== 'queued');
            return (
              <li key={step.number} className="step" data-step={step.number} data-status={step.status}>
                <button type="button" className="step-header" aria-expanded={isOpen} onClick={() => toggle(step.number)}>
                  <span className="step-chevron" aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                  <RunIcon status={step.status} conclusion={step.conclusion} />
                  <span className="step-name">{step.name}</span>
                  <span className="muted small">{elapsed(step.started_at, step.completed_at)}</span>
                </button>
                {isOpen && <StepLog base={base} jobId={job.id} step={step.number} search={search} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** `/o/r/actions/runs/:runId[/job/:jobId]`: a run's state, its actions, its jobs' graph and the chosen job's logs. */
export default function ActionsRun() {
  const { repo, base, home } = useRepo();
  const { runId = '', jobId } = useParams();
  const run = useApi<WorkflowRunJson>(`${base}/actions/runs/${encodeURIComponent(runId)}`);
  const jobs = useApi<WorkflowJobsJson>(`${base}/actions/runs/${encodeURIComponent(runId)}/jobs`);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  useTitle(run.data ? `${run.data.name} #${run.data.run_number} · ${repo.full_name}` : undefined);

  const running = run.data !== undefined && run.data.status !== 'completed';
  const { reload: reloadRun } = run;
  const { reload: reloadJobs } = jobs;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      reloadRun();
      reloadJobs();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reloadRun, reloadJobs]);

  if (run.error) return <ErrorView error={run.error} />;
  if (!run.data) return <Loading label="Loading workflow run" height={240} />;
  const r = run.data;
  const list = jobs.data?.jobs ?? [];
  const selected = list.find((j) => String(j.id) === jobId) ?? (jobId ? undefined : defaultJob(list));
  const canWrite = Boolean(repo.permissions?.push);
  const failedJobs = list.some((j) => j.status === 'completed' && j.conclusion !== 'success' && j.conclusion !== 'skipped');

  const act = async (action: 'cancel' | 'rerun' | 'rerun-failed-jobs') => {
    setBusy(true);
    setActionError(undefined);
    try {
      await api(`${base}/actions/runs/${r.id}/${action}`, { method: 'POST' });
      reloadRun();
      reloadJobs();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="actions-run" data-run={r.id} data-status={r.status} data-conclusion={r.conclusion ?? ''}>
      <p className="small"><Link to={`${home}/actions`}>← All workflow runs</Link></p>
      <div className="page-header run-header">
        <RunIcon status={r.status} conclusion={r.conclusion} />
        <h2 className="history-title">{r.display_title || r.name} <span className="muted">#{r.run_number}</span></h2>
        <span className="badge" data-testid="run-state">{runStateLabel(r.status, r.conclusion)}</span>
        {canWrite && (
          <span className="run-actions">
            {r.status !== 'completed' ? (
              <button type="button" className="button small danger" disabled={busy} onClick={() => void act('cancel')}>Cancel workflow</button>
            ) : (
              <>
                {failedJobs && <button type="button" className="button small" disabled={busy} onClick={() => void act('rerun-failed-jobs')}>Re-run failed jobs</button>}
                <button type="button" className="button small" disabled={busy} onClick={() => void act('rerun')}>Re-run all jobs</button>
              </>
            )}
          </span>
        )}
      </div>
      {actionError !== undefined && <InlineError error={actionError} />}
      <dl className="run-facts box box-body">
        <div><dt>Triggered</dt><dd>by {r.event}{r.triggering_actor && <> ({r.triggering_actor.login})</>} <time dateTime={r.created_at} title={formatDate(r.created_at)}>{timeAgo(r.created_at)}</time></dd></div>
        <div><dt>Commit</dt><dd><Link to={`${home}/commit/${r.head_sha}`} className="mono">{shortSha(r.head_sha)}</Link></dd></div>
        {r.head_branch && <div><dt>Branch</dt><dd><Link to={`${home}/tree/${encodePath(r.head_branch)}`} className="mono-pill">{r.head_branch}</Link></dd></div>}
        <div><dt>Workflow</dt><dd><Link to={`${home}/blob/${r.head_sha}/${encodePath(r.path)}`} className="mono">{r.path}</Link></dd></div>
        <div><dt>Duration</dt><dd>{elapsed(r.run_started_at, r.status === 'completed' ? r.updated_at : null)}</dd></div>
        {r.run_attempt > 1 && <div><dt>Attempt</dt><dd>#{r.run_attempt}</dd></div>}
      </dl>
      {jobs.error ? <InlineError error={jobs.error} /> : !jobs.data ? <Loading label="Loading jobs" height={120} /> : list.length === 0 ? (
        <p className="muted">This run has no jobs.</p>
      ) : (
        <>
          <JobGraph jobs={list} selected={selected?.id} link={(job) => `${home}/actions/runs/${r.id}/job/${job.id}`} />
          {selected ? <JobSteps base={base} job={selected} /> : <p className="muted">This job is not part of the run's latest attempt.</p>}
        </>
      )}
      <RunArtifacts base={base} runId={r.id} version={`${r.status}:${r.updated_at}`} />
    </div>
  );
}
