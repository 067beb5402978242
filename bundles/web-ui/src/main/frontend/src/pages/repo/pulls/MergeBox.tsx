import { useState } from 'react';
import { Link } from 'react-router';
import { iconState, safeTargetUrl, type CombinedStatusJson } from '../../../components/CommitStatus';
import { InlineError } from '../../../components/Status';
import { api, encodePath } from '../../../lib/api';
import { useApi } from '../../../lib/hooks';
import { useSession } from '../../../lib/session';
import { AutoRebaseToggle } from './AutoRebase';
import { mergeVerdict, type PullRequest } from '../../../lib/pulls';
import { QUEUE_STATE, type MergeQueueJson, type QueueEntry } from './MergeQueue';
import type { Repository } from '../../../lib/types';

type Method = 'merge' | 'squash' | 'rebase';
const METHODS: Array<{ method: Method; label: string; setting: 'allow_merge_commit' | 'allow_squash_merge' | 'allow_rebase_merge' }> = [
  { method: 'merge', label: 'Create a merge commit', setting: 'allow_merge_commit' },
  { method: 'squash', label: 'Squash and merge', setting: 'allow_squash_merge' },
  { method: 'rebase', label: 'Rebase and merge', setting: 'allow_rebase_merge' },
];

type RepoSettings = Repository & Partial<Record<'allow_merge_commit' | 'allow_squash_merge' | 'allow_rebase_merge' | 'delete_branch_on_merge', boolean>>;

/** The merge methods the repository allows, in GitHub's order (all of them when the repository does not say). */
export function allowedMethods(repo: RepoSettings): Method[] {
  const allowed = METHODS.filter((m) => repo[m.setting] !== false).map((m) => m.method);
  return allowed.length > 0 ? allowed : ['merge'];
}

