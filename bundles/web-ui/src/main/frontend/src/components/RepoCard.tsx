import { Link } from 'react-router';
import { timeAgo, formatDate, plural } from '../lib/format';
import type { Repository } from '../lib/types';
import { ForkIcon, RepoIcon, StarIcon } from './Icons';
import './repo-card.css';

// A few well-known languages' colours (GitHub linguist's); any other language gets a neutral dot.
const LANGUAGE_COLOURS: Record<string, string> = {
  Java: '#b07219', JavaScript: '#f1e05a', TypeScript: '#3178c6', Python: '#3572A5', Go: '#00ADD8', Rust: '#dea584',
  C: '#555555', 'C++': '#f34b7d', 'C#': '#178600', Ruby: '#701516', PHP: '#4F5D95', Kotlin: '#A97BFF', Swift: '#F05138',
  Shell: '#89e051', HTML: '#e34c26', CSS: '#663399', Markdown: '#083fa1', Scala: '#c22d40', Dart: '#00B4AB',
  Haskell: '#5e5086', Lua: '#000080', Perl: '#0298c3', Groovy: '#4298b8', Dockerfile: '#384d54', Makefile: '#427819',
  Vue: '#41b883', Elixir: '#6e4a7e', Clojure: '#db5855', 'Objective-C': '#438eff', R: '#198CE7', SQL: '#e38c00',
};

export function LanguageDot({ language }: { language: string }) {
  return (
    <span className="repo-language">
      <span className="language-dot" aria-hidden="true" style={{ background: LANGUAGE_COLOURS[language] ?? 'var(--fg-muted)' }} />
      {language}
    </span>
  );
}

export function VisibilityBadge({ repo }: { repo: Repository }) {
  if (repo.visibility === 'public' && !repo.archived && !repo.is_template) return null;
  const visibility = repo.visibility[0].toUpperCase() + repo.visibility.slice(1);
  return (
    <span className="badge">
      {repo.archived ? `${visibility} archive` : repo.is_template ? `${visibility} template` : visibility}
    </span>
  );
}

/** Language, forks and when it last changed: the line under a repository's name. */
export function RepoMeta({ repo, updated = true }: { repo: Repository; updated?: boolean }) {
  const when = repo.pushed_at && repo.pushed_at > repo.updated_at ? repo.pushed_at : repo.updated_at;
  return (
    <div className="repo-meta muted small">
      {repo.language && <LanguageDot language={repo.language} />}
      {(repo.stargazers_count ?? 0) > 0 && (
        <span aria-label={plural(repo.stargazers_count ?? 0, 'star')}><StarIcon size={14} /> {(repo.stargazers_count ?? 0).toLocaleString('en')}</span>
      )}
      {repo.forks_count > 0 && (
        <Link className="muted" to={`/${repo.full_name}/forks`} aria-label={plural(repo.forks_count, 'fork')}>
          <ForkIcon size={14} /> {repo.forks_count.toLocaleString('en')}
        </Link>
      )}
      {updated && when && <span title={formatDate(when)}>Updated {timeAgo(when)}</span>}
    </div>
  );
}

export function Topics({ topics }: { topics?: string[] }) {
  if (!topics?.length) return null;
  return (
    <div className="repo-topics">
      {topics.map((topic) => <Link key={topic} className="topic" to={`/search?q=${encodeURIComponent(`topic:${topic}`)}`}>{topic}</Link>)}
    </div>
  );
}

/** A repository as a card (pinned repositories, explore). */
export function RepoCard({ repo, showOwner = true }: { repo: Repository; showOwner?: boolean }) {
  return (
    <article className="repo-card box" data-repo={repo.full_name}>
      <div className="repo-card-title">
        <span className="repo-icon"><RepoIcon /></span>
        <Link to={`/${repo.full_name}`} className="repo-card-name">
          {showOwner ? <><span className="repo-owner">{repo.owner.login} /</span> {repo.name}</> : repo.name}
        </Link>
        <VisibilityBadge repo={repo} />
      </div>
      {repo.fork && repo.parent && (
        <div className="muted small">Forked from <Link className="muted" to={`/${repo.parent.full_name}`}>{repo.parent.full_name}</Link></div>
      )}
      <p className={repo.description ? 'repo-description' : 'repo-description muted'}>
        {repo.description || 'No description'}
      </p>
      <Topics topics={repo.topics} />
      <RepoMeta repo={repo} />
    </article>
  );
}

/** A repository as a row of a list (a profile's or an organisation's repositories, search results). */
export function RepoRow({ repo, showOwner = false }: { repo: Repository; showOwner?: boolean }) {
  return (
    <li className="repo-row" data-repo={repo.full_name}>
      <div className="repo-row-title">
        <h3>
          <Link to={`/${repo.full_name}`} data-result>{showOwner ? repo.full_name : repo.name}</Link>
        </h3>
        <VisibilityBadge repo={repo} />
      </div>
      {repo.fork && repo.parent && (
        <div className="muted small">Forked from <Link className="muted" to={`/${repo.parent.full_name}`}>{repo.parent.full_name}</Link></div>
      )}
      {repo.description && <p className="repo-description">{repo.description}</p>}
      <Topics topics={repo.topics} />
      <RepoMeta repo={repo} />
    </li>
  );
}

/** Previous / next links from the Link header of a paged list; nothing when there is one page. */
export function Pager({ links, onPage, label = 'Pages' }: { links: Record<string, string>; onPage(url: string): void; label?: string }) {
  if (!links.prev && !links.next) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button" disabled={!links.prev} onClick={() => links.prev && onPage(links.prev)}>‹ Previous</button>
      <button type="button" className="button" disabled={!links.next} onClick={() => links.next && onPage(links.next)}>Next ›</button>
    </nav>
  );
}
