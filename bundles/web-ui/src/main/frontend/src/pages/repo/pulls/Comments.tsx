import { useState } from 'react';
import { Link } from 'react-router';
import { Avatar } from '../../../components/Avatar';
import { Markdown } from '../../../components/Markdown';
import { InlineError } from '../../../components/Status';
import { api } from '../../../lib/api';
import { timeAgo, formatDate } from '../../../lib/format';
import type { MarkdownContext } from '../../../lib/markdown';
import { REACTIONS, suggestionOf, type Reactions, type Thread } from '../../../lib/pulls';
import type { User } from '../../../lib/types';

/** A text box for Markdown with its buttons; it empties itself when the answer arrives. */
export function CommentForm({ label, submitLabel, onSubmit, onCancel, initial = '', autoFocus, extra }: {
  label: string;
  submitLabel: string;
  onSubmit(body: string): Promise<unknown>;
  onCancel?(): void;
  initial?: string;
  autoFocus?: boolean;
  /** More buttons beside the submit one (a review's choices, say). */
  extra?: React.ReactNode;
}) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <form className="comment-form" aria-label={label} aria-busy={busy} onSubmit={async (e) => {
      e.preventDefault();
      if (!body.trim()) return;
      setBusy(true);
      setError(undefined);
      try {
        await onSubmit(body);
        setBody('');
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    }}>
      <textarea aria-label={label} value={body} rows={4} autoFocus={autoFocus} placeholder="Leave a comment (Markdown)"
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.currentTarget.form as HTMLFormElement).requestSubmit();
        }} />
      <InlineError error={error} />
      <div className="comment-form-actions">
        {extra}
        {onCancel && <button type="button" className="button" onClick={onCancel}>Cancel</button>}
        <button type="submit" className="button primary" disabled={busy || !body.trim()}>{busy ? 'Saving…' : submitLabel}</button>
      </div>
    </form>
  );
}

