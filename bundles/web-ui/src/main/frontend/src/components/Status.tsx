import { Link } from 'react-router';
import { ApiError } from '../lib/api';
import { useTitle } from '../lib/hooks';

/** A placeholder of fixed height while something loads, so the page does not jump when it arrives. */
export function Loading({ label = 'Loading', height }: { label?: string; height?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite" style={height ? { minHeight: height } : undefined}>
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

/** What went wrong, in words: a 404 says the thing does not exist (or is private), a 500 gives the request id. */
export function ErrorView({ error, title }: { error: unknown; title?: string }) {
  const status = error instanceof ApiError ? error.status : 500;
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  useTitle(status === 404 ? 'Page not found' : 'Error');
  if (status === 404) return <NotFound />;
  return (
    <section className="error-page" data-status={status}>
      <h1>{title ?? (status === 0 ? 'Cannot reach Codara' : status >= 500 ? 'Something went wrong' : `Error ${status}`)}</h1>
      <p>{message}</p>
      {status >= 500 && (
        <p className="muted">
          The server logged this failure{requestId ? <> with request id <code data-testid="request-id">{requestId}</code></> : null}.
          Give it to an administrator to find out what happened.
        </p>
      )}
      <p><Link to="/">Back to the dashboard</Link></p>
    </section>
  );
}

export function NotFound() {
  useTitle('Page not found');
  return (
    <section className="error-page" data-status="404">
      <h1>404: this page is not here</h1>
      <p>It does not exist, or it is private and you are not allowed to see it. If it should be yours, sign in.</p>
      <p><Link to="/">Back to the dashboard</Link></p>
    </section>
  );
}

/** A small inline error, for a failed part of a page or a form. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError ? error.detail : error instanceof Error ? error.message : String(error);
  return <p className="inline-error" role="alert">{text}</p>;
}
