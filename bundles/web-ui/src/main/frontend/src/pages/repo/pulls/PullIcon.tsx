import type { PullRequest } from '../../../lib/pulls';

/** The state of a pull request as GitHub draws it: open (green), draft (grey), merged (purple), closed (red). */
export function pullState(pull: Pick<PullRequest, 'state' | 'draft' | 'merged_at'>): 'open' | 'draft' | 'merged' | 'closed' {
  if (pull.merged_at) return 'merged';
  if (pull.state === 'closed') return 'closed';
  return pull.draft ? 'draft' : 'open';
}

const LABEL = { open: 'Open', draft: 'Draft', merged: 'Merged', closed: 'Closed' };

export function PullIcon({ pull }: { pull: Pick<PullRequest, 'state' | 'draft' | 'merged_at'> }) {
  const state = pullState(pull);
  return (
    <svg className={`pull-icon ${state}`} width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor"
      strokeWidth="1.5" role="img" aria-label={LABEL[state]}>
      <circle cx="4" cy="3.5" r="1.75" />
      <circle cx="4" cy="12.5" r="1.75" />
      <circle cx="12" cy="12.5" r="1.75" />
      <path d="M4 5.25v5.5" />
      {state === 'merged' ? <path d="M4 5.25c0 4 8 2.5 8 5.5" /> : <path d="M12 10.75V6.5a2 2 0 0 0-2-2H7.5m1.5-1.5L7.5 4.5 9 6" />}
    </svg>
  );
}

/** The badge in a pull request's header. */
export function PullStateBadge({ pull }: { pull: Pick<PullRequest, 'state' | 'draft' | 'merged_at'> }) {
  const state = pullState(pull);
  return (
    <span className={`pull-state ${state}`} data-testid="pull-state">
      <PullIcon pull={pull} /> {LABEL[state]}
    </span>
  );
}
