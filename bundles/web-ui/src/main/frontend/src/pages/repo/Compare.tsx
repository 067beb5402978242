import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { CommitList } from './CommitList';
import { useRefNames } from './RefSelect';
import { SwapIcon } from './icons';
import { Diff, DiffPlaceholder } from '../../components/Diff';
import { ErrorView, InlineError } from '../../components/Status';
import { encodePath } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import { OpenPull } from './pulls/OpenPull';
import type { Commit, CommitFile } from '../../lib/types';
import './history.css';

interface Comparison {
  status: 'identical' | 'ahead' | 'behind' | 'diverged';
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  commits: Commit[];
  files: CommitFile[];
  merge_base_commit: Commit;
}

/** `base...head` from the URL: refs never hold "..", so the first "..." splits them. */
export function splitBaseHead(rest: string): { base: string; head: string } | undefined {
  const dots = rest.indexOf('...');
  if (dots <= 0 || dots + 3 >= rest.length) return undefined;
  return { base: rest.slice(0, dots), head: rest.slice(dots + 3) };
}

function RefInput({ id, label, value, onChange }: { id: string; label: string; value: string; onChange(v: string): void }) {
  return (
    <span className="ref-input">
      <label htmlFor={id} className="ref-select-label">{label}</label>
      <input id={id} type="text" list="compare-refs" value={value} onChange={(e) => onChange(e.target.value)}
        placeholder="branch, tag or commit" autoComplete="off" spellCheck={false} required />
    </span>
  );
}

/** `/o/r/compare` and `/o/r/compare/<base>...<head>`: what head has that base has not, commits and changes. */
export default function Compare() {
  const { repo, base: api, home } = useRepo();
  const { '*': rest = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const names = useRefNames(api);
  const chosen = splitBaseHead(rest);
  const [baseRef, setBaseRef] = useState(chosen?.base ?? repo.default_branch);
  const [headRef, setHeadRef] = useState(chosen?.head ?? '');
  useEffect(() => {
    setBaseRef(chosen?.base ?? repo.default_branch);
    setHeadRef(chosen?.head ?? '');
  }, [chosen?.base, chosen?.head, repo.default_branch]);
  const comparison = useApi<Comparison>(chosen ? `${api}/compare/${encodePath(chosen.base)}...${encodePath(chosen.head)}` : null);
  useTitle(chosen ? `Comparing ${chosen.base}...${chosen.head} · ${repo.full_name}` : `Compare · ${repo.full_name}`);

  const go = (b: string, h: string) => navigate(`${home}/compare/${encodePath(b.trim())}...${encodePath(h.trim())}`);
  const c = comparison.data;
  const suggestions = names ? [...names.branches, ...names.tags.filter((t) => !names.branches.includes(t))] : [];
  const others = names?.branches.filter((b) => b !== repo.default_branch).slice(0, 8) ?? [];

  return (
    <div className="history-page">
      <div className="page-header history-header">
        <h2 className="history-title">{chosen ? 'Comparing changes' : 'Compare changes'}</h2>
      </div>
      <p className="muted history-lead">
        Choose two branches, tags or commits to see what changed on <em>head</em> since it left <em>base</em>.
      </p>
      <form className="box" onSubmit={(e) => {
        e.preventDefault();
        if (baseRef.trim() && headRef.trim()) go(baseRef, headRef);
      }}>
        <div className="compare-pickers">
          <RefInput id="compare-base" label="base" value={baseRef} onChange={setBaseRef} />
          <button type="button" className="icon-button" aria-label="Swap base and head" title="Swap base and head"
            onClick={() => {
              if (baseRef.trim() && headRef.trim()) go(headRef, baseRef);
              else {
                setBaseRef(headRef);
                setHeadRef(baseRef);
              }
            }}>
            <SwapIcon />
          </button>
          <RefInput id="compare-head" label="compare" value={headRef} onChange={setHeadRef} />
          <button type="submit" className="button primary">Compare</button>
          <datalist id="compare-refs">
            {suggestions.map((n) => <option key={n} value={n} />)}
          </datalist>
        </div>
        {c && chosen && (
          <div className="compare-status" data-testid="compare-status">
            {c.status === 'identical' ? (
              <span><strong>{chosen.base}</strong> and <strong>{chosen.head}</strong> are identical.</span>
            ) : (
              <span>
                <strong>{chosen.head}</strong> is{' '}
                {c.ahead_by > 0 && <>{plural(c.ahead_by, 'commit')} ahead of</>}
                {c.ahead_by > 0 && c.behind_by > 0 && ', '}
                {c.behind_by > 0 && <>{plural(c.behind_by, 'commit')} behind</>}{' '}
                <strong>{chosen.base}</strong>.
              </span>
            )}
          </div>
        )}
      </form>

      {!chosen ? (
        <div className="box box-body empty-state">
          <h3>Nothing to compare yet</h3>
          {others.length > 0 ? (
            <>
              <p className="muted">Compare a branch with <strong>{repo.default_branch}</strong>:</p>
              <p className="actions" style={{ justifyContent: 'center', marginTop: 8 }}>
                {others.map((b) => (
                  <Link key={b} className="button small" to={`${home}/compare/${encodePath(repo.default_branch)}...${encodePath(b)}`}>{b}</Link>
                ))}
              </p>
            </>
          ) : (
            <p className="muted">Push a branch, then compare it with <strong>{repo.default_branch}</strong> here.</p>
          )}
        </div>
      ) : comparison.error ? (
        comparison.error.status === 404
          ? <div className="box box-body empty-state"><h3>There isn’t anything to compare</h3>
            <p className="muted">One of <strong>{chosen.base}</strong> and <strong>{chosen.head}</strong> is not a branch, tag or commit of this repository.</p></div>
          : comparison.error.status < 500 ? <InlineError error={comparison.error} /> : <ErrorView error={comparison.error} />
      ) : !c ? (
        <DiffPlaceholder />
      ) : c.status === 'identical' || (c.commits.length === 0 && c.files.length === 0) ? (
        <div className="box box-body empty-state">
          <h3>There isn’t anything to compare</h3>
          <p className="muted">
            {c.status === 'identical' ? <><strong>{chosen.base}</strong> is up to date with all commits from <strong>{chosen.head}</strong>.</>
              : <><strong>{chosen.head}</strong> has no commits that <strong>{chosen.base}</strong> lacks. Try swapping base and head.</>}
          </p>
        </div>
      ) : (
        <>
          <div className="compare-counts">
            <span><strong>{plural(c.total_commits, 'commit')}</strong></span>
            <span><strong>{plural(c.files.length, 'file')}</strong> changed</span>
          </div>
          {user && c.ahead_by > 0 && (
            <OpenPull key={`${chosen.base}...${chosen.head}`} api={api} home={home} baseRef={chosen.base} headRef={chosen.head} commits={c.commits} />
          )}
          {c.commits.length > 0 && (
            <section aria-label="Commits">
              {/* The API lists them oldest first; a history reads newest first. */}
              <CommitList commits={[...c.commits].reverse()} home={home} base={api} />
            </section>
          )}
          <Diff files={c.files} fileUrl={(f) => `${home}/blob/${encodePath(chosen.head)}/${encodePath(f.filename)}`} />
        </>
      )}
    </div>
  );
}
