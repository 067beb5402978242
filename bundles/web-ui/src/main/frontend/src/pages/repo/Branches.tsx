import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { pageOf } from './Commits';
import { BranchIcon } from './icons';
import { ErrorView, InlineError, Loading } from '../../components/Status';
import { CommitStatus } from '../../components/CommitStatus';
import { encodePath, query } from '../../lib/api';
import { formatDate, plural, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import type { Branch } from '../../lib/types';
import { HealthBadge, type BranchHealthJson } from './BranchHealth';
import './history.css';

/** One head of GET /compare-branches. */
export interface HeadComparison {
  name: string;
  sha: string;
  ahead_by: number;
  behind_by: number;
  counts_truncated: boolean;
  mergeable: boolean | null;
  conflicting_paths: string[];
  committed_at: string;
}

export interface BranchComparisonJson {
  base: string;
  base_sha: string;
  total_count: number;
  branches: HeadComparison[];
  missing: string[];
}

const PER_PAGE = 50;

/** GitHub's behind|ahead gauge: two counts with bars scaled against the largest count on the page. */
export function AheadBehind({ ahead, behind, max, truncated }: { ahead: number; behind: number; max: number; truncated?: boolean }) {
  const scale = (n: number) => (max <= 0 ? 0 : Math.max(n > 0 ? 4 : 0, Math.round((n / max) * 100)));
  const more = truncated ? '+' : '';
  return (
    <span className="ahead-behind" title={`${plural(behind, 'commit')} behind, ${plural(ahead, 'commit')} ahead of the default branch`}
      data-testid="ahead-behind" data-ahead={ahead} data-behind={behind}>
      <span className="ahead-behind-half behind">
        <span className="ahead-behind-num">{behind.toLocaleString('en')}{more}<span className="visually-hidden"> behind</span></span>
        <span className="ahead-behind-bar" style={{ width: `${scale(behind)}%` }} />
      </span>
      <span className="ahead-behind-half ahead">
        <span className="ahead-behind-num">{ahead.toLocaleString('en')}{more}<span className="visually-hidden"> ahead</span></span>
        <span className="ahead-behind-bar" style={{ width: `${scale(ahead)}%` }} />
      </span>
    </span>
  );
}

/** `/o/r/branches`: the default branch, then the others with their age and distance from it. */
export default function Branches() {
  const { repo, base, home } = useRepo();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const [filter, setFilter] = useState('');
  useTitle(`Branches · ${repo.full_name}`);

  const branches = useApi<Branch[]>(`${base}/branches${query({ page, per_page: PER_PAGE })}`);
  const names = useMemo(() => {
    if (!branches.data) return null;
    return [repo.default_branch, ...branches.data.map((b) => b.name).filter((n) => n !== repo.default_branch)];
  }, [branches.data, repo.default_branch]);
  const comparison = useApi<BranchComparisonJson>(names
    ? `${base}/compare-branches${query({ base: repo.default_branch, heads: names.join(','), per_page: PER_PAGE })}` : null);
  const byName = useMemo(() => new Map((comparison.data?.branches ?? []).map((h) => [h.name, h])), [comparison.data]);
  const defaultBranch = useApi<Branch>(page === 1 ? `${base}/branches/${encodePath(repo.default_branch)}` : null);
  const stale = params.get('tab') === 'stale';
  const health = useApi<BranchHealthJson[]>(`${base}/branch-health${query({ per_page: 100 })}`);
  const healthByName = useMemo(() => new Map((health.data ?? []).map((h) => [h.name, h])), [health.data]);
  const staleBranches = useApi<BranchHealthJson[]>(stale ? `${base}/stale-branches${query({ days: 90, per_page: 100 })}` : null);

  if (branches.error) return <ErrorView error={branches.error} />;
  const others = (branches.data ?? []).filter((b) => b.name !== repo.default_branch);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? others.filter((b) => b.name.toLowerCase().includes(needle)) : others;
  const max = Math.max(0, ...others.map((b) => Math.max(byName.get(b.name)?.ahead_by ?? 0, byName.get(b.name)?.behind_by ?? 0)));
  const older = pageOf(branches.response?.links.next);
  const newer = pageOf(branches.response?.links.prev);

  const row = (branch: Branch, isDefault: boolean) => {
    const head = byName.get(branch.name);
    return (
      <li key={branch.name} className="box-row ref-row" data-branch={branch.name}>
        <span className="ref-name">
          <BranchIcon />
          <Link to={`${home}/tree/${encodePath(branch.name)}`} className="mono-pill">{branch.name}</Link>
          {isDefault && <span className="badge">default</span>}
          {branch.protected && <span className="badge attention">protected</span>}
          {branch.commit.sha && <CommitStatus base={base} sha={branch.commit.sha} />}
          {!isDefault && healthByName.has(branch.name) && <HealthBadge health={healthByName.get(branch.name)!} />}
        </span>
        <span className="ref-updated muted small">
          {head ? <>Updated <time dateTime={head.committed_at} title={formatDate(head.committed_at)}>{timeAgo(head.committed_at)}</time></> : comparison.loading ? '…' : ''}
        </span>
        {!isDefault && head
          ? <AheadBehind ahead={head.ahead_by} behind={head.behind_by} max={max} truncated={head.counts_truncated} />
          : <span className="ahead-behind hide-sm" aria-hidden="true" />}
        <span className="ref-actions">
          <Link to={`${home}/commits/${encodePath(branch.name)}`} className="button small">Commits</Link>
          {isDefault ? <span className="button small" aria-hidden="true" style={{ visibility: 'hidden' }}>Compare</span> : (
            <Link to={`${home}/compare/${encodePath(repo.default_branch)}...${encodePath(branch.name)}`} className="button small">
              Compare
            </Link>
          )}
        </span>
      </li>
    );
  };

  return (
    <div className="history-page">
      <div className="page-header history-header">
        <h2 className="history-title">Branches</h2>
        <Link to={`${home}/compare-branches`} className="button small">Compare all branches</Link>
      </div>
      <nav className="subnav-tabs" aria-label="Branch lists">
        <Link to="?" className={`button small${stale ? '' : ' selected'}`} aria-current={stale ? undefined : 'page'}>All</Link>
        <Link to="?tab=stale" className={`button small${stale ? ' selected' : ''}`} aria-current={stale ? 'page' : undefined}>Stale</Link>
      </nav>
      {stale ? (
        <section className="box" aria-labelledby="stale-branches-title">
          <div className="box-header"><h3 id="stale-branches-title" className="section-title">Stale branches</h3></div>
          {staleBranches.error ? <div className="box-body"><InlineError error={staleBranches.error} /></div>
            : !staleBranches.data ? <Loading label="Loading stale branches" height={120} />
            : staleBranches.data.length === 0 ? (
              <p className="box-body muted empty-state">No branch has gone 90 days without a commit and without an open pull request.</p>
            ) : (
              <ul className="ref-list">
                {staleBranches.data.map((b) => (
                  <li key={b.name} className="box-row ref-row" data-branch={b.name} data-stale="true">
                    <span className="ref-name">
                      <BranchIcon />
                      <Link to={`${home}/tree/${encodePath(b.name)}`} className="mono-pill">{b.name}</Link>
                      <HealthBadge health={b} />
                    </span>
                    <span className="ref-updated muted small">
                      Updated <time dateTime={b.last_activity_at} title={formatDate(b.last_activity_at)}>{timeAgo(b.last_activity_at)}</time>
                    </span>
                  </li>
                ))}
              </ul>
            )}
        </section>
      ) : (<>
      <label htmlFor="branch-filter" className="visually-hidden">Find a branch</label>
      <input id="branch-filter" type="search" className="filter-input" placeholder="Find a branch…" value={filter}
        onChange={(e) => setFilter(e.target.value)} />
      {!branches.data ? (
        <Loading label="Loading branches" height={240} />
      ) : (
        <>
          {page === 1 && !needle && (
            <section className="box" aria-labelledby="default-branch-title">
              <div className="box-header"><h3 id="default-branch-title" className="section-title">Default branch</h3></div>
              <ul className="ref-list">
                {row(defaultBranch.data ?? branches.data.find((b) => b.name === repo.default_branch)
                  ?? { name: repo.default_branch, commit: { sha: '' }, protected: false }, true)}
              </ul>
            </section>
          )}
          <section className="box" aria-labelledby="other-branches-title">
            <div className="box-header">
              <h3 id="other-branches-title" className="section-title">{needle ? 'Matching branches' : 'Other branches'}</h3>
            </div>
            {comparison.error && <div className="box-body"><InlineError error={comparison.error} /></div>}
            {shown.length === 0 ? (
              <p className="box-body muted empty-state">
                {needle ? <>No branch matches <strong>{filter}</strong>.</>
                  : branches.data.length === 0 ? 'This repository has no branches yet: push one to see it here.'
                  : <>Only the default branch so far. Push another branch to work on a change beside <strong>{repo.default_branch}</strong>.</>}
              </p>
            ) : (
              <ul className="ref-list">{shown.map((b) => row(b, false))}</ul>
            )}
          </section>
        </>
      )}
      </>)}
      {!stale && (older || newer) && (
        <nav className="pagination" aria-label="Pages of branches">
          <button type="button" className="button" disabled={!newer} onClick={() => setParams(newer && newer > 1 ? { page: String(newer) } : {})}>Previous</button>
          <button type="button" className="button" disabled={!older} onClick={() => setParams({ page: String(older) })}>Next</button>
        </nav>
      )}
    </div>
  );
}
