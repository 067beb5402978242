import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi, useTitle } from '../lib/hooks';
import { query } from '../lib/api';
import { useSession } from '../lib/session';
import type { Repository } from '../lib/types';
import { RepoCard } from '../components/RepoCard';
import { ErrorView, InlineError, Loading } from '../components/Status';
import { trendReasons, windowOf, WINDOWS, type TrendingPage } from './trending';
import './dashboard.css';

const PER_PAGE = 30;
const TRENDING = 12;

/** The `since` of a /repositories link, or null. */
export function sinceOf(link: string | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link, 'http://localhost').searchParams.get('since');
  } catch {
    return null;
  }
}

/**
 * `/explore`: trending repositories (recent stars, forks, pushes and clones, by window, language and topic), then
 * every repository the viewer may see, oldest first as GitHub's /repositories lists them. `?since=` pages through
 * the latter alone.
 */
export default function Explore() {
  useTitle('Explore');
  const { user } = useSession();
  const [params] = useSearchParams();
  const since = params.get('since');

  return (
    <div className="explore">
      <div className="explore-header">
        <h1>Explore</h1>
        <p className="muted">
          {user ? 'Public repositories, and the private ones you have access to.' : 'Public repositories on this server.'}
          {' '}Looking for something specific? <Link to="/search">Search repositories</Link>.
        </p>
      </div>
      {!since && <Trending />}
      <AllRepositories since={since} />
    </div>
  );
}

function Trending() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const chosen = windowOf(params.get('window'));
  const language = params.get('language') ?? '';
  const topic = params.get('topic') ?? '';
  const [languageText, setLanguageText] = useState(language);
  const [topicText, setTopicText] = useState(topic);
  useEffect(() => setLanguageText(language), [language]);
  useEffect(() => setTopicText(topic), [topic]);
  const trending = useApi<TrendingPage>(user === undefined ? null
    : `/explore/repositories${query({ since: chosen, language, topic, per_page: TRENDING })}`);
  const period = WINDOWS.find((w) => w.value === chosen)?.period ?? 'today';

  const change = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value.trim()) merged.set(key, value.trim());
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    change({ language: languageText, topic: topicText });
  };

  return (
    <section className="trending" aria-labelledby="trending-heading">
      <div className="search-summary">
        <h2 id="trending-heading">Trending {period}</h2>
        <form className="trending-filters" onSubmit={apply} aria-label="Trending filters">
          <select aria-label="Window" value={chosen} onChange={(e) => change({ window: e.target.value })}>
            {WINDOWS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
          </select>
          <input type="text" aria-label="Language" placeholder="Any language" value={languageText} size={12}
            onChange={(e) => setLanguageText(e.target.value)} onBlur={() => languageText !== language && change({ language: languageText })} />
          <input type="text" aria-label="Topic" placeholder="Any topic" value={topicText} size={12}
            onChange={(e) => setTopicText(e.target.value)} onBlur={() => topicText !== topic && change({ topic: topicText })} />
          <button type="submit" className="button small">Apply</button>
        </form>
      </div>
      {trending.error && <InlineError error={trending.error} />}
      {!trending.data && !trending.error && <Loading label="Loading trending repositories" height={160} />}
      {trending.data && trending.data.items.length === 0 && (
        <p className="muted trending-empty">
          Nothing trends {period}{language ? ` in ${language}` : ''}{topic ? ` on ${topic}` : ''}: stars, forks, pushes and
          clones make a repository trend.
        </p>
      )}
      {trending.data && trending.data.items.length > 0 && (
        <ol className="repo-grid trending-list" aria-label="Trending repositories" aria-busy={trending.loading}>
          {trending.data.items.map((r) => (
            <li key={r.id} className="trending-item" data-score={r.trending.score}>
              <RepoCard repo={r} />
              <p className="trending-why muted small" title={`Score ${r.trending.score}`}>
                {trendReasons(r.trending).join(' · ')} {period}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AllRepositories({ since }: { since: string | null }) {
  const { user } = useSession();
  // Wait for the session: signed in, one sees private repositories one has access to as well.
  const repos = useApi<Repository[]>(user === undefined ? null : `/repositories${query({ since, per_page: PER_PAGE })}`);
  const next = sinceOf(repos.response?.links.next);
  return (
    <section aria-labelledby="all-heading">
      <h2 id="all-heading" className="explore-all-heading">All repositories</h2>
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
    </section>
  );
}