/** The head sha's statuses, each with its state and link, as the checks part of the merge box. */
function Checks({ base, sha }: { base: string; sha: string }) {
  const combined = useApi<CombinedStatusJson>(`${base}/commits/${encodeURIComponent(sha)}/status`);
  const statuses = combined.data?.statuses ?? [];
  if (combined.error || statuses.length === 0) {
    return <div className="merge-section muted small" data-testid="checks">No checks have reported on this branch’s head.</div>;
  }
  const passed = statuses.filter((s) => s.state === 'success').length;
  return (
    <div className="merge-section" data-testid="checks">
      <strong>{passed === statuses.length ? 'All checks have passed' : `${passed} of ${statuses.length} checks passed`}</strong>
      <ul className="check-list">
        {statuses.map((status) => {
          const url = safeTargetUrl(status.target_url);
          return (
            <li key={status.context} data-state={status.state}>
              <span className={`check-dot ${iconState(status.state)}`} aria-hidden="true" />
              <span className="check-context">{status.context}</span>
              <span className="muted small">{status.description}</span>
              {url && (url.startsWith('/') ? <Link to={url.replace(/^\/+/, '/')} className="small">Details</Link>
                : <a href={url} className="small" rel="noopener noreferrer">Details</a>)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What a pull request needs before it can be merged, and the merge itself for those who may. */
export function MergeBox({ pull, repo, base, canWrite, onChange }: {
  pull: PullRequest;
  repo: RepoSettings;
  /** API path of the repository. */
  base: string;
  canWrite: boolean;
  onChange(): void;
}) {
  const methods = allowedMethods(repo);
  const [method, setMethod] = useState<Method>(methods[0]);
  const [confirming, setConfirming] = useState(false);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [deleted, setDeleted] = useState(false);
  const verdict = mergeVerdict(pull);
  const { user: me } = useSession();
  // A base branch with a merge queue merges only through it.
  const queue = useApi<MergeQueueJson>(pull.state === 'open' ? `${base}/merge-queue/${encodePath(pull.base.ref)}` : null);
  const entry = useApi<QueueEntry>(queue.data ? `${base}/pulls/${pull.number}/merge-queue` : null);
  const queued = entry.data && entry.data.position !== null ? entry.data : undefined;
  const sameRepository = pull.head.repo?.full_name === pull.base.repo?.full_name;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const defaultTitle = method === 'squash' ? `${pull.title} (#${pull.number})`
    : `Merge pull request #${pull.number} from ${pull.head.label.replace(':', '/')}`;

  if (pull.merged || pull.merged_at) {
    return (
      <div className="merge-box box merged" data-testid="merge-box">
        <div className="merge-section">
          <strong>Pull request successfully merged and closed</strong>
          {pull.merge_commit_sha && <> in <Link to={`/${repo.full_name}/commit/${pull.merge_commit_sha}`} className="mono">{pull.merge_commit_sha.slice(0, 7)}</Link></>}
        </div>
        {canWrite && sameRepository && !deleted && (
          <div className="merge-section">
            <span className="muted">The <span className="mono-pill">{pull.head.ref}</span> branch can be deleted now.</span>{' '}
            <button type="button" className="button small" disabled={busy}
              onClick={() => run(async () => {
                await api(`${base}/git/refs/heads/${encodePath(pull.head.ref)}`, { method: 'DELETE' });
                setDeleted(true);
              })}>
              Delete branch
            </button>
          </div>
        )}
        <InlineError error={error} />
      </div>
    );
  }
  if (pull.state === 'closed') return null;

  return (
    <div className={`merge-box box ${verdict.tone}`} data-testid="merge-box" data-can-merge={verdict.canMerge}>
      <Checks base={base} sha={pull.head.sha} />
      <div className="merge-section">
        <strong data-testid="merge-verdict">{verdict.title}</strong>
        {verdict.reasons.length > 0 && (
          <ul className="merge-reasons" data-testid="merge-reasons">
            {verdict.reasons.map((reason) => <li key={reason}>{reason}</li>)}
          </ul>
        )}
        {verdict.tone === 'danger' && (
          <div className="merge-conflicts">
            <p className="muted small">Resolve the conflicts in the web editor, or merge the base branch into this branch (or rebase it) on the command line and push.</p>
            <Link to={`/${repo.full_name}/pull/${pull.number}/conflicts`} className="button" data-testid="resolve-conflicts">Resolve conflicts</Link>
          </div>
        )}
        {pull.auto_merge && (
          <p className="small" data-testid="auto-merge">
            Auto-merge is on ({pull.auto_merge.merge_method}): this pull request merges when every requirement is met.
            {canWrite && <> <button type="button" className="button small link" disabled={busy}
              onClick={() => run(() => api(`${base}/pulls/${pull.number}/auto-merge`, { method: 'DELETE' }))}>Disable auto-merge</button></>}
          </p>
        )}
      </div>
      <AutoRebaseToggle pull={pull} base={base} me={me} canWrite={canWrite} onChange={onChange} />
      {queue.data && (
        <div className="merge-section" data-testid="merge-queue">
          {queued ? (
            <p className="small" data-testid="queue-entry" data-state={queued.state}>
              In the <Link to={`/${repo.full_name}/merge-queue/${encodePath(pull.base.ref)}`}>merge queue</Link> at position{' '}
              {queued.position}: {QUEUE_STATE[queued.state]}.
            </p>
          ) : entry.data?.reason ? (
            <p className="small" data-testid="queue-entry" data-state={entry.data.state}>Left the merge queue: {entry.data.reason}</p>
          ) : (
            <p className="small muted">{pull.base.ref} merges through its <Link to={`/${repo.full_name}/merge-queue/${encodePath(pull.base.ref)}`}>merge queue</Link>: the required checks run on what would land.</p>
          )}
          {canWrite && (
            <div className="merge-actions">
              {queued ? (
                <button type="button" className="button" disabled={busy}
                  onClick={() => run(async () => { await api(`${base}/pulls/${pull.number}/merge-queue`, { method: 'DELETE' }); entry.reload(); })}>
                  Remove from the queue
                </button>
              ) : (
                <button type="button" className="button primary" disabled={busy || pull.draft || pull.mergeable === false}
                  onClick={() => run(async () => { await api(`${base}/pulls/${pull.number}/merge-queue`, { method: 'PUT' }); entry.reload(); })}>
                  Merge when ready
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {canWrite && !queue.data && (
        <div className="merge-section merge-actions">
          {!confirming ? (
            <>
              <select aria-label="Merge method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                {METHODS.filter((m) => methods.includes(m.method)).map((m) => <option key={m.method} value={m.method}>{m.label}</option>)}
              </select>
              <button type="button" className="button primary" disabled={!verdict.canMerge || busy}
                onClick={() => { setTitle(defaultTitle); setMessage(method === 'squash' ? '' : pull.title); setConfirming(true); }}>
                {METHODS.find((m) => m.method === method)?.label.replace('Create a merge commit', 'Merge pull request')}
              </button>
              {!verdict.canMerge && !pull.auto_merge && verdict.tone !== 'danger' && !pull.draft && (
                <button type="button" className="button" disabled={busy}
                  onClick={() => run(() => api(`${base}/pulls/${pull.number}/auto-merge`, { method: 'PUT', body: { merge_method: method } }))}>
                  Enable auto-merge
                </button>
              )}
            </>
          ) : (
            <form className="merge-confirm" onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await api(`${base}/pulls/${pull.number}/merge`, {
                  method: 'PUT',
                  body: { merge_method: method, sha: pull.head.sha, commit_title: method === 'rebase' ? undefined : title, commit_message: method === 'rebase' ? undefined : message },
                });
                setConfirming(false);
              });
            }}>
              {method !== 'rebase' && (
                <>
                  <input type="text" aria-label="Commit title" value={title} onChange={(e) => setTitle(e.target.value)} />
                  <textarea aria-label="Commit message" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
                </>
              )}
              <div className="comment-form-actions">
                <button type="button" className="button" onClick={() => setConfirming(false)}>Cancel</button>
                <button type="submit" className="button primary" disabled={busy}>
                  {method === 'rebase' ? 'Confirm rebase and merge' : method === 'squash' ? 'Confirm squash and merge' : 'Confirm merge'}
                </button>
              </div>
            </form>
          )}
        </div>
      )}
      <InlineError error={error} />
    </div>
  );
}
