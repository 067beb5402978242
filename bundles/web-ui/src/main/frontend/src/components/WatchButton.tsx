import { useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { EyeIcon } from './Icons';
import './repo-card.css';

interface Subscription {
  subscribed: boolean;
  ignored: boolean;
}

type State = 'loading' | 'watching' | 'not-watching' | 'unavailable';

/**
 * Watch / Unwatch for a repository (GitHub's subscription API): a watched repository's pushes, branches and forks
 * show in the dashboard's activity. GET answers 404 when one does not watch, as on GitHub; a server without the
 * API answers 404 to the PUT too, and the button then says so instead of failing.
 */
export function WatchButton({ fullName, count }: { fullName: string; count?: number }) {
  const path = `/repos/${fullName}/subscription`;
  const [state, setState] = useState<State>('loading');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [watchers, setWatchers] = useState(count);

  useEffect(() => setWatchers(count), [count]);
  useEffect(() => {
    const controller = new AbortController();
    setState('loading');
    api<Subscription>(path, { signal: controller.signal })
      .then((s) => setState(s.subscribed && !s.ignored ? 'watching' : 'not-watching'))
      .catch((e) => {
        if (e.name === 'AbortError') return;
        setState(e instanceof ApiError && e.status === 404 ? 'not-watching' : 'unavailable');
      });
    return () => controller.abort();
  }, [path]);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const watch = state !== 'watching';
    try {
      if (watch) await api(path, { method: 'PUT', body: { subscribed: true, ignored: false } });
      else await api(path, { method: 'DELETE' });
      setState(watch ? 'watching' : 'not-watching');
      setWatchers((n) => (n === undefined ? n : Math.max(0, n + (watch ? 1 : -1))));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        setState('unavailable');
      } else {
        setError(e instanceof ApiError ? e.detail : 'Could not change watching');
      }
    } finally {
      setBusy(false);
    }
  };

  const watching = state === 'watching';
  const title = state === 'unavailable'
    ? 'This server does not offer watching repositories yet'
    : watching ? 'Stop getting this repository’s activity on your dashboard' : 'Get this repository’s activity on your dashboard';
  return (
    <span className="watch-button">
      <button type="button" className="button small" aria-pressed={watching} disabled={busy || state === 'loading' || state === 'unavailable'}
        onClick={() => void toggle()} title={title}>
        <EyeIcon size={14} /> {watching ? 'Unwatch' : 'Watch'}
        {watchers !== undefined && <span className="badge" aria-label={`${watchers} watching`}>{watchers}</span>}
      </button>
      {error && <span className="inline-error small" role="alert">{error}</span>}
    </span>
  );
}
