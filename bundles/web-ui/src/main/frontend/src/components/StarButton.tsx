import { useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { StarIcon } from './Icons';
import './repo-card.css';

type State = 'loading' | 'starred' | 'not-starred';

/** The count after starring (+1) or unstarring (-1), never below zero; unknown stays unknown. */
export function starCount(count: number | undefined, starred: boolean): number | undefined {
  return count === undefined ? undefined : Math.max(0, count + (starred ? 1 : -1));
}

/**
 * Star / Unstar with the repository's star count (GitHub's starring API: GET /user/starred/{owner}/{repo} answers
 * 204 when starred and 404 when not). Signed out, it shows the count only.
 */
export function StarButton({ fullName, count, signedIn }: { fullName: string; count?: number; signedIn: boolean }) {
  const path = `/user/starred/${fullName}`;
  const [state, setState] = useState<State>('loading');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stars, setStars] = useState(count);

  useEffect(() => setStars(count), [count]);
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    setState('loading');
    api(path, { signal: controller.signal })
      .then(() => setState('starred'))
      .catch((e) => {
        if (e.name === 'AbortError') return;
        setState('not-starred');
        if (!(e instanceof ApiError && e.status === 404)) setError('Could not tell whether you starred it');
      });
    return () => controller.abort();
  }, [path, signedIn]);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    const star = state !== 'starred';
    try {
      await api(path, { method: star ? 'PUT' : 'DELETE' });
      setState(star ? 'starred' : 'not-starred');
      setStars((n) => starCount(n, star));
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'Could not change the star');
    } finally {
      setBusy(false);
    }
  };

  const starred = state === 'starred';
  const label = stars === undefined ? undefined : `${stars.toLocaleString('en')} ${stars === 1 ? 'star' : 'stars'}`;
  if (!signedIn) {
    return (
      <span className="star-count badge" title={label} aria-label={label} data-testid="star-count">
        <StarIcon size={12} /> {stars ?? 0}
      </span>
    );
  }
  return (
    <span className="watch-button">
      <button type="button" className="button small" aria-pressed={starred} disabled={busy || state === 'loading'}
        onClick={() => void toggle()} title={starred ? 'Unstar this repository' : 'Star this repository'}>
        <StarIcon size={14} filled={starred} /> {starred ? 'Starred' : 'Star'}
        {stars !== undefined && <span className="badge" aria-label={label} data-testid="star-count">{stars}</span>}
      </button>
      {error && <span className="inline-error small" role="alert">{error}</span>}
    </span>
  );
}
