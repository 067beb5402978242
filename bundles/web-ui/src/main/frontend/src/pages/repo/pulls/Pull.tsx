import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { useRepo } from '../RepoLayout';
import { CommitList } from '../CommitList';
import { PullStateBadge } from './PullIcon';
import { LabelBadge } from './Labels';
import { MergeBox } from './MergeBox';
import { CommentCard, CommentForm, ReactionBar, ThreadView } from './Comments';
import { Avatar } from '../../../components/Avatar';
import { Diff, DiffPlaceholder, type DiffSide, type LineDecor } from '../../../components/Diff';
import { ErrorView, InlineError, Loading } from '../../../components/Status';
import { api, ApiError, apiResponse, encodePath } from '../../../lib/api';
import { formatDate, plural, timeAgo } from '../../../lib/format';
import { useApi, useTitle } from '../../../lib/hooks';
import type { MarkdownContext } from '../../../lib/markdown';
import {
  lineKey, reviewDecisions, threadsByLine, threadsOf, timeline,
  type IssueComment, type PullRequest, type Review, type ReviewComment, type Thread,
} from '../../../lib/pulls';
import { useSession } from '../../../lib/session';
import type { Commit, CommitFile, User } from '../../../lib/types';
import './pulls.css';

/** How often a pull request is asked again while its mergeability is still being computed. */
const MERGEABILITY_POLL_MS = 2000;

/** All pages of a list (pull request files and review comments are paged at 100), up to a limit. */
async function allPages<T>(path: string, limit = 3000): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
  while (next && items.length < limit) {
    const response: Awaited<ReturnType<typeof apiResponse<T[]>>> = await apiResponse<T[]>(next);
    items.push(...response.data);
    next = response.links.next;
  }
  return items;
}

/** A list that loads every page, reloadable after a write. */
function useAll<T>(path: string | null): { data: T[] | undefined; error: unknown; reload(): void } {
  const [state, setState] = useState<{ data?: T[]; error?: unknown }>({});
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    allPages<T>(path).then((data) => live && setState({ data }), (error) => live && setState({ error }));
    return () => {
      live = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, reload };
}

/** A comment written on a diff line and kept until the review it belongs to is submitted. */
export interface DraftComment {
  path: string;
  line: number;
  side: DiffSide;
  body: string;
}

interface PullContext {
  pull: PullRequest;
  base: string;
  home: string;
  me: User | null;
  canWrite: boolean;
  isAuthor: boolean;
  markdown: MarkdownContext;
  threads: Thread[];
  reload(): void;
}

/** `/o/r/pull/:number` and its `commits` and `files` tabs. */
export default function Pull() {
  const { repo, base, home } = useRepo();
  const { number = '', tab = '' } = useParams();
  const { user } = useSession();
  const pull = useApi<PullRequest>(`${base}/pulls/${number}`);
  const comments = useAll<ReviewComment>(pull.data ? `${base}/pulls/${number}/comments` : null);
  useTitle(pull.data ? `${pull.data.title} · Pull Request #${number} · ${repo.full_name}` : `Pull request #${number}`);

  // Mergeability is computed in the background after each push: ask again until it is known.
  const { reload } = pull;
  const computing = pull.data?.state === 'open' && (pull.data.mergeable === null || pull.data.mergeable === undefined);
  useEffect(() => {
    if (!computing) return;
    const timer = setInterval(reload, MERGEABILITY_POLL_MS);
    return () => clearInterval(timer);
  }, [computing, reload]);

  const reloadAll = useCallback(() => {
    reload();
    comments.reload();
  }, [reload, comments.reload]);
  const threads = useMemo(() => threadsOf(comments.data ?? []), [comments.data]);

  if (pull.error) return <ErrorView error={pull.error} />;
  if (!pull.data) return <Loading label="Loading pull request" height={240} />;
  const p = pull.data;
  const me = user ?? null;
  const canWrite = Boolean(repo.permissions?.push);
  const isAuthor = Boolean(me && p.user && me.login === p.user.login);
  const context: PullContext = {
    pull: p, base, home, me, canWrite, isAuthor, threads, reload: reloadAll,
    markdown: { base, home, ref: p.head.sha, dir: '' },
  };
  const link = `${home}/pull/${p.number}`;

  return (
    <div className="pull-page" data-number={p.number}>
      <PullHeader context={context} />
      <nav className="tabs pull-tabs" aria-label="Pull request">
        <NavLink to={link} end>Conversation</NavLink>
        <NavLink to={`${link}/commits`}>Commits{p.commits !== undefined && <span className="badge">{p.commits}</span>}</NavLink>
        <NavLink to={`${link}/files`}>Files changed{p.changed_files !== undefined && <span className="badge">{p.changed_files}</span>}</NavLink>
      </nav>
      {tab === '' ? <Conversation context={context} repo={repo} />
        : tab === 'commits' ? <PullCommits context={context} />
          : tab === 'files' ? <FilesChanged context={context} />
            : <ErrorView error={new ApiError(404, 'Not found')} />}
    </div>
  );
}

