import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { apiResponse, ApiError } from '../lib/api';
import { eventParts, pushSize, shortRef, type GitHubEvent } from '../lib/events';
import { formatDate, shortSha, summary, timeAgo } from '../lib/format';
import { Avatar } from './Avatar';
import { InlineError, Loading } from './Status';

const SHOWN_COMMITS = 5;

/** One event as a readable line, with the pushed commits' summaries under a push. */
export function EventRow({ event }: { event: GitHubEvent }) {
  const commits = event.type === 'PushEvent' ? event.payload.commits ?? [] : [];
  const more = pushSize(event) - Math.min(commits.length, SHOWN_COMMITS);
  return (
    <li className="event" data-event-type={event.type}>
      <Link to={`/${event.actor.login}`} className="event-avatar" tabIndex={-1} aria-hidden="true">
        <Avatar user={{ login: event.actor.login, avatar_url: event.actor.avatar_url ?? '' }} size={32} />
      </Link>
      <div className="event-body">
        <div className="event-line">
          <span className="event-text">
            {eventParts(event).map((part, i) => (part.to
              ? <Link key={i} to={part.to} className={i === 0 ? 'event-actor' : undefined}>{part.text}</Link>
              : <span key={i}>{part.text}</span>))}
          </span>
          <time className="muted small nowrap" dateTime={event.created_at} title={formatDate(event.created_at)}>
            {timeAgo(event.created_at)}
          </time>
        </div>
        {commits.length > 0 && (
          <ul className="event-commits">
            {commits.slice(0, SHOWN_COMMITS).map((commit) => (
              <li key={commit.sha}>
                <Link className="mono" to={`/${event.repo.name}/commit/${commit.sha}`}>{shortSha(commit.sha)}</Link>
                <span className="event-commit-message">{summary(commit.message)}</span>
              </li>
            ))}
            {more > 0 && (
              <li>
                <Link className="small" to={`/${event.repo.name}/commits/${shortRef(event.payload.ref)}`}>
                  {more === 1 ? '1 more commit' : `${more} more commits`} »
                </Link>
              </li>
            )}
          </ul>
        )}
      </div>
    </li>
  );
}

/**
 * A paged list of events from `path` (received_events, a repository's or a user's events), newest first, with
 * "Load more". A server without the events API (404) shows `empty`, as no events would.
 */
export function ActivityFeed({ path, empty }: { path: string; empty: ReactNode }) {
  const [events, setEvents] = useState<GitHubEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'more' | 'done'>('loading');
  const [error, setError] = useState<unknown>(null);

  const load = (url: string, append: boolean, signal?: AbortSignal) => {
    setState(append ? 'more' : 'loading');
    setError(null);
    apiResponse<GitHubEvent[]>(url, { signal })
      .then((response) => {
        setEvents((previous) => {
          const seen = new Set(append ? previous.map((e) => e.id) : []);
          return [...(append ? previous : []), ...response.data.filter((e) => !seen.has(e.id))];
        });
        setNext(response.links.next ?? null);
        setState('done');
      })
      .catch((e) => {
        if (e.name === 'AbortError') return;
        if (e instanceof ApiError && e.status === 404) {
          if (!append) setEvents([]);
          setNext(null);
        } else {
          setError(e);
        }
        setState('done');
      });
  };

  useEffect(() => {
    const controller = new AbortController();
    load(path, false, controller.signal);
    return () => controller.abort();
  }, [path]);

  if (state === 'loading') return <Loading label="Loading activity" height={200} />;
  if (error && events.length === 0) return <InlineError error={error} />;
  if (events.length === 0) return <>{empty}</>;
  return (
    <>
      <ul className="event-list" aria-label="Activity">
        {events.map((event) => <EventRow key={event.id} event={event} />)}
      </ul>
      {error ? <InlineError error={error} /> : null}
      {next && (
        <div className="event-more">
          <button type="button" className="button" disabled={state === 'more'} onClick={() => load(next, true)}>
            {state === 'more' ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