/** The reaction counts under a comment, each a toggle-less "+1 more" button for a signed-in user, as on GitHub. */
export function ReactionBar({ reactions, path, signedIn, onChange }: {
  reactions?: Reactions;
  /** API path of the reactions collection (…/reactions). */
  path: string;
  signedIn: boolean;
  onChange(): void;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const react = async (content: string) => {
    setOpen(false);
    try {
      await api(path, { method: 'POST', body: { content } });
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const shown = REACTIONS.filter((r) => (reactions?.[r.content] ?? 0) > 0);
  if (!signedIn && shown.length === 0) return null;
  return (
    <div className="reactions" aria-label="Reactions">
      {shown.map((r) => (
        <button key={r.content} type="button" className="reaction" disabled={!signedIn} onClick={() => react(r.content)}
          aria-label={`${r.label}: ${reactions?.[r.content]}`} data-content={r.content}>
          <span aria-hidden="true">{r.emoji}</span> {reactions?.[r.content]}
        </button>
      ))}
      {signedIn && (
        <span className="reaction-picker">
          <button type="button" className="reaction add" aria-label="Add a reaction" aria-expanded={open} onClick={() => setOpen(!open)}>☺+</button>
          {open && (
            <span className="reaction-menu" role="menu">
              {REACTIONS.map((r) => (
                <button key={r.content} type="button" role="menuitem" aria-label={r.label} title={r.label} onClick={() => react(r.content)}>{r.emoji}</button>
              ))}
            </span>
          )}
        </span>
      )}
      <InlineError error={error} />
    </div>
  );
}

/** One comment: who, when, the Markdown; its own edit and delete for its author. */
export function CommentCard({ user, createdAt, body, context, badge, actions, children, testId }: {
  user: User | null;
  createdAt: string;
  body: string;
  context: MarkdownContext;
  badge?: React.ReactNode;
  actions?: React.ReactNode;
  children?: React.ReactNode;
  testId?: string;
}) {
  return (
    <article className="comment box" data-testid={testId}>
      <header className="comment-header">
        {user && <Avatar user={user} size={20} />}
        {user ? <Link to={`/${user.login}`} className="comment-author">{user.login}</Link> : <span className="comment-author">ghost</span>}
        <span className="muted small" title={formatDate(createdAt)}>commented {timeAgo(createdAt)}</span>
        {badge}
        <span className="comment-actions">{actions}</span>
      </header>
      <div className="comment-body">
        {body.trim() ? <Markdown source={body} context={context} /> : <p className="muted">No description provided.</p>}
      </div>
      {children}
    </article>
  );
}

/** A review thread on a diff line: the comments, a suggested change to apply, reply, resolve. */
export function ThreadView({ thread, api: base, number, context, me, canWrite, isAuthor, onChange }: {
  thread: Thread;
  /** API path of the repository. */
  api: string;
  number: number;
  context: MarkdownContext;
  me: User | null;
  canWrite: boolean;
  isAuthor: boolean;
  onChange(): void;
}) {
  const [replying, setReplying] = useState(false);
  const [open, setOpen] = useState(!thread.resolved);
  const [error, setError] = useState<unknown>();
  const comments = [thread.root, ...thread.replies];
  const suggestion = suggestionOf(thread.root.body);
  const mayResolve = Boolean(me) && (canWrite || isAuthor || me?.login === thread.root.user?.login);
  const act = async (run: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await run();
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const comment = (id: number) => `${base}/pulls/comments/${id}`;

  return (
    <div className={`review-thread${thread.resolved ? ' resolved' : ''}${thread.outdated ? ' outdated' : ''}`}
      data-testid="review-thread" data-thread={thread.root.id}>
      <div className="review-thread-head">
        <span className="mono small">{thread.path}{thread.line !== null ? `:${thread.line}` : ''}</span>
        {thread.outdated && <span className="badge">Outdated</span>}
        {thread.resolved && <span className="badge success">Resolved</span>}
        {thread.resolved && (
          <button type="button" className="button small link" onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'} conversation</button>
        )}
      </div>
      {open && (
        <>
          {comments.map((c) => (
            <CommentCard key={c.id} user={c.user} createdAt={c.created_at} context={context}
              body={c === thread.root && suggestion !== undefined ? c.body.replace(/```suggestion[^\n]*\n[\s\S]*?```/, '') : c.body}
              testId="review-comment"
              actions={me && me.login === c.user?.login ? (
                <button type="button" className="button small link danger" onClick={() => act(() => api(comment(c.id), { method: 'DELETE' }))}>Delete</button>
              ) : null}>
              {c === thread.root && suggestion !== undefined && (
                <div className="suggestion box" data-testid="suggestion">
                  <div className="suggestion-head small">Suggested change</div>
                  <pre className="suggestion-text">{suggestion === '' ? '(delete these lines)' : suggestion}</pre>
                  {canWrite && !thread.outdated && (
                    <div className="suggestion-actions">
                      <button type="button" className="button small primary"
                        onClick={() => act(() => api(`${base}/pulls/${number}/comments/${c.id}/suggestion/apply`, { method: 'POST', body: {} }))}>
                        Apply suggestion
                      </button>
                    </div>
                  )}
                </div>
              )}
              <ReactionBar reactions={c.reactions} path={`${comment(c.id)}/reactions`} signedIn={Boolean(me)} onChange={onChange} />
            </CommentCard>
          ))}
          <InlineError error={error} />
          {me && (
            <div className="review-thread-actions">
              {replying ? (
                <CommentForm label="Reply" submitLabel="Reply" autoFocus onCancel={() => setReplying(false)}
                  onSubmit={async (body) => {
                    await api(`${base}/pulls/${number}/comments/${thread.root.id}/replies`, { method: 'POST', body: { body } });
                    setReplying(false);
                    onChange();
                  }} />
              ) : (
                <button type="button" className="button small" onClick={() => setReplying(true)}>Reply…</button>
              )}
              {mayResolve && !replying && (
                <button type="button" className="button small"
                  onClick={() => act(() => api(`${base}/pulls/${number}/comments/${thread.root.id}/resolution`,
                    { method: thread.resolved ? 'DELETE' : 'PUT', body: thread.resolved ? undefined : {} }))}>
                  {thread.resolved ? 'Unresolve conversation' : 'Resolve conversation'}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}
