import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../lib/api';
import { useApi, useTitle } from '../lib/hooks';
import { useSession } from '../lib/session';
import type { Repository, User } from '../lib/types';
import { ActivityFeed } from '../components/ActivityFeed';
import { Avatar } from '../components/Avatar';
import { RepoCard } from '../components/RepoCard';
import { RepoIcon } from '../components/Icons';
import { InlineError, Loading } from '../components/Status';
import './dashboard.css';

/** `/`: the signed-in user's repositories and the activity of what they watch; a landing page for visitors. */
export default function Dashboard() {
  const { user } = useSession();
  if (user === undefined) return <Loading height={400} />;
  if (user === null) return <Landing />;
  return <SignedInDashboard user={user} />;
}

const SHOWN = 8;

/** The newest push (or change) first, as GitHub's sort=pushed. */
export function byRecentPush(a: Repository, b: Repository): number {
  const when = (r: Repository) => r.pushed_at ?? r.updated_at ?? '';
  return when(b).localeCompare(when(a));
}

function YourRepositories() {
  const repos = useApi<Repository[]>('/user/repos?sort=pushed&per_page=100');
  const [filter, setFilter] = useState('');
  const [all, setAll] = useState(false);
  const sorted = useMemo(() => [...(repos.data ?? [])].sort(byRecentPush), [repos.data]);
  const needle = filter.trim().toLowerCase();
  const matching = needle ? sorted.filter((r) => r.full_name.toLowerCase().includes(needle)) : sorted;
  const shown = all || needle ? matching : matching.slice(0, SHOWN);

  return (
    <section className="dashboard-repos" aria-labelledby="your-repositories">
      <div className="dashboard-repos-header">
        <h2 id="your-repositories">Your repositories</h2>
        <Link className="button small primary" to="/new"><RepoIcon size={14} /> New</Link>
      </div>
      <input type="search" className="dashboard-filter" placeholder="Find a repository…" aria-label="Find a repository"
        value={filter} onChange={(e) => setFilter(e.target.value)} />
      {repos.loading && !repos.data && <Loading height={160} />}
      {repos.error && <InlineError error={repos.error} />}
      {repos.data && sorted.length === 0 && (
        <p className="muted small">You have no repositories yet. <Link to="/new">Create your first one</Link>.</p>
      )}
      {repos.data && sorted.length > 0 && matching.length === 0 && (
        <p className="muted small">No repository matches “{filter.trim()}”.</p>
      )}
      <ul className="dashboard-repo-list">
        {shown.map((r) => (
          <li key={r.id}>
            <Avatar user={r.owner} size={16} />
            <Link to={`/${r.full_name}`} className="truncate">{r.full_name}</Link>
            {r.private && <span className="badge">Private</span>}
          </li>
        ))}
      </ul>
      {!all && !needle && matching.length > SHOWN && (
        <button type="button" className="link-button small" onClick={() => setAll(true)}>Show more</button>
      )}
    </section>
  );
}

function SignedInDashboard({ user }: { user: User }) {
  useTitle('Dashboard');
  const pinned = useApi<Repository[]>(`/users/${encodeURIComponent(user.login)}/pinned_repositories`);
  return (
    <div className="dashboard">
      <aside className="dashboard-side">
        <YourRepositories />
      </aside>
      <div className="dashboard-main">
        {pinned.data && pinned.data.length > 0 && (
          <section aria-labelledby="pinned" className="dashboard-section">
            <div className="section-header">
              <h2 id="pinned">Pinned</h2>
              <Link className="small" to={`/${user.login}`}>Customize on your profile</Link>
            </div>
            <div className="repo-grid">
              {pinned.data.map((r) => <RepoCard key={r.id} repo={r} />)}
            </div>
          </section>
        )}
        <section aria-labelledby="activity" className="dashboard-section">
          <div className="section-header">
            <h2 id="activity">Recent activity</h2>
          </div>
          <ActivityFeed path={`/users/${encodeURIComponent(user.login)}/received_events?per_page=30`} empty={(
            <div className="empty-state">
              <h3>Nothing to show yet</h3>
              <p>
                This feed shows pushes, new branches and tags, and forks in the repositories you watch. Open a
                repository and press <strong>Watch</strong> in its header to follow it here.
              </p>
              <p><Link to="/explore">Explore repositories</Link></p>
            </div>
          )} />
        </section>
      </div>
    </div>
  );
}

interface SearchResult {
  total_count: number;
  incomplete_results: boolean;
  items: Repository[];
}

/** The recently changed public repositories: from search when the server has it, else from the full listing. */
function useRecentPublic(count: number) {
  const [state, setState] = useState<{ repos?: Repository[]; error?: unknown }>({});
  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    api<SearchResult>(`/search/repositories?q=${encodeURIComponent('is:public')}&sort=updated&order=desc&per_page=${count}`, { signal })
      .then((result) => result.items)
      .catch((e) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 422)) {
          return api<Repository[]>('/repositories?per_page=100', { signal }).then((all) =>
            all.filter((r) => !r.private).sort(byRecentPush).slice(0, count));
        }
        throw e;
      })
      .then((repos) => setState({ repos }))
      .catch((error) => {
        if (error.name !== 'AbortError') setState({ error });
      });
    return () => controller.abort();
  }, [count]);
  return state;
}

function Landing() {
  useTitle('Welcome');
  const recent = useRecentPublic(8);
  return (
    <div className="landing">
      <section className="landing-hero">
        <h1>Your code, hosted by you</h1>
        <p className="landing-lead">
          Codara keeps your Git repositories, their history and the people who work on them on your own server.
          Browse what is public, or sign in to push, watch and collaborate.
        </p>
        <div className="actions">
          <Link className="button primary" to="/login">Sign in</Link>
          <Link className="button" to="/signup">Create an account</Link>
          <Link className="button" to="/explore">Explore repositories</Link>
        </div>
      </section>
      <section aria-labelledby="recent-public" className="dashboard-section">
        <div className="section-header">
          <h2 id="recent-public">Recently updated public repositories</h2>
          <Link className="small" to="/explore">See all</Link>
        </div>
        {!recent.repos && !recent.error && <Loading height={240} />}
        {recent.error ? <InlineError error={recent.error} /> : null}
        {recent.repos && recent.repos.length === 0 && (
          <div className="empty-state"><p>There are no public repositories yet.</p></div>
        )}
        {recent.repos && recent.repos.length > 0 && (
          <div className="repo-grid">{recent.repos.map((r) => <RepoCard key={r.id} repo={r} />)}</div>
        )}
      </section>
    </div>
  );
}
