import { Link, useSearchParams } from 'react-router';
import { useApi, useTitle } from '../lib/hooks';
import { query } from '../lib/api';
import { useSession } from '../lib/session';
import type { Repository } from '../lib/types';
import { RepoCard } from '../components/RepoCard';
import { ErrorView, Loading } from '../components/Status';
import './dashboard.css';

const PER_PAGE = 30;

/** The `since` of a /repositories link, or null. */
export function sinceOf(link: string | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link, 'http://localhost').searchParams.get('since');
  } catch {
    return null;
  }
}

/** `/explore`: every repository the viewer may see, oldest first as GitHub's /repositories lists them, paged. */
export default function Explore() {
  useTitle('Explore');
  const { user } = useSession();
  const [params] = useSearchParams();
  const since = params.get('since');
  // Wait for the session: signed in, one sees private repositories one has access to as well.
  const repos = useApi<Repository[]>(user === undefined ? null : `/repositories${query({ since, per_page: PER_PAGE })}`);
  const next = sinceOf(repos.response?.links.next);

  return (
    <div className="explore">
      <div className="explore-header">
        <h1>Explore</h1>
        <p className="muted">
          {user ? 'Public repositories, and the private ones you have access to.' : 'Public repositories on this server.'}
          {' '}Looking for something specific? <Link to="/search">Search repositories</Link>.
        </p>
      </div>
      {repos.error && <ErrorView error={repos.error} />}
      {!repos.data && !repos.error && <Loading label="Loading repositories" height={480} />}
      {repos.data && repos.data.length === 0 && (
        <div className="empty-state">
          <h3>{since ? 'No more repositories' : 'No repositories yet'}</h3>
          <p>{since ? 'You have seen them all.' : 'When someone creates a public repository, it shows here.'}</p>
          {since && <p><Link to="/explore">Back to the first page</Link></p>}
        </div>
      )}
      {repos.data && repos.data.length > 0 && (
        <>
          <div className="repo-grid" aria-busy={repos.loading}>
            {repos.data.map((r) => <RepoCard key={r.id} repo={r} />)}
          </div>
          {(since || next) && (
            <nav className="pagination" aria-label="Pages">
              {since && <Link className="button" to="/explore">« First page</Link>}
              {next && <Link className="button" to={`/explore?since=${encodeURIComponent(next)}`}>Next page ›</Link>}
            </nav>
          )}
        </>
      )}
    </div>
  );
}
