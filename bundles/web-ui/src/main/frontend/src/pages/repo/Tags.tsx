import { Link, useSearchParams } from 'react-router';
import { useRepo } from './RepoLayout';
import { pageOf } from './Commits';
import { TagIcon } from './icons';
import { ErrorView, Loading } from '../../components/Status';
import { API, encodePath, query } from '../../lib/api';
import { formatDate, shortSha, summary, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import type { Commit, Tag } from '../../lib/types';
import './history.css';

const PER_PAGE = 30;

function TagRow({ tag, base, home }: { tag: Tag; base: string; home: string }) {
  // The tag's commit without its diff: the first entry of its history.
  const commit = useApi<Commit[]>(`${base}/commits${query({ sha: tag.commit.sha, per_page: 1 })}`);
  const c = commit.data?.[0];
  const date = c?.commit.committer.date;
  const archive = (kind: 'zipball' | 'tarball') => `${API}${base}/${kind}/refs/tags/${encodePath(tag.name)}`;
  return (
    <li className="box-row ref-row" data-tag={tag.name}>
      <span className="ref-name">
        <TagIcon />
        <Link to={`${home}/tree/${encodePath(tag.name)}`}>{tag.name}</Link>
        {c && <span className="muted small truncate" title={c.commit.message}>{summary(c.commit.message)}</span>}
      </span>
      <span className="ref-updated muted small">
        {date ? <time dateTime={date} title={formatDate(date)}>{timeAgo(date)}</time> : '\u00a0'}
      </span>
      <span className="ref-actions">
        <Link to={`${home}/commit/${tag.commit.sha}`} className="button small mono" aria-label={`Commit ${shortSha(tag.commit.sha)}`}>
          {shortSha(tag.commit.sha)}
        </Link>
        <a href={archive('zipball')} className="button small" download aria-label={`Download ${tag.name} as zip`}>zip</a>
        <a href={archive('tarball')} className="button small" download aria-label={`Download ${tag.name} as tar.gz`}>tar.gz</a>
      </span>
    </li>
  );
}

/** `/o/r/tags`: the tags, each with its commit, date and source archives. */
export default function Tags() {
  const { repo, base, home } = useRepo();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const tags = useApi<Tag[]>(`${base}/tags${query({ page, per_page: PER_PAGE })}`);
  useTitle(`Tags · ${repo.full_name}`);
  const next = pageOf(tags.response?.links.next);
  const prev = pageOf(tags.response?.links.prev);

  if (tags.error) return <ErrorView error={tags.error} />;
  return (
    <div className="history-page">
      <div className="page-header history-header"><h2 className="history-title">Tags</h2></div>
      {!tags.data ? (
        <Loading label="Loading tags" height={240} />
      ) : tags.data.length === 0 ? (
        <div className="box box-body empty-state">
          <h3>No tags yet</h3>
          <p className="muted">Tags mark releases. Create one with <code>git tag v1.0</code> and <code>git push origin v1.0</code>.</p>
        </div>
      ) : (
        <ul className="box ref-list">
          {tags.data.map((tag) => <TagRow key={tag.name} tag={tag} base={base} home={home} />)}
        </ul>
      )}
      {(next || prev) && (
        <nav className="pagination" aria-label="Pages of tags">
          <button type="button" className="button" disabled={!prev} onClick={() => setParams(prev && prev > 1 ? { page: String(prev) } : {})}>Previous</button>
          <button type="button" className="button" disabled={!next} onClick={() => setParams({ page: String(next) })}>Next</button>
        </nav>
      )}
    </div>
  );
}
