import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../lib/api';
import { useApi } from '../lib/hooks';
import { timeAgo } from '../lib/format';
import './commit-status.css';

/** One context's latest status in GET /repos/{o}/{r}/commits/{ref}/status. */
export interface StatusContext {
  state: 'success' | 'failure' | 'error' | 'pending';
  context: string;
  description: string | null;
  target_url: string | null;
  updated_at?: string;
}

/** GitHub's combined status of a commit. */
export interface CombinedStatusJson {
  state: 'success' | 'failure' | 'error' | 'pending';
  sha: string;
  total_count: number;
  statuses: StatusContext[];
}

/**
 * A status's link, only when following it is safe: an absolute http(s) URL, or a path on this site. Anything else
 * (javascript:, data:, a protocol-relative //host) is shown as text, never as a link.
 */
export function safeTargetUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const text = url.trim();
  if (/^\/(?![/\\])/.test(text)) return text;
  try {
    const parsed = new URL(text);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "3 of 4 checks passed": what the icon says to a screen reader and on hover. */
export function statusLabel(combined: CombinedStatusJson): string {
  const total = combined.statuses.length;
  const passed = combined.statuses.filter((s) => s.state === 'success').length;
  return `${passed} of ${total} ${total === 1 ? 'check' : 'checks'} passed`;
}

/** The icon's kind: success, failure (failure or error) or pending. */
export function iconState(state: string): 'success' | 'failure' | 'pending' {
  return state === 'success' ? 'success' : state === 'failure' || state === 'error' ? 'failure' : 'pending';
}

const svg = { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

function StateIcon({ state }: { state: string }) {
  const kind = iconState(state);
  if (kind === 'success') {
    return <svg {...svg} className="status-icon success" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round"><path d="M3 8.5l3 3 7-7" /></svg>;
  }
  if (kind === 'failure') {
    return <svg {...svg} className="status-icon failure" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round"><path d="M4 4l8 8M12 4l-8 8" /></svg>;
  }
  return <svg {...svg} className="status-icon pending" fill="currentColor"><circle cx="8" cy="8" r="4" /></svg>;
}

const POPOVER_WIDTH = 420;
const MARGIN = 16;

/** The popover's offset from its icon, so that it stays inside the window (an icon at the right, a phone). */
export function popoverLeft(button: HTMLElement | null, viewport = typeof window === 'undefined' ? 0 : window.innerWidth): number | undefined {
  if (!button || !viewport) return undefined;
  const at = button.getBoundingClientRect().left;
  const width = Math.min(POPOVER_WIDTH, viewport - 2 * MARGIN);
  return Math.max(MARGIN - at, Math.min(-8, viewport - MARGIN - width - at));
}

const STATE_WORDS: Record<string, string> = { success: 'Successful', failure: 'Failing', error: 'Errored', pending: 'Pending' };

/**
 * A commit's combined status as GitHub shows it: a check, a cross or a dot, and on click a list of the contexts with
 * their state, description and details link.
 */
export function CommitStatusBadge({ combined }: { combined: CombinedStatusJson }) {
  const [open, setOpen] = useState(false);
  const [left, setLeft] = useState<number | undefined>();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  const label = statusLabel(combined);
  const kind = iconState(combined.state);
  return (
    <span className="commit-status" ref={root} data-state={kind} data-testid="commit-status"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}>
      <button ref={button} type="button" className={`commit-status-button ${kind}`} aria-label={label} title={label}
        aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => {
          if (!open) setLeft(popoverLeft(button.current));
          setOpen(!open);
        }}>
        <StateIcon state={combined.state} />
      </button>
      {open && (
        <div className="commit-status-popover" id={id} role="dialog" aria-label="Checks" style={left === undefined ? undefined : { left }}>
          <div className="commit-status-summary">
            <strong>{kind === 'success' ? 'All checks have passed' : kind === 'failure' ? 'Some checks were not successful' : 'Some checks have not completed yet'}</strong>
            <span className="muted small">{label}</span>
          </div>
          <ul className="commit-status-list">
            {combined.statuses.map((status) => {
              const href = safeTargetUrl(status.target_url);
              return (
                <li key={status.context} className="commit-status-item" data-context={status.context} data-state={status.state}>
                  <StateIcon state={status.state} />
                  <span className="visually-hidden">{STATE_WORDS[status.state] ?? status.state}: </span>
                  <span className="commit-status-text">
                    <strong className="commit-status-context">{status.context}</strong>
                    {status.description && <span className="muted"> — {status.description}</span>}
                    {status.updated_at && <span className="muted small"> {timeAgo(status.updated_at)}</span>}
                  </span>
                  {href && (
                    <a className="commit-status-details" href={href} rel="noopener noreferrer nofollow"
                      target={href.startsWith('/') ? undefined : '_blank'}>Details</a>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </span>
  );
}

/** Repositories (by API base) whose status endpoint answered 404: the CI bundle is stopped, ask no more. */
const unavailable = new Set<string>();

/** Starts loading only once the element comes near the viewport (at once where IntersectionObserver is missing). */
function useVisible<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [visible, setVisible] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (visible || !ref.current) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: '200px' });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [visible]);
  return [ref, visible];
}

/**
 * The status icon of commit `sha` of the repository at API path `base`: one request when the commit is on screen,
 * nothing shown while it loads, when the commit has no statuses, or when the CI bundle does not answer.
 */
export function CommitStatus({ base, sha }: { base: string; sha: string }) {
  const [ref, visible] = useVisible<HTMLSpanElement>();
  const skip = !sha || !visible || unavailable.has(base);
  const combined = useApi<CombinedStatusJson>(skip ? null : `${base}/commits/${encodeURIComponent(sha)}/status`);
  useEffect(() => {
    if (combined.error instanceof ApiError && combined.error.status === 404) unavailable.add(base);
  }, [combined.error, base]);
  const data = combined.data;
  const shown = data && Array.isArray(data.statuses) && data.statuses.length > 0 && !combined.error;
  return (
    <span ref={ref} className="commit-status-slot">
      {shown && <CommitStatusBadge combined={data} />}
    </span>
  );
}

/** Forgets which repositories had no status endpoint (for tests, and after the CI bundle comes back). */
export function resetStatusAvailability() {
  unavailable.clear();
}
