import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi, useTitle } from '../../lib/hooks';
import { formatDate } from '../../lib/format';
import type { Repository, User } from '../../lib/types';
import { Pager, RepoCard, RepoRow } from '../../components/RepoCard';
import { InlineError, Loading } from '../../components/Status';
import { CalendarIcon, CompanyIcon, LinkIcon, LocationIcon, MailIcon } from '../../components/Icons';
import { Heatmap } from './Heatmap';
import { PinsDialog } from './PinsDialog';

/** A URL for a profile's blog field, which people write with or without the scheme. */
export function blogHref(blog: string): string | null {
  const value = blog.trim();
  if (!value) return null;
  const url = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

export function joined(createdAt: string | undefined): string {
  if (!createdAt) return '';
  return `Joined ${new Date(createdAt).toLocaleDateString('en', { year: 'numeric', month: 'long', day: 'numeric' })}`;
}

function ProfileSidebar({ user, self }: { user: User; self: boolean }) {
  const blog = user.blog ? blogHref(user.blog) : null;
  return (
    <aside className="profile-sidebar">
      <img className="avatar profile-avatar" src={user.avatar_url || `/api/v3/users/${encodeURIComponent(user.login)}/avatar`}
        alt={`${user.login}’s avatar`} width={260} height={260} />
      <div className="profile-names">
        <h1>
          {user.name && <span className="profile-name">{user.name}</span>}
          <span className="profile-login">{user.login}</span>
        </h1>
      </div>
      {user.bio && <p className="profile-bio">{user.bio}</p>}
      {self && <Link className="button profile-edit" to="/settings/profile">Edit profile</Link>}
      <ul className="profile-details">
        {user.company && <li><span className="profile-icon"><CompanyIcon /></span><span className="visually-hidden">Company: </span>{user.company}</li>}
        {user.location && <li><span className="profile-icon"><LocationIcon /></span><span className="visually-hidden">Location: </span>{user.location}</li>}
        {user.blog && (
          <li><span className="profile-icon"><LinkIcon /></span><span className="visually-hidden">Website: </span>
            {blog ? <a href={blog} rel="nofollow noopener noreferrer" target="_blank">{user.blog}</a> : user.blog}
          </li>
        )}
        {user.email && (
          <li><span className="profile-icon"><MailIcon /></span><span className="visually-hidden">Email: </span>
            <a href={`mailto:${user.email}`}>{user.email}</a>
          </li>
        )}
        {user.created_at && (
          <li title={formatDate(user.created_at)}><span className="profile-icon"><CalendarIcon /></span>{joined(user.created_at)}</li>
        )}
      </ul>
    </aside>
  );
}

function Pinned({ login, self }: { login: string; self: boolean }) {
  const pinned = useApi<Repository[]>(`/users/${encodeURIComponent(login)}/pinned_repositories`);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Repository[] | null>(null);
  const repos = saved ?? pinned.data;

  if (pinned.error) return <InlineError error={pinned.error} />;
  if (!repos) return <Loading label="Loading pinned repositories" height={140} />;
  if (repos.length === 0 && !self) return null;
  return (
    <section className="profile-section" aria-labelledby="pinned-heading">
      <div className="section-header">
        <h2 id="pinned-heading">Pinned</h2>
        {self && <button type="button" className="link-button small" onClick={() => setEditing(true)}>Customize your pins</button>}
      </div>
      {repos.length === 0 ? (
        <div className="empty-state">
          <p>Pin up to six repositories to show the work you are proudest of first.</p>
          <button type="button" className="button" onClick={() => setEditing(true)}>Choose repositories</button>
        </div>
      ) : (
        <div className="repo-grid pinned-grid">
          {repos.map((r) => <RepoCard key={r.id} repo={r} showOwner={r.owner.login.toLowerCase() !== login.toLowerCase()} />)}
        </div>
      )}
      {editing && (
        <PinsDialog pinned={repos} onClose={() => setEditing(false)}
          onSaved={(list) => { setSaved(list); setEditing(false); }} />
      )}
    </section>
  );
}

const PER_PAGE = 30;

function pageOf(link: string): string | null {
  try {
    return new URL(link, 'http://localhost').searchParams.get('page');
  } catch {
    return null;
  }
}

function Repositories({ login }: { login: string }) {
  const [params, setParams] = useSearchParams();
  const page = params.get('page') ?? '1';
  const repos = useApi<Repository[]>(`/users/${encodeURIComponent(login)}/repos?per_page=${PER_PAGE}&page=${encodeURIComponent(page)}`);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => (repos.data ?? []).filter((r) => !needle
    || r.name.toLowerCase().includes(needle) || (r.description ?? '').toLowerCase().includes(needle)), [repos.data, needle]);

  return (
    <section aria-label="Repositories">
      <div className="list-toolbar">
        <input type="search" placeholder="Find a repository…" aria-label="Find a repository" value={filter}
          onChange={(e) => setFilter(e.target.value)} />
      </div>
      {repos.error && <InlineError error={repos.error} />}
      {!repos.data && !repos.error && <Loading label="Loading repositories" height={320} />}
      {repos.data && repos.data.length === 0 && (
        <div className="empty-state"><p>{login} does not have any repositories you can see yet.</p></div>
      )}
      {repos.data && repos.data.length > 0 && shown.length === 0 && (
        <p className="muted">No repository on this page matches “{filter.trim()}”.</p>
      )}
      <ul className="repo-list">{shown.map((r) => <RepoRow key={r.id} repo={r} />)}</ul>
      {repos.response && (
        <Pager links={repos.response.links} onPage={(url) => {
          const next = new URLSearchParams(params);
          next.set('page', pageOf(url) ?? '1');
          setParams(next);
          window.scrollTo(0, 0);
        }} />
      )}
    </section>
  );
}

/** A person's profile: who they are, what they pinned, a year of contributions and their repositories. */
export function UserProfile({ user, viewer }: { user: User; viewer: User | null; onChange?(): void }) {
  useTitle(user.name ? `${user.login} (${user.name})` : user.login);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'repositories' ? 'repositories' : 'overview';
  const self = viewer?.login.toLowerCase() === user.login.toLowerCase();
  const select = (next: 'overview' | 'repositories') => setParams(next === 'overview' ? {} : { tab: next });

  return (
    <div className="profile">
      <ProfileSidebar user={user} self={self} />
      <div className="profile-main">
        <nav className="tabs" aria-label="Profile">
          <Link to={`/${user.login}`} className={tab === 'overview' ? 'active' : undefined} aria-current={tab === 'overview' ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); select('overview'); }}>Overview</Link>
          <Link to={`/${user.login}?tab=repositories`} className={tab === 'repositories' ? 'active' : undefined}
            aria-current={tab === 'repositories' ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); select('repositories'); }}>
            Repositories{user.public_repos ? <> <span className="badge">{user.public_repos.toLocaleString('en')}</span></> : null}
          </Link>
        </nav>
        {tab === 'overview' ? (
          <>
            <Pinned login={user.login} self={self} />
            <Heatmap login={user.login} />
          </>
        ) : (
          <Repositories login={user.login} />
        )}
      </div>
    </div>
  );
}
