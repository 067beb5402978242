import { Link, useParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { CopyButton, PersonAvatar, PersonName } from './CommitList';
import { DiffPlaceholder } from '../../components/Diff';
import { ErrorView } from '../../components/Status';
import { CommitStatus } from '../../components/CommitStatus';
import { CommitTags } from './CommitTags';
import { CommitImpact } from './CommitImpact';
import { VerificationBadge } from '../../components/VerificationBadge';
import { CommitDiscussion } from './CommitComments';
import { formatDate, plural, shortSha, summary, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import type { Commit as CommitJson } from '../../lib/types';
import './history.css';

/** `/o/r/commit/<sha>`: one commit's message, people, parents and changes. */
export default function Commit() {
  const { repo, base, home } = useRepo();
  const { sha = '' } = useParams();
  const commit = useApi<CommitJson>(`${base}/commits/${encodeURIComponent(sha)}`);
  const c = commit.data;
  useTitle(c ? `${summary(c.commit.message)} · ${repo.full_name}@${shortSha(c.sha)}` : `Commit ${shortSha(sha)}`);

  if (commit.error) return <ErrorView error={commit.error} />;
  if (!c) {
    return (
      <div className="commit-page" aria-busy="true">
        <div className="box commit-header commit-header-loading" />
        <DiffPlaceholder />
      </div>
    );
  }
  const title = summary(c.commit.message);
  const body = c.commit.message.slice(title.length).replace(/^\n+/, '').trimEnd();
  const author = c.commit.author;
  const committer = c.commit.committer;
  const sameCommitter = author.name === committer.name && author.email === committer.email;

  return (
    <div className="commit-page">
      <div className="box commit-header">
        <div className="commit-header-message">
          <div className="commit-header-title">
            <span className="commit-heading-line">
              <h1 className="commit-heading">{title || '(no message)'}</h1>
              <CommitStatus base={base} sha={c.sha} />
              <VerificationBadge verification={c.commit.verification} />
            </span>
            <Link to={`${home}/tree/${c.sha}`} className="button small">Browse files</Link>
          </div>
          {body && <pre className="commit-message-body">{body}</pre>}
          <CommitTags base={base} sha={c.sha} canWrite={Boolean(repo.permissions?.push)} />
        </div>
        <div className="commit-header-meta">
          <div className="commit-people">
            <span className="commit-person-line">
              <PersonAvatar user={c.author} person={author} size={20} />
              <PersonName user={c.author} person={author} />
              <span className="muted">authored</span>
              <time dateTime={author.date} title={formatDate(author.date)}>{timeAgo(author.date)}</time>
              <span className="muted small">({formatDate(author.date)})</span>
            </span>
            {!sameCommitter && (
              <span className="commit-person-line">
                <PersonAvatar user={c.committer} person={committer} size={20} />
                <PersonName user={c.committer} person={committer} />
                <span className="muted">committed</span>
                <time dateTime={committer.date} title={formatDate(committer.date)}>{timeAgo(committer.date)}</time>
                <span className="muted small">({formatDate(committer.date)})</span>
              </span>
            )}
          </div>
          <dl className="commit-ids">
            <div>
              <dt className="muted">{c.parents.length === 1 ? '1 parent' : plural(c.parents.length, 'parent')}</dt>
              <dd>
                {c.parents.length === 0 ? <span className="muted">none (root commit)</span>
                  : c.parents.map((p, i) => (
                    <span key={p.sha}>{i > 0 && ' + '}<Link to={`${home}/commit/${p.sha}`} className="mono">{shortSha(p.sha)}</Link></span>
                  ))}
              </dd>
            </div>
            <div>
              <dt className="muted">commit</dt>
              <dd><code className="commit-full-sha">{c.sha}</code> <CopyButton text={c.sha} label="Copy the full SHA" /></dd>
            </div>
          </dl>
        </div>
      </div>
      <CommitImpact base={base} home={home} sha={c.sha} />
      <CommitDiscussion base={base} home={home} commit={c} canWrite={Boolean(repo.permissions?.push)} />
    </div>
  );
}
