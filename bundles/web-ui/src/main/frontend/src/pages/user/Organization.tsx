import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../lib/api';
import { useApi, useTitle, type Loaded } from '../../lib/hooks';
import { plural } from '../../lib/format';
import type { Repository, User } from '../../lib/types';
import { Avatar } from '../../components/Avatar';
import { Pager, RepoCard, RepoRow } from '../../components/RepoCard';
import { ErrorView, InlineError, Loading } from '../../components/Status';
import { LinkIcon, LocationIcon, MailIcon } from '../../components/Icons';
import { blogHref } from './UserProfile';

interface Org extends User {
  description?: string | null;
}

interface Team {
  id: number;
  name: string;
  slug: string;
  description?: string | null;
  privacy?: 'closed' | 'secret';
  members_count?: number;
  repos_count?: number;
}

type Tab = 'repositories' | 'members' | 'teams';

export const REPO_TYPES = [
  { value: 'all', label: 'All' },
  { value: 'public', label: 'Public' },
  { value: 'private', label: 'Private' },
  { value: 'sources', label: 'Sources' },
  { value: 'forks', label: 'Forks' },
  { value: 'archived', label: 'Archived' },
] as const;

export const REPO_SORTS = [
  { value: 'updated', label: 'Last updated' },
  { value: 'pushed', label: 'Last pushed' },
  { value: 'name', label: 'Name' },
  { value: 'created', label: 'Newest' },
] as const;

/** Filters and orders a page of repositories as the type and sort selects say. */
export function arrange(repos: Repository[], filter: string, type: string, sort: string): Repository[] {
  const needle = filter.trim().toLowerCase();
  const kept = repos.filter((r) => {
    if (needle && !r.name.toLowerCase().includes(needle) && !(r.description ?? '').toLowerCase().includes(needle)) return false;
    switch (type) {
      case 'public': return !r.private;
      case 'private': return r.private;
      case 'sources': return !r.fork;
      case 'forks': return r.fork;
      case 'archived': return r.archived;
      default: return true;
    }
  });
  const key = (r: Repository) => (sort === 'pushed' ? r.pushed_at ?? '' : sort === 'created' ? r.created_at : r.updated_at);
  return kept.sort(sort === 'name' ? (a, b) => a.name.localeCompare(b.name) : (a, b) => key(b).localeCompare(key(a)));
}

function pageOf(link: string): string | null {
  try {
    return new URL(link, 'http://localhost').searchParams.get('page');
  } catch {
    return null;
  }
}

function OrgRepositories({ org }: { org: string }) {
  const [params, setParams] = useSearchParams();
  const page = params.get('page') ?? '1';
  const repos = useApi<Repository[]>(`/orgs/${encodeURIComponent(org)}/repos?per_page=100&page=${encodeURIComponent(page)}`);
  const pinned = useApi<Repository[]>(`/orgs/${encodeURIComponent(org)}/pinned_repositories`);
  const [filter, setFilter] = useState('');
  const [type, setType] = useState('all');
  const [sort, setSort] = useState('updated');
  const shown = useMemo(() => arrange([...(repos.data ?? [])], filter, type, sort), [repos.data, filter, type, sort]);

  return (
    <>
      {pinned.data && pinned.data.length > 0 && page === '1' && (
        <section className="profile-section" aria-labelledby="org-pinned">
          <h2 id="org-pinned" className="section-title">Pinned</h2>
          <div className="repo-grid pinned-grid">
            {pinned.data.map((r) => <RepoCard key={r.id} repo={r} showOwner={r.owner.login.toLowerCase() !== org.toLowerCase()} />)}
          </div>
        </section>
      )}
      <section aria-label="Repositories">
        <div className="list-toolbar">
          <input type="search" placeholder="Find a repository…" aria-label="Find a repository" value={filter}
            onChange={(e) => setFilter(e.target.value)} />
          <label>
            <span className="visually-hidden">Type</span>
            <select value={type} onChange={(e) => setType(e.target.value)} aria-label="Type">
              {REPO_TYPES.map((t) => <option key={t.value} value={t.value}>Type: {t.label}</option>)}
            </select>
          </label>
          <label>
            <span className="visually-hidden">Sort</span>
            <select value={sort} onChange={(e) => setSort(e.target.value)} aria-label="Sort">
              {REPO_SORTS.map((s) => <option key={s.value} value={s.value}>Sort: {s.label}</option>)}
            </select>
          </label>
        </div>
        {repos.error && <InlineError error={repos.error} />}
        {!repos.data && !repos.error && <Loading label="Loading repositories" height={320} />}
        {repos.data && repos.data.length === 0 && (
          <div className="empty-state">
            <h3>No repositories yet</h3>
            <p>This organisation has no repositories you can see.</p>
          </div>
        )}
        {repos.data && repos.data.length > 0 && shown.length === 0 && (
          <p className="muted">No repository matches these filters.</p>
        )}
        <ul className="repo-list">{shown.map((r) => <RepoRow key={r.id} repo={r} />)}</ul>
        {repos.response && (
          <Pager links={repos.response.links} onPage={(url) => {
            const next = new URLSearchParams(params);
            next.set('page', pageOf(url) ?? '1');
            setParams(next);
          }} />
        )}
      </section>
    </>
  );
}

