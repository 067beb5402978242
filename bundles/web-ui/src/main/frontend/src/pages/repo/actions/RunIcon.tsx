// The icon of a run, job or step's state: a check, a cross, a spinning ring, a hollow dot or a slashed circle.

/** The icon's kind from GitHub's status and conclusion. */
export function runState(status: string, conclusion: string | null | undefined):
    'success' | 'failure' | 'cancelled' | 'skipped' | 'running' | 'queued' {
  if (status === 'completed') {
    if (conclusion === 'success' || conclusion === 'neutral') return 'success';
    if (conclusion === 'cancelled') return 'cancelled';
    if (conclusion === 'skipped') return 'skipped';
    return 'failure';
  }
  return status === 'in_progress' ? 'running' : 'queued';
}

const WORDS = {
  success: 'Success', failure: 'Failure', cancelled: 'Cancelled', skipped: 'Skipped', running: 'In progress',
  queued: 'Queued',
} as const;

/** What the icon says: "Failure", "In progress" (the conclusion's own word for rarer ones: "Timed out"). */
export function runStateLabel(status: string, conclusion: string | null | undefined): string {
  const kind = runState(status, conclusion);
  if (kind === 'failure' && conclusion && conclusion !== 'failure') {
    return conclusion[0].toUpperCase() + conclusion.slice(1).replace(/_/g, ' ');
  }
  return status === 'waiting' ? 'Waiting' : WORDS[kind];
}

const svg = { width: 16, height: 16, viewBox: '0 0 16 16', focusable: false } as const;

export function RunIcon({ status, conclusion }: { status: string; conclusion: string | null | undefined }) {
  const kind = runState(status, conclusion);
  const label = runStateLabel(status, conclusion);
  return (
    <span className={`run-icon ${kind}`} role="img" aria-label={label} title={label} data-state={kind}>
      {kind === 'success' && <svg {...svg} aria-hidden fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round"><path d="M3 8.5l3 3 7-7" /></svg>}
      {kind === 'failure' && <svg {...svg} aria-hidden fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round"><path d="M4 4l8 8M12 4l-8 8" /></svg>}
      {kind === 'cancelled' && <svg {...svg} aria-hidden fill="none" stroke="currentColor" strokeWidth={1.5}><circle cx="8" cy="8" r="5.5" /><path d="M4.2 11.8l7.6-7.6" /></svg>}
      {kind === 'skipped' && <svg {...svg} aria-hidden fill="none" stroke="currentColor" strokeWidth={1.5}><circle cx="8" cy="8" r="5.5" /><path d="M5 8h6" /></svg>}
      {kind === 'running' && <svg {...svg} aria-hidden fill="none" stroke="currentColor" strokeWidth={2}><circle cx="8" cy="8" r="5.5" opacity="0.3" /><path d="M8 2.5a5.5 5.5 0 0 1 5.5 5.5" /></svg>}
      {kind === 'queued' && <svg {...svg} aria-hidden fill="none" stroke="currentColor" strokeWidth={1.5}><circle cx="8" cy="8" r="4" /></svg>}
    </span>
  );
}

/** "1m 5s", "42s", "2h 3m": the time between two instants. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** How long something ran: to its end, or to now while it runs. */
export function elapsed(start: string | null | undefined, end: string | null | undefined, now = Date.now()): string {
  if (!start) return '';
  return formatDuration((end ? new Date(end).getTime() : now) - new Date(start).getTime());
}
