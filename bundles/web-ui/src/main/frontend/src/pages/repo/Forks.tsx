import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useRepo } from './RepoLayout';
import { Avatar } from '../../components/Avatar';
import { ErrorView, InlineError, Loading } from '../../components/Status';
import { api, ApiError } from '../../lib/api';
import { formatDate, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import type { Repository, User } from '../../lib/types';
import './history.css';

interface ForkNode {
  repository: Repository;
  forks: ForkNode[];
  truncated: boolean;
}

function Node({ node, current, root }: { node: ForkNode; current: string; root?: boolean }) {
  const r = node.repository;
  return (
    <li data-repo={r.full_name}>
      <div className={`fork-node${root ? ' root' : ''}`}>
        <Avatar user={r.owner} size={root ? 24 : 20} />
        <Link to={`/${r.full_name}`} className="fork-name" aria-current={r.full_name === current ? 'page' : undefined}>{r.full_name}</Link>
        {r.full_name === current && <span className="badge">this repository</span>}
        {r.private && <span className="badge">Private</span>}
        {r.archived && <span className="badge attention">Archived</span>}
        <span className="muted small">
          {r.pushed_at ? <>pushed <time dateTime={r.pushed_at} title={formatDate(r.pushed_at)}>{timeAgo(r.pushed_at)}</time></> : 'never pushed'}
        </span>
      </div>
      {(node.forks.length > 0 || node.truncated) && (
        <ul>
          {node.forks.map((f) => <Node key={f.repository.full_name} node={f} current={current} />)}
          {node.truncated && <li className="muted small fork-node">More forks further down: open a fork to see its own.</li>}
        </ul>
      )}
    </li>
  );
}

/** Creates a fork, waits until it answers, and goes there. */
function ForkForm({ repo }: { repo: Repository }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const orgs = useApi<User[]>(user ? '/user/orgs' : null);
  const [owner, setOwner] = useState('');
  const [name, setName] = useState(repo.name);
  const [state, setState] = useState<{ busy?: string; error?: unknown }>({});
  if (!user) {
    return <p className="muted"><Link to="/login">Sign in</Link> to fork this repository.</p>;
  }
  const target = owner || user.login;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setState({ busy: 'Creating the fork' });
    try {
      const fork = await api<Repository>(`/repos/${repo.full_name}/forks`, {
        method: 'POST',
        body: { organization: owner || undefined, name: name.trim() && name.trim() !== repo.name ? name.trim() : undefined },
      });
      // 202: the fork may take a moment to become readable; wait for it, a little at most.
      setState({ busy: `Waiting for ${fork.full_name}` });
      for (let attempt = 0; attempt < 20; attempt++) {
        try {
          await api<Repository>(`/repos/${fork.full_name}`);
          break;
        } catch (error) {
          if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 409)) throw error;
          await new Promise((resolve) => window.setTimeout(resolve, 500));
        }
      }
      navigate(`/${fork.full_name}`);
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form className="fork-form" onSubmit={submit} aria-busy={!!state.busy}>
      <div className="field">
        <label htmlFor="fork-owner">Owner</label>
        <select id="fork-owner" value={owner} onChange={(e) => setOwner(e.target.value)} disabled={!!state.busy}>
          <option value="">{user.login}</option>
          {(orgs.data ?? []).map((o) => <option key={o.login} value={o.login}>{o.login}</option>)}
        </select>
      </div>
      <span className="fork-slash muted" aria-hidden="true">/</span>
      <div className="field">
        <label htmlFor="fork-name">Repository name</label>
        <input id="fork-name" value={name} onChange={(e) => setName(e.target.value)} disabled={!!state.busy} required />
      </div>
      <button type="submit" className="button primary" disabled={!!state.busy}>
        {state.busy ? <><span className="spinner" aria-hidden="true" />{state.busy}…</> : 'Fork'}
      </button>
      {target === repo.owner.login && !state.busy && name.trim() === repo.name && (
        <p className="hint muted small" style={{ flexBasis: '100%', margin: 0 }}>
          {repo.owner.login} already owns {repo.name}: choose another owner or name.
        </p>
      )}
      {!!state.error && <div style={{ flexBasis: '100%' }}><InlineError error={state.error} /></div>}
    </form>
  );
}

/** `/o/r/forks`: the network of forks as a tree, and a form to make one more. */
export default function Forks() {
  const { repo, base } = useRepo();
  const tree = useApi<ForkNode>(`${base}/forks/tree`);
  useTitle(`Forks · ${repo.full_name}`);

  return (
    <div className="history-page">
      <div className="page-header history-header"><h2 className="history-title">Forks</h2></div>
      <section className="box" aria-labelledby="fork-title">
        <div className="box-header"><h3 id="fork-title" className="section-title">Fork this repository</h3></div>
        <div className="box-body">
          <p className="muted" style={{ marginTop: 0 }}>A fork is your own copy, to change freely and propose changes back from.</p>
          <ForkForm repo={repo} />
        </div>
      </section>
      <section className="box" aria-labelledby="network-title">
        <div className="box-header"><h3 id="network-title" className="section-title">Network</h3></div>
        <div className="box-body">
          {tree.error ? <ErrorView error={tree.error} /> : !tree.data ? <Loading label="Loading forks" height={120} /> : (
            <>
              <ul className="fork-tree" data-testid="fork-tree">
                <Node node={tree.data} current={repo.full_name} root />
              </ul>
              {tree.data.forks.length === 0 && (
                <p className="muted small">No forks yet{tree.data.repository.full_name === repo.full_name ? '' : ' of this repository'}.</p>
              )}
            </>
          )}
        </div>
      </section>
    </div>
  );
}