function Members({ org, members }: { org: string; members: Loaded<User[]> }) {
  if (members.error) return <InlineError error={members.error} />;
  if (!members.data) return <Loading label="Loading members" height={200} />;
  if (members.data.length === 0) {
    return (
      <div className="empty-state">
        <h3>No public members</h3>
        <p>Members of {org} choose whether their membership shows to everyone.</p>
      </div>
    );
  }
  return (
    <ul className="member-list" aria-label="Members">
      {members.data.map((m) => (
        <li key={m.login} className="member">
          <Avatar user={m} size={48} />
          <div className="member-names">
            <Link to={`/${m.login}`} className="member-login">{m.login}</Link>
            {m.name && <span className="muted small">{m.name}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Teams({ teams }: { teams: Team[] }) {
  if (teams.length === 0) {
    return <div className="empty-state"><h3>No teams</h3><p>Teams group members to give them access to repositories together.</p></div>;
  }
  return (
    <ul className="box team-list" aria-label="Teams">
      {teams.map((t) => (
        <li key={t.id} className="box-row team">
          <div className="team-main">
            <strong>{t.name}</strong>
            {t.privacy === 'secret' && <span className="badge">Secret</span>}
            {t.description && <div className="muted small">{t.description}</div>}
          </div>
          {t.members_count !== undefined && <span className="muted small nowrap">{plural(t.members_count, 'member')}</span>}
          {t.repos_count !== undefined && <span className="muted small nowrap">{plural(t.repos_count, 'repository', 'repositories')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** An organisation's page: its repositories (pinned first), its members and, for those who may see them, its teams. */
export function Organization({ login }: { login: string }) {
  const org = useApi<Org>(`/orgs/${encodeURIComponent(login)}`);
  const members = useApi<User[]>(`/orgs/${encodeURIComponent(login)}/members?per_page=100`);
  const teams = useApi<Team[]>(`/orgs/${encodeURIComponent(login)}/teams?per_page=100`);
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const teamsVisible = !!teams.data;
  const tab: Tab = requested === 'members' || (requested === 'teams' && teamsVisible) ? requested : 'repositories';
  useTitle(org.data?.name || login);

  if (org.error) return <ErrorView error={org.error} />;
  if (!org.data) return <Loading label="Loading organisation" height={400} />;
  const o = org.data;
  const blog = o.blog ? blogHref(o.blog) : null;
  const select = (next: Tab) => setParams(next === 'repositories' ? {} : { tab: next });
  const tabLink = (value: Tab, label: string, count?: number) => (
    <Link to={value === 'repositories' ? `/${o.login}` : `/${o.login}?tab=${value}`} className={tab === value ? 'active' : undefined}
      aria-current={tab === value ? 'page' : undefined} onClick={(e) => { e.preventDefault(); select(value); }}>
      {label}{count !== undefined && <> <span className="badge">{count}</span></>}
    </Link>
  );
  // A team list one may not read (403) or that the server does not have (404) just hides the tab.
  const teamsError = teams.error && !(teams.error instanceof ApiError && [401, 403, 404].includes(teams.error.status));

  return (
    <div className="org">
      <header className="org-header">
        <img className="avatar org-avatar" src={o.avatar_url} alt="" width={100} height={100} />
        <div className="org-info">
          <h1>{o.name || o.login}</h1>
          {o.description && <p className="org-description">{o.description}</p>}
          <ul className="org-details muted small">
            {o.name && <li>@{o.login}</li>}
            {o.location && <li><LocationIcon size={14} /> {o.location}</li>}
            {o.blog && <li><LinkIcon size={14} /> {blog ? <a href={blog} rel="nofollow noopener noreferrer" target="_blank">{o.blog}</a> : o.blog}</li>}
            {o.email && <li><MailIcon size={14} /> <a href={`mailto:${o.email}`}>{o.email}</a></li>}
          </ul>
        </div>
      </header>
      <nav className="tabs" aria-label="Organisation">
        {tabLink('repositories', 'Repositories')}
        {tabLink('members', 'Members', members.data?.length)}
        {teamsVisible && tabLink('teams', 'Teams', teams.data?.length)}
      </nav>
      {teamsError ? <InlineError error={teams.error} /> : null}
      {tab === 'repositories' && <OrgRepositories org={o.login} />}
      {tab === 'members' && <Members org={o.login} members={members} />}
      {tab === 'teams' && teams.data && <Teams teams={teams.data} />}
    </div>
  );
}
