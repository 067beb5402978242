import { Link, Navigate, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import { useApi, useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import type { Repository } from '../../lib/types';
import { ErrorView, Loading } from '../../components/Status';
import { useContributions } from '../../plugins/contributions';
import { WatchButton } from '../../components/WatchButton';
import { StarButton } from '../../components/StarButton';
import './repo.css';

export interface RepoContext {
  repo: Repository;
  /** API path of the repository, e.g. /repos/alice/tools. */
  base: string;
  /** UI path of the repository, e.g. /alice/tools. */
  home: string;
  reload(): void;
}

/** The API path of a repository as the layout asks for it (the route's loader prefetches the same). */
export function repositoryPath(owner: string, name: string): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
}

/** The repository the page is in, loaded once by the layout for all its tabs. */
export function useRepo(): RepoContext {
  return useOutletContext<RepoContext>();
}

/** Every repository page: the name, badges and tabs, and the tab below. A private repository one may not see is a 404. */
export default function RepoLayout() {
  const { owner = '', repo: name = '' } = useParams();
  const { user } = useSession();
  const location = useLocation();
  const base = repositoryPath(owner, name);
  // Asked at once, beside GET /session: the request carries the session cookie either way.
  const repo = useApi<Repository>(base);

  const tabs = useContributions('repository_tab', user === undefined ? undefined : user !== null);
  useTitle(repo.data?.full_name);

  if (repo.error) return <ErrorView error={repo.error} />;
  if (!repo.data) return <Loading label="Loading repository" height={240} />;
  const r = repo.data;
  const home = `/${r.full_name}`;
  // A renamed or transferred repository: the API followed its 301, so the URL moves to the new name too.
  const asked = `/${owner}/${name}`;
  // Only an answer for this very URL tells of a rename: just after a navigation the data is still the last page's.
  if (!repo.loading && repo.loadedFor === base && r.full_name.toLowerCase() !== `${owner}/${name}`.toLowerCase() && location.pathname.startsWith(asked)) {
    return <Navigate to={home + location.pathname.slice(asked.length) + location.search + location.hash} replace />;
  }
  const context: RepoContext = { repo: r, base: `/repos/${r.full_name}`, home, reload: repo.reload };

  return (
    <div className="repo" data-repo={r.full_name}>
      <div className="repo-header">
        <h1 className="repo-title">
          <Link to={`/${r.owner.login}`}>{r.owner.login}</Link>
          <span className="muted"> / </span>
          <Link to={home} className="repo-name">{r.name}</Link>
        </h1>
        <span className="badge">{r.archived ? 'Public archive'.replace('Public', r.private ? 'Private' : 'Public') : r.visibility[0].toUpperCase() + r.visibility.slice(1)}</span>
        {r.is_template && <span className="badge">Template</span>}
        {user && <WatchButton fullName={r.full_name} count={r.subscribers_count} />}
        {user !== undefined && <StarButton fullName={r.full_name} count={r.stargazers_count} signedIn={user !== null} />}
        {r.fork && r.parent && (
          <div className="repo-fork-of muted small">
            forked from <Link to={`/${r.parent.full_name}`}>{r.parent.full_name}</Link>
          </div>
        )}
        {r.template_repository && (
          <div className="muted small">
            generated from <Link to={`/${r.template_repository.full_name}`}>{r.template_repository.full_name}</Link>
          </div>
        )}
      </div>
      {r.archived && (
        <p className="notice warning">This repository has been archived by the owner. It is now read-only.</p>
      )}
      <nav className="tabs" aria-label="Repository">
        <NavLink to={home} end
          className={({ isActive }) => (isActive || /^\/[^/]+\/[^/]+\/(tree|blob|blame)(\/|$)/.test(location.pathname) ? 'active' : undefined)}>
          Code
        </NavLink>
        <NavLink to={`${home}/commits`}>Commits</NavLink>
        <NavLink to={`${home}/branches`}>Branches</NavLink>
        <NavLink to={`${home}/tags`}>Tags</NavLink>
        <NavLink to={`${home}/pulls`}
          className={({ isActive }) => (isActive || /^\/[^/]+\/[^/]+\/pull\//.test(location.pathname) ? 'active' : undefined)}>
          Pull requests
        </NavLink>
        <NavLink to={`${home}/compare`}>Compare</NavLink>
        <NavLink to={`${home}/actions`}>Actions</NavLink>
        <NavLink to={`${home}/forks`}>Forks <span className="badge">{r.forks_count}</span></NavLink>
        {tabs.map((tab) => (
          <NavLink key={tab.id} to={`${home}/-/${tab.path}`} data-contribution={tab.id}>{tab.title}</NavLink>
        ))}
        {r.permissions?.admin && <NavLink to={`${home}/settings`}>Settings</NavLink>}
      </nav>
      <Outlet context={context} />
    </div>
  );
}
