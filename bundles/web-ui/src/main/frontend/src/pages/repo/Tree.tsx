import { Navigate, useNavigate, useParams } from 'react-router';
import { encodePath, query } from '../../lib/api';
import { useApi, useTitle } from '../../lib/hooks';
import { useRefAndPath } from '../../lib/refs';
import type { ContentEntry } from '../../lib/types';
import { RefPicker } from '../../components/RefPicker';
import { ErrorView, Loading } from '../../components/Status';
import { useRepo } from './RepoLayout';
import { Breadcrumbs, EntryList, LatestCommit, Readme, useFileFinder } from './browse-parts';
import './browse.css';

/** A directory at a ref: breadcrumbs, its entries (dirs first) with a parent link, and its README. */
export default function Tree() {
  const { repo, base, home } = useRepo();
  const { '*': rest = '' } = useParams();
  const split = useRefAndPath(base, rest || repo.default_branch);
  const navigate = useNavigate();
  const ref = split?.ref;
  const path = split?.path ?? '';
  const contents = useApi<ContentEntry[] | ContentEntry>(
    split ? `${base}/contents${path ? '/' + encodePath(path) : ''}${query({ ref })}` : null,
  );
  const [finderButton, finder] = useFileFinder(base, home, ref);
  useTitle(split ? `${path || repo.name} at ${ref} · ${repo.full_name}` : undefined);

  if (contents.error) return <ErrorView error={contents.error} />;
  if (!split || !ref) return <Loading label="Loading files" height={320} />;
  // A file's URL with /tree/ in it (a link guessed wrong): show it as a file.
  if (contents.data && !Array.isArray(contents.data)) {
    return <Navigate to={`${home}/blob/${encodePath(ref)}/${encodePath(path)}`} replace />;
  }
  const parts = path.split('/').filter(Boolean);
  const parent = parts.length === 0 ? undefined
    : `${home}/tree/${encodePath(ref)}${parts.length > 1 ? '/' + encodePath(parts.slice(0, -1).join('/')) : ''}`;

  return (
    <div className="repo-tree">
      <div className="file-toolbar">
        <RefPicker
          base={base}
          current={ref}
          defaultBranch={repo.default_branch}
          onSelect={(name) => navigate(`${home}/tree/${encodePath(name)}${path ? '/' + encodePath(path) : ''}`)}
        />
        <Breadcrumbs home={home} repoName={repo.name} refName={ref} path={path} />
        <span className="toolbar-spacer" />
        {finderButton}
      </div>
      {contents.data && !contents.loading ? (
        <>
          <EntryList
            entries={contents.data}
            home={home}
            refName={ref}
            parent={parent}
            header={<LatestCommit base={base} home={home} refName={ref} path={path} />}
          />
          {contents.data.length === 0 && <p className="muted">This directory is empty.</p>}
          <Readme key={`${ref}:${path}`} base={base} home={home} refName={ref} dir={path} />
        </>
      ) : (
        <Loading label="Loading files" height={320} />
      )}
      {finder}
    </div>
  );
}
