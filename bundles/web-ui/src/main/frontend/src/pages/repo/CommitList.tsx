import { useState } from 'react';
import { Link } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { CommitStatus } from '../../components/CommitStatus';
import { VerificationBadge } from '../../components/VerificationBadge';
import { formatDate, shortSha, summary, timeAgo } from '../../lib/format';
import type { Commit, GitUser, User } from '../../lib/types';
import { CheckIcon, CodeIcon, CopyIcon } from './icons';
import './history.css';

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label, children }: { text: string; label: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      /* no clipboard (insecure origin): the text stays selectable on the page */
    }
  };
  return (
    <button type="button" className="button small copy-button" onClick={copy} aria-label={copied ? 'Copied' : label} title={label}>
      {children}
      {copied ? <CheckIcon /> : <CopyIcon />}
    </button>
  );
}

/** The account behind a commit when the server knows it, else a letter for the name in the commit. */
export function PersonAvatar({ user, person, size = 20 }: { user: User | null; person: GitUser; size?: number }) {
  if (user) return <Avatar user={user} size={size} />;
  const letter = (person.name || person.email || '?').trim().charAt(0).toUpperCase() || '?';
  let hue = 0;
  for (const c of person.email || person.name) hue = (hue * 31 + c.charCodeAt(0)) % 360;
  return (
    <span className="letter-avatar" aria-hidden="true"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.55), backgroundColor: `hsl(${hue} 45% 55%)` }}>
      {letter}
    </span>
  );
}

export function PersonName({ user, person }: { user: User | null; person: GitUser }) {
  if (user) return <Link to={`/${user.login}`} className="commit-person">{user.login}</Link>;
  return <span className="commit-person" title={person.email}>{person.name || person.email}</span>;
}

/** "Commits on Nov 30, 2026" groups, in the order given (newest first from the API). */
export function groupByDay(commits: Commit[]): Array<{ day: string; commits: Commit[] }> {
  const groups: Array<{ day: string; commits: Commit[] }> = [];
  for (const commit of commits) {
    const day = new Date(commit.commit.author.date).toLocaleDateString('en', { dateStyle: 'medium' });
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.commits.push(commit);
    else groups.push({ day, commits: [commit] });
  }
  return groups;
}

/** One commit in a list: summary (and body on demand), author and time, sha and a link to its tree. */
export function CommitRow({ commit, home, base }: { commit: Commit; home: string; base?: string }) {
  const [expanded, setExpanded] = useState(false);
  const message = commit.commit.message;
  const title = summary(message);
  const body = message.slice(title.length).trim();
  const author = commit.commit.author;
  const committer = commit.commit.committer;
  return (
    <li className="commit-row box-row" data-sha={commit.sha}>
      <PersonAvatar user={commit.author} person={author} size={32} />
      <div className="commit-main">
        <div className="commit-title">
          <Link to={`${home}/commit/${commit.sha}`} className="commit-summary">{title || '(no message)'}</Link>
          {body && (
            <button type="button" className="ellipsis-button" aria-expanded={expanded} aria-label="Show the full message"
              onClick={() => setExpanded(!expanded)}>…</button>
          )}
          {base && <CommitStatus base={base} sha={commit.sha} />}
        </div>
        {expanded && <pre className="commit-body">{body}</pre>}
        <div className="commit-meta muted small">
          <PersonName user={commit.author} person={author} />
          {committer.name !== author.name && <> authored and <PersonName user={commit.committer} person={committer} /> committed</>}
          {' '}
          <time dateTime={committer.date} title={formatDate(committer.date)}>{timeAgo(committer.date)}</time>
        </div>
      </div>
      <div className="commit-actions">
        <VerificationBadge verification={commit.commit.verification} />
        <span className="sha-group">
          <Link to={`${home}/commit/${commit.sha}`} className="button small mono sha-link" aria-label={`Commit ${shortSha(commit.sha)}`}>
            {shortSha(commit.sha)}
          </Link>
          <CopyButton text={commit.sha} label="Copy the full SHA" />
        </span>
        <Link to={`${home}/tree/${commit.sha}`} className="button small browse-link" title="Browse the repository at this point in the history"
          aria-label={`Browse files at ${shortSha(commit.sha)}`}>
          <CodeIcon />
        </Link>
      </div>
    </li>
  );
}

/** Commits grouped by day, each group a box; with the repository's API `base`, each with its status icon. */
export function CommitList({ commits, home, base }: { commits: Commit[]; home: string; base?: string }) {
  return (
    <div className="commit-groups">
      {groupByDay(commits).map((group) => (
        <section key={group.day} className="commit-group">
          <h2 className="commit-day"><span className="commit-day-dot" aria-hidden="true" />Commits on {group.day}</h2>
          <ol className="box commit-list">
            {group.commits.map((commit) => <CommitRow key={commit.sha} commit={commit} home={home} base={base} />)}
          </ol>
        </section>
      ))}
    </div>
  );
}
