import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useRepo } from './RepoLayout';
import { AheadBehind, type BranchComparisonJson } from './Branches';
import { useRefNames } from './RefSelect';
import { ErrorView, Loading } from '../../components/Status';
import { encodePath, query } from '../../lib/api';
import { formatDate, shortSha, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import './history.css';

const DEFAULT_HEADS = 20;

/** `/o/r/compare-branches`: several branches against one base at once: ahead, behind, and whether each merges. */
export default function CompareBranches() {
  const { repo, base: api, home } = useRepo();
  const names = useRefNames(api);
  const [base, setBase] = useState(repo.default_branch);
  const [heads, setHeads] = useState<string[] | null>(null);
  useTitle(`Compare branches · ${repo.full_name}`);

  const candidates = useMemo(() => (names?.branches ?? []).filter((b) => b !== base), [names, base]);
  useEffect(() => {
    if (names && heads === null) setHeads(names.branches.filter((b) => b !== repo.default_branch).slice(0, DEFAULT_HEADS));
  }, [names, heads, repo.default_branch]);
  const selected = (heads ?? []).filter((h) => h !== base);
  const comparison = useApi<BranchComparisonJson>(heads && selected.length > 0
    ? `${api}/compare-branches${query({ base, heads: selected.join(','), per_page: 100 })}` : null);
  const rows = comparison.data?.branches ?? [];
  const max = Math.max(0, ...rows.map((r) => Math.max(r.ahead_by, r.behind_by)));

  const toggle = (name: string, on: boolean) =>
    setHeads((current) => (on ? [...(current ?? []), name] : (current ?? []).filter((h) => h !== name)));

  return (
    <div className="history-page">
      <div className="page-header history-header"><h2 className="history-title">Compare branches</h2></div>
      <p className="muted history-lead">How far each branch has moved from a base, and whether it would merge into it cleanly.</p>
      <div className="box">
        <div className="box-header">
          <label htmlFor="compare-branches-base" className="ref-select-label">Base</label>
          <select id="compare-branches-base" value={base} onChange={(e) => setBase(e.target.value)} disabled={!names}>
            {(names?.branches.length ? names.branches : [repo.default_branch]).map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
          <span className="muted small">{selected.length} of {candidates.length} branches chosen</span>
          <span className="actions" style={{ marginLeft: 'auto' }}>
            <button type="button" className="button small" onClick={() => setHeads(candidates.slice(0, 100))}>All</button>
            <button type="button" className="button small" onClick={() => setHeads([])}>None</button>
          </span>
        </div>
        {!names ? <Loading label="Loading branches" height={60} /> : candidates.length === 0 ? (
          <p className="box-body muted">There is no other branch to compare with <strong>{base}</strong>. Push a branch first.</p>
        ) : (
          <fieldset className="heads-picker">
            <legend className="visually-hidden">Branches to compare</legend>
            {candidates.map((b) => (
              <label key={b}>
                <input type="checkbox" checked={selected.includes(b)} onChange={(e) => toggle(b, e.target.checked)} />
                <span className="mono">{b}</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>

      {comparison.error ? <ErrorView error={comparison.error} /> : selected.length === 0 ? (
        names && candidates.length > 0 && <p className="box box-body muted empty-state">Choose at least one branch above.</p>
      ) : !comparison.data ? (
        <Loading label="Comparing branches" height={120 + selected.length * 41} />
      ) : (
        <div className={`box table-scroll${comparison.loading ? ' is-reloading' : ''}`}>
          <table className="table compare-table">
            <caption className="visually-hidden">Branches compared with {base}</caption>
            <thead>
              <tr>
                <th scope="col">Branch</th>
                <th scope="col">Updated</th>
                <th scope="col" className="num">Behind</th>
                <th scope="col" className="num">Ahead</th>
                <th scope="col"><span className="visually-hidden">Behind and ahead</span></th>
                <th scope="col">Mergeable into {base}</th>
                <th scope="col"><span className="visually-hidden">Links</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name} data-branch={r.name}>
                  <th scope="row">
                    <Link to={`${home}/tree/${encodePath(r.name)}`} className="mono">{r.name}</Link>
                    <div className="muted small mono">{shortSha(r.sha)}</div>
                  </th>
                  <td className="muted small nowrap"><time dateTime={r.committed_at} title={formatDate(r.committed_at)}>{timeAgo(r.committed_at)}</time></td>
                  <td className="num" data-testid="behind">{r.behind_by}{r.counts_truncated ? '+' : ''}</td>
                  <td className="num" data-testid="ahead">{r.ahead_by}{r.counts_truncated ? '+' : ''}</td>
                  <td><AheadBehind ahead={r.ahead_by} behind={r.behind_by} max={max} truncated={r.counts_truncated} /></td>
                  <td data-testid="mergeable">
                    {r.mergeable === null ? <span className="badge" title="No common history with the base, or not computed">unknown</span>
                      : r.mergeable ? <span className="badge success">Yes</span> : (
                        <>
                          <span className="badge danger">No: conflicts</span>
                          {r.conflicting_paths.length > 0 && (
                            <ul className="conflicts mono">{r.conflicting_paths.map((p) => <li key={p}>{p}</li>)}</ul>
                          )}
                        </>
                      )}
                  </td>
                  <td>
                    <Link to={`${home}/compare/${encodePath(base)}...${encodePath(r.name)}`} className="button small">Compare</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {comparison.data.missing.length > 0 && (
            <p className="box-body muted small">Not found: {comparison.data.missing.join(', ')}</p>
          )}
        </div>
      )}
    </div>
  );
}