function PullHeader({ context }: { context: PullContext }) {
  const { pull: p, base, canWrite, isAuthor, reload, home } = context;
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(p.title);
  const [error, setError] = useState<unknown>();
  const save = async (body: Record<string, unknown>) => {
    setError(undefined);
    try {
      await api(`${base}/pulls/${p.number}`, { method: 'PATCH', body });
      setEditing(false);
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const headLink = p.head.repo ? `/${p.head.repo.full_name}/tree/${encodePath(p.head.ref)}` : undefined;
  return (
    <div className="pull-header">
      {editing ? (
        <form className="pull-title-form" onSubmit={(e) => { e.preventDefault(); void save({ title }); }}>
          <input type="text" aria-label="Title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
          <button type="submit" className="button">Save</button>
          <button type="button" className="button link" onClick={() => setEditing(false)}>Cancel</button>
        </form>
      ) : (
        <h2 className="pull-title-line">
          <span data-testid="pull-title">{p.title}</span> <span className="muted">#{p.number}</span>
          {(canWrite || isAuthor) && <button type="button" className="button small" onClick={() => { setTitle(p.title); setEditing(true); }}>Edit</button>}
        </h2>
      )}
      <div className="pull-subtitle">
        <PullStateBadge pull={p} />
        <span>
          <strong>{p.user?.login ?? 'ghost'}</strong>{' '}
          {p.merged_at ? 'merged' : 'wants to merge'} {p.commits !== undefined && plural(p.commits, 'commit')} into{' '}
          <Link to={`${home}/tree/${encodePath(p.base.ref)}`} className="mono-pill">{p.base.ref}</Link> from{' '}
          {headLink ? <Link to={headLink} className="mono-pill">{p.head.label}</Link> : <span className="mono-pill">{p.head.label}</span>}
        </span>
        {(canWrite || isAuthor) && p.state === 'open' && p.draft && (
          <button type="button" className="button small" onClick={() => save({ draft: false })}>Ready for review</button>
        )}
      </div>
      <InlineError error={error} />
    </div>
  );
}

function Sidebar({ context, reviews }: { context: PullContext; reviews: Review[] }) {
  const { pull: p } = context;
  const decisions = reviewDecisions(reviews);
  const reviewers = new Map<string, { user: User; state?: string }>();
  for (const r of p.requested_reviewers) reviewers.set(r.login, { user: r, state: 'requested' });
  for (const [login, review] of decisions) if (review.user) reviewers.set(login, { user: review.user, state: review.state });
  return (
    <aside className="pull-sidebar">
      <section aria-label="Reviewers" data-testid="reviewers">
        <h3>Reviewers</h3>
        {reviewers.size === 0 ? <p className="muted small">No reviews</p> : (
          <ul>
            {[...reviewers.values()].map(({ user, state }) => (
              <li key={user.login} data-reviewer={user.login} data-state={state}>
                <Avatar user={user} size={20} /> {user.login}
                <span className={`review-state ${state}`}>{state === 'APPROVED' ? '✓ approved' : state === 'CHANGES_REQUESTED' ? '± changes requested'
                  : state === 'DISMISSED' ? 'dismissed' : 'pending'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ForecastSection context={context} />
      <section aria-label="Assignees">
        <h3>Assignees</h3>
        {(p.assignees ?? []).length === 0 ? <p className="muted small">No one assigned</p>
          : <ul>{p.assignees!.map((a) => <li key={a.login}><Avatar user={a} size={20} /> {a.login}</li>)}</ul>}
      </section>
      <section aria-label="Labels">
        <h3>Labels</h3>
        {p.labels.length === 0 ? <p className="muted small">None yet</p>
          : <p className="label-list">{p.labels.map((l) => <LabelBadge key={l.id ?? l.name} label={l} />)}</p>}
      </section>
    </aside>
  );
}

interface Forecast {
  computed_at: string | null;
  pending: boolean;
  conflicts: Array<{ number: number; title: string; paths: string[] }>;
}

/** The other open pull requests this one would conflict with if either merged first (computed in the background). */
function ForecastSection({ context }: { context: PullContext }) {
  const { pull: p, base, home } = context;
  const forecast = useApi<Forecast>(p.state === 'open' ? `${base}/pulls/${p.number}/conflicts` : null);
  const { reload } = forecast;
  const pending = forecast.data?.pending;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(reload, MERGEABILITY_POLL_MS * 2);
    return () => clearInterval(timer);
  }, [pending, reload]);
  if (p.state !== 'open' || forecast.error || !forecast.data) return null;
  const f = forecast.data;
  return (
    <section aria-label="Conflict forecast" data-testid="conflict-forecast">
      <h3>Conflict forecast</h3>
      {f.conflicts.length === 0 ? (
        <p className="muted small">{f.computed_at ? 'No conflicts with other open pull requests.' : 'Not computed yet.'}</p>
      ) : (
        <ul>
          {f.conflicts.map((c) => (
            <li key={c.number} className="forecast-item">
              <span>
                Conflicts with <Link to={`${home}/pull/${c.number}`}>#{c.number}</Link> in{' '}
                <span className="mono small">{c.paths.slice(0, 3).join(', ')}{c.paths.length > 3 ? ` and ${c.paths.length - 3} more` : ''}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {f.pending && <p className="muted small">Updating…</p>}
    </section>
  );
}

const REVIEW_TEXT: Record<string, string> = {
  APPROVED: 'approved these changes',
  CHANGES_REQUESTED: 'requested changes',
  COMMENTED: 'reviewed',
  DISMISSED: 'reviewed (dismissed)',
};

function Conversation({ context, repo }: { context: PullContext; repo: Parameters<typeof MergeBox>[0]['repo'] }) {
  const { pull: p, base, me, canWrite, isAuthor, markdown, threads, reload } = context;
  const issueComments = useAll<IssueComment>(`${base}/issues/${p.number}/comments`);
  const reviews = useAll<Review>(`${base}/pulls/${p.number}/reviews`);
  const [error, setError] = useState<unknown>();
  const refresh = () => {
    issueComments.reload();
    reviews.reload();
    reload();
  };
  const items = timeline(issueComments.data ?? [], reviews.data ?? [], threads);
  const setState = async (state: 'open' | 'closed') => {
    setError(undefined);
    try {
      await api(`${base}/pulls/${p.number}`, { method: 'PATCH', body: { state } });
      refresh();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="pull-conversation">
      <div className="pull-timeline">
        <CommentCard user={p.user} createdAt={p.created_at} body={p.body ?? ''} context={markdown} testId="pull-body">
          <ReactionBar reactions={p.reactions} path={`${base}/issues/${p.number}/reactions`} signedIn={Boolean(me)} onChange={reload} />
        </CommentCard>
        {items.map((item) => item.kind === 'comment' ? (
          <CommentCard key={`c${item.comment.id}`} user={item.comment.user} createdAt={item.comment.created_at}
            body={item.comment.body} context={markdown} testId="issue-comment"
            actions={me && me.login === item.comment.user?.login ? (
              <button type="button" className="button small link danger"
                onClick={() => api(`${base}/issues/comments/${item.comment.id}`, { method: 'DELETE' }).then(refresh, setError)}>Delete</button>
            ) : null}>
            <ReactionBar reactions={item.comment.reactions} path={`${base}/issues/comments/${item.comment.id}/reactions`}
              signedIn={Boolean(me)} onChange={issueComments.reload} />
          </CommentCard>
        ) : (
          <div key={`r${item.review.id}`} className={`timeline-review ${item.review.state.toLowerCase()}`} data-testid="review" data-state={item.review.state}>
            <div className="timeline-event">
              {item.review.user && <Avatar user={item.review.user} size={20} />}
              <strong>{item.review.user?.login ?? 'ghost'}</strong> {REVIEW_TEXT[item.review.state] ?? 'reviewed'}{' '}
              <span className="muted small" title={formatDate(item.at)}>{timeAgo(item.at)}</span>
            </div>
            {item.review.body && <CommentCard user={item.review.user} createdAt={item.at} body={item.review.body} context={markdown} />}
            {item.threads.map((thread) => (
              <ThreadView key={thread.root.id} thread={thread} api={base} number={p.number} context={markdown} me={me}
                canWrite={canWrite} isAuthor={isAuthor} onChange={reload} />
            ))}
          </div>
        ))}
        {/* Threads of single comments (not part of a listed review) show in the timeline too. */}
        {threads.filter((t) => !(reviews.data ?? []).some((r) => r.id === t.root.pull_request_review_id && r.submitted_at)).map((thread) => (
          <ThreadView key={thread.root.id} thread={thread} api={base} number={p.number} context={markdown} me={me}
            canWrite={canWrite} isAuthor={isAuthor} onChange={reload} />
        ))}
        <MergeBox pull={p} repo={repo} base={base} canWrite={canWrite} onChange={refresh} />
        <InlineError error={error ?? issueComments.error ?? reviews.error} />
        {me ? (
          <CommentForm label="Add a comment" submitLabel="Comment"
            extra={(canWrite || isAuthor) && !p.merged_at ? (
              <button type="button" className="button" onClick={() => setState(p.state === 'open' ? 'closed' : 'open')}>
                {p.state === 'open' ? 'Close pull request' : 'Reopen pull request'}
              </button>
            ) : null}
            onSubmit={async (body) => {
              await api(`${base}/issues/${p.number}/comments`, { method: 'POST', body: { body } });
              issueComments.reload();
            }} />
        ) : <p className="muted"><Link to="/login">Sign in</Link> to join this conversation.</p>}
      </div>
      <Sidebar context={context} reviews={reviews.data ?? []} />
    </div>
  );
}

function PullCommits({ context }: { context: PullContext }) {
  const { pull: p, base, home } = context;
  const commits = useAll<Commit>(`${base}/pulls/${p.number}/commits`);
  if (commits.error) return <InlineError error={commits.error} />;
  if (!commits.data) return <Loading label="Loading commits" height={120} />;
  return <CommitList commits={[...commits.data].reverse()} home={home} base={base} />;
}

/** The review being written on the files tab: its body and verdict, and the line comments kept for it. */
function ReviewBox({ context, drafts, onDone }: { context: PullContext; drafts: DraftComment[]; onDone(): void }) {
  const { pull: p, base, isAuthor } = context;
  const [open, setOpen] = useState(false);
  const [event, setEvent] = useState<'COMMENT' | 'APPROVE' | 'REQUEST_CHANGES'>('COMMENT');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <div className="review-box">
      <button type="button" className="button primary" aria-expanded={open} onClick={() => setOpen(!open)}>
        Review changes{drafts.length > 0 && <span className="badge" data-testid="pending-count">{drafts.length}</span>}
      </button>
      {open && (
        <form className="review-form box" aria-label="Submit review" onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          try {
            await api(`${base}/pulls/${p.number}/reviews`, {
              method: 'POST',
              body: { event, body, commit_id: p.head.sha, comments: drafts.map((d) => ({ path: d.path, line: d.line, side: d.side, body: d.body })) },
            });
            setOpen(false);
            setBody('');
            onDone();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}>
          <textarea aria-label="Review summary" rows={4} value={body} placeholder="Leave a comment" onChange={(e) => setBody(e.target.value)} />
          <fieldset>
            <legend className="visually-hidden">Verdict</legend>
            <label><input type="radio" name="event" checked={event === 'COMMENT'} onChange={() => setEvent('COMMENT')} /> Comment</label>
            <label title={isAuthor ? 'You cannot approve your own pull request' : undefined}>
              <input type="radio" name="event" disabled={isAuthor} checked={event === 'APPROVE'} onChange={() => setEvent('APPROVE')} /> Approve
            </label>
            <label title={isAuthor ? 'You cannot request changes on your own pull request' : undefined}>
              <input type="radio" name="event" disabled={isAuthor} checked={event === 'REQUEST_CHANGES'} onChange={() => setEvent('REQUEST_CHANGES')} /> Request changes
            </label>
          </fieldset>
          <InlineError error={error} />
          <button type="submit" className="button primary" disabled={busy || (event !== 'APPROVE' && !body.trim() && drafts.length === 0)}>
            Submit review
          </button>
        </form>
      )}
    </div>
  );
}

function FilesChanged({ context }: { context: PullContext }) {
  const { pull: p, base, home, me, canWrite, isAuthor, markdown, threads, reload } = context;
  const files = useAll<CommitFile>(`${base}/pulls/${p.number}/files`);
  const [composing, setComposing] = useState<{ path: string; side: DiffSide; line: number } | null>(null);
  const [drafts, setDrafts] = useState<DraftComment[]>([]);
  const byLine = useMemo(() => threadsByLine(threads), [threads]);
  const outdated = threads.filter((t) => t.outdated);

  const decor: LineDecor = useMemo(() => ({
    onComment: me ? (file, side, line) => setComposing({ path: file.filename, side, line }) : undefined,
    below(file, side, line) {
      const here = byLine.get(lineKey(file.filename, side, line)) ?? [];
      const pending = drafts.filter((d) => d.path === file.filename && d.side === side && d.line === line);
      const open = composing && composing.path === file.filename && composing.side === side && composing.line === line;
      if (here.length === 0 && pending.length === 0 && !open) return null;
      return (
        <div className="line-discussion">
          {here.map((thread) => (
            <ThreadView key={thread.root.id} thread={thread} api={base} number={p.number} context={markdown} me={me}
              canWrite={canWrite} isAuthor={isAuthor} onChange={reload} />
          ))}
          {pending.map((d, i) => (
            <div key={i} className="pending-comment box" data-testid="pending-comment">
              <span className="badge">Pending</span> <span>{d.body}</span>{' '}
              <button type="button" className="button small link" onClick={() => setDrafts(drafts.filter((x) => x !== d))}>Remove</button>
            </div>
          ))}
          {open && (
            <LineCommentForm onCancel={() => setComposing(null)}
              onSingle={async (body) => {
                await api(`${base}/pulls/${p.number}/comments`, {
                  method: 'POST', body: { body, commit_id: p.head.sha, path: file.filename, line, side },
                });
                setComposing(null);
                reload();
              }}
              onReview={(body) => {
                setDrafts([...drafts, { path: file.filename, side, line, body }]);
                setComposing(null);
              }} />
          )}
        </div>
      );
    },
  }), [byLine, drafts, composing, me, base, p.number, p.head.sha, markdown, canWrite, isAuthor, reload]);

  if (files.error) return <InlineError error={files.error} />;
  return (
    <div className="pull-files">
      {me && (
        <div className="pull-files-toolbar">
          <span className="muted small">Hover a line and press <strong>+</strong> to comment on it.</span>
          <ReviewBox context={context} drafts={drafts} onDone={() => { setDrafts([]); reload(); }} />
        </div>
      )}
      {outdated.length > 0 && (
        <details className="outdated-threads box">
          <summary className="box-header">{plural(outdated.length, 'outdated conversation')}</summary>
          {outdated.map((thread) => (
            <ThreadView key={thread.root.id} thread={thread} api={base} number={p.number} context={markdown} me={me}
              canWrite={canWrite} isAuthor={isAuthor} onChange={reload} />
          ))}
        </details>
      )}
      {!files.data ? <DiffPlaceholder /> : (
        <Diff files={files.data} decor={decor}
          fileUrl={(f) => `${p.head.repo ? `/${p.head.repo.full_name}` : home}/blob/${encodePath(p.head.sha)}/${encodePath(f.filename)}`} />
      )}
    </div>
  );
}

function LineCommentForm({ onSingle, onReview, onCancel }: {
  onSingle(body: string): Promise<unknown>;
  onReview(body: string): void;
  onCancel(): void;
}) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <form className="comment-form line-comment-form" aria-label="Comment on line" onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true);
      setError(undefined);
      try {
        await onSingle(body);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    }}>
      <textarea aria-label="Line comment" rows={3} value={body} autoFocus onChange={(e) => setBody(e.target.value)}
        placeholder="Leave a comment (a ```suggestion block proposes new text for the line)" />
      <InlineError error={error} />
      <div className="comment-form-actions">
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
        <button type="button" className="button" disabled={!body.trim()} onClick={() => onReview(body)}>Start a review</button>
        <button type="submit" className="button primary" disabled={busy || !body.trim()}>Add single comment</button>
      </div>
    </form>
  );
}
