import { useCallback, useEffect, useMemo, useState } from 'react';
import { CommentCard, CommentForm, ReactionBar } from './pulls/Comments';
import { Diff, type LineDecor } from '../../components/Diff';
import { InlineError } from '../../components/Status';
import { api, ApiError, apiResponse, encodePath } from '../../lib/api';
import { plural } from '../../lib/format';
import type { MarkdownContext } from '../../lib/markdown';
import { lineKey, type Reactions } from '../../lib/pulls';
import { useSession } from '../../lib/session';
import type { Commit, User } from '../../lib/types';
import './pulls/pulls.css';

/** GitHub's commit comment: on a line of the commit's diff (path, position, line) or, without a path, the whole commit. */
export interface CommitCommentJson {
  id: number;
  node_id?: string;
  url?: string;
  html_url?: string;
  body: string;
  path: string | null;
  position: number | null;
  line: number | null;
  commit_id: string;
  user: User | null;
  author_association?: string;
  created_at: string;
  updated_at: string;
  reactions?: Reactions;
}

/** A commit's comments split as the page shows them: under their diff line (new side), or about the whole commit. */
export function placeComments(comments: CommitCommentJson[]): { byLine: Map<string, CommitCommentJson[]>; general: CommitCommentJson[] } {
  const byLine = new Map<string, CommitCommentJson[]>();
  const general: CommitCommentJson[] = [];
  const ordered = [...comments].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  for (const comment of ordered) {
    if (comment.path && comment.line != null) {
      const key = lineKey(comment.path, 'RIGHT', comment.line);
      const list = byLine.get(key);
      if (list) list.push(comment);
      else byLine.set(key, [comment]);
    } else {
      general.push(comment);
    }
  }
  return { byLine, general };
}

/** Every page of a commit's comments (GitHub pages them), reloadable after a write. */
function useCommitComments(path: string) {
  const [state, setState] = useState<{ data?: CommitCommentJson[]; error?: unknown }>({});
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    (async () => {
      const items: CommitCommentJson[] = [];
      let next: string | undefined = `${path}?per_page=100`;
      while (next && items.length < 3000) {
        const response: Awaited<ReturnType<typeof apiResponse<CommitCommentJson[]>>> = await apiResponse<CommitCommentJson[]>(next);
        items.push(...response.data);
        next = response.links.next;
      }
      return items;
    })().then((data) => live && setState({ data }), (error) => live && setState({ error }));
    return () => {
      live = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, reload };
}

/** One commit comment: its card with edit and delete for its author (and writers), and its reactions. */
function CommitCommentView({ comment, base, context, me, canWrite, onChange }: {
  comment: CommitCommentJson;
  base: string;
  context: MarkdownContext;
  me: User | null;
  canWrite: boolean;
  onChange(): void;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>();
  const path = `${base}/comments/${comment.id}`;
  const mayChange = Boolean(me) && (canWrite || me?.login === comment.user?.login);
  const remove = async () => {
    setError(undefined);
    try {
      await api(path, { method: 'DELETE' });
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  if (editing) {
    return (
      <CommentForm label="Edit comment" submitLabel="Update comment" initial={comment.body} autoFocus
        onCancel={() => setEditing(false)}
        onSubmit={async (body) => {
          await api(path, { method: 'PATCH', body: { body } });
          setEditing(false);
          onChange();
        }} />
    );
  }
  return (
    <div data-testid="commit-comment" data-comment={comment.id}>
      <CommentCard user={comment.user} createdAt={comment.created_at} body={comment.body} context={context}
        badge={comment.path && comment.line != null ? <span className="muted small mono">{comment.path}:{comment.line}</span> : undefined}
        actions={mayChange ? (
          <>
            <button type="button" className="button small link" onClick={() => setEditing(true)}>Edit</button>
            <button type="button" className="button small link danger" onClick={remove}>Delete</button>
          </>
        ) : null}>
        <ReactionBar reactions={comment.reactions} path={`${path}/reactions`} signedIn={Boolean(me)} onChange={onChange} />
      </CommentCard>
      <InlineError error={error} />
    </div>
  );
}

/**
 * A commit's changes with its discussion, as on GitHub's commit page: a "+" on each line of the new side starts a
 * comment there, comments show under their lines, and comments on the whole commit with a box for a new one follow
 * the diff.
 */
export function CommitDiscussion({ base, home, commit, canWrite }: {
  /** API path of the repository. */
  base: string;
  /** UI path of the repository. */
  home: string;
  commit: Commit;
  canWrite: boolean;
}) {
  const { user } = useSession();
  const me = user ?? null;
  const path = `${base}/commits/${commit.sha}/comments`;
  const comments = useCommitComments(path);
  const { reload } = comments;
  const [composing, setComposing] = useState<{ path: string; line: number } | null>(null);
  const placed = useMemo(() => placeComments(comments.data ?? []), [comments.data]);
  const context: MarkdownContext = useMemo(() => ({ base, home, ref: commit.sha, dir: '' }), [base, home, commit.sha]);

  const decor: LineDecor = useMemo(() => ({
    onComment: me ? (file, side, line) => {
      if (side === 'RIGHT') setComposing({ path: file.filename, line });
    } : undefined,
    commentable: (_file, side) => side === 'RIGHT',
    below(file, side, line) {
      if (side !== 'RIGHT') return null;
      const here = placed.byLine.get(lineKey(file.filename, side, line)) ?? [];
      const open = composing && composing.path === file.filename && composing.line === line;
      if (here.length === 0 && !open) return null;
      return (
        <div className="line-discussion" data-testid="commit-line-discussion" data-path={file.filename} data-line={line}>
          {here.map((c) => (
            <CommitCommentView key={c.id} comment={c} base={base} context={context} me={me} canWrite={canWrite} onChange={reload} />
          ))}
          {open && (
            <CommentForm label="Comment on line" submitLabel="Add comment" autoFocus onCancel={() => setComposing(null)}
              onSubmit={async (body) => {
                await api(path, { method: 'POST', body: { body, path: file.filename, line } });
                setComposing(null);
                reload();
              }} />
          )}
        </div>
      );
    },
  }), [me, placed, composing, base, context, canWrite, reload, path]);

  const fileUrl = (f: { filename: string }) => `${home}/blob/${commit.sha}/${encodePath(f.filename)}`;
  // Without the review capability (its bundle stopped) there are no comment endpoints: the page is the diff alone.
  if (comments.error instanceof ApiError && comments.error.status === 404) {
    return <Diff files={commit.files ?? []} stats={commit.stats} fileUrl={fileUrl} />;
  }
  return (
    <>
      <Diff files={commit.files ?? []} stats={commit.stats} decor={decor} fileUrl={fileUrl} />
      <section className="commit-comments" aria-label="Comments on this commit">
        <h2 className="commit-comments-title">
          {comments.data ? plural(comments.data.length, 'comment') : 'Comments'} on commit
        </h2>
        {comments.error !== undefined && <InlineError error={comments.error} />}
        <div className="line-discussion">
          {placed.general.map((c) => (
            <CommitCommentView key={c.id} comment={c} base={base} context={context} me={me} canWrite={canWrite} onChange={reload} />
          ))}
        </div>
        {me ? (
          <CommentForm label="Comment on this commit" submitLabel="Comment on this commit"
            onSubmit={async (body) => {
              await api(path, { method: 'POST', body: { body } });
              reload();
            }} />
        ) : user === null && <p className="muted small">Sign in to comment on this commit.</p>}
      </section>
    </>
  );
}
