import { useState } from 'react';
import { InlineError } from '../../../components/Status';
import { api } from '../../../lib/api';
import { formatDate, timeAgo } from '../../../lib/format';
import type { PullRequest } from '../../../lib/pulls';
import type { User } from '../../../lib/types';

/** What each outcome of an auto-rebase attempt is called. */
export const AUTO_REBASE_STATE: Record<string, string> = {
  rebased: 'Rebased',
  conflict: 'Not rebased: conflicts',
  merge_commits: 'Not rebased: merge commits',
  refused: 'Not rebased: branch protection',
  forbidden: 'Not rebased: no push access',
  head_moved: 'Not rebased: the branch moved',
  missing_branch: 'Not rebased: branch gone',
};

/**
 * Who may switch auto-rebase: the author, whoever owns the head repository (a fork), and writers of the base when
 * the head is in the same repository or the fork allows edits by maintainers. The server decides in the end.
 */
export function mayToggleAutoRebase(pull: PullRequest, me: User | null | undefined, canWrite: boolean): boolean {
  if (!me) return false;
  if (pull.user?.login === me.login) return true;
  if (pull.head.repo?.owner?.login === me.login) return true;
  const sameRepository = pull.head.repo?.full_name === pull.base.repo?.full_name;
  return canWrite && (sameRepository || Boolean(pull.maintainer_can_modify));
}

/** The auto-rebase switch of an open pull request and the outcome of its last attempt. */
export function AutoRebaseToggle({ pull, base, me, canWrite, onChange }: {
  pull: PullRequest;
  /** API path of the base repository. */
  base: string;
  me: User | null | undefined;
  canWrite: boolean;
  onChange(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const auto = pull.auto_rebase ?? null;
  const allowed = mayToggleAutoRebase(pull, me, canWrite);
  if (pull.state !== 'open' || (!allowed && !auto)) return null;
  const last = auto?.last_result ?? null;

  const toggle = async (enable: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`${base}/pulls/${pull.number}/auto-rebase`, { method: enable ? 'PUT' : 'DELETE' });
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="merge-section" data-testid="auto-rebase" data-enabled={Boolean(auto)}>
      {allowed ? (
        <label className="small">
          <input type="checkbox" checked={Boolean(auto)} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />{' '}
          <strong>Auto-rebase</strong>
        </label>
      ) : <strong className="small">Auto-rebase is on</strong>}
      <span className="muted small">
        {' '}{auto
          ? `: ${pull.head.ref} is rebased onto ${pull.base.ref} whenever ${pull.base.ref} moves${auto.enabled_by ? `, in ${auto.enabled_by.login}’s name` : ''}.`
          : `: rebase ${pull.head.ref} onto ${pull.base.ref} whenever ${pull.base.ref} moves (when it replays cleanly).`}
      </span>
      {last && (
        <p className="small" data-testid="auto-rebase-result" data-state={last.state}>
          {AUTO_REBASE_STATE[last.state] ?? last.state} <span className="muted" title={formatDate(last.at)}>{timeAgo(last.at)}</span>
          {last.message && <>: <span className="muted">{last.message}</span></>}
        </p>
      )}
      <InlineError error={error} />
    </div>
  );
}
