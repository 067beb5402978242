import { useRef } from 'react';
import { Link } from 'react-router';
import { query } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import { useResultKeys } from './keys';
import { Pager, PER_PAGE, ResultState, blobUrl } from './parts';

interface Declaration {
  ecosystem: string; name: string; requirement: string | null; version: string | null; scope: string | null;
  manifest: string; line: number;
}
interface DependentItem { repository: { full_name: string; private: boolean }; branch: string; commit: string; dependencies: Declaration[] }
interface DependentAnswer { total_count: number; incomplete_results: boolean; items: DependentItem[] }

export const ECOSYSTEMS = ['', 'maven', 'npm', 'pypi', 'go', 'cargo', 'nuget', 'rubygems'];

/** Which repositories depend on a package, at an optional version range, with the declarations that say so. */
export function DependencyResults({ q, ecosystem, range, page, onPage }: {
  q: string; ecosystem: string; range: string; page: number; onPage: (page: number) => void;
}) {
  const result = useApi<DependentAnswer>(`/search/dependencies${query({ q, ecosystem, range, page, per_page: PER_PAGE })}`);
  const list = useRef<HTMLUListElement>(null);
  useResultKeys(list);
  return (
    <ResultState result={result} what="Dependency" empty={(
      <>
        <h3>No repository depends on “{q}”{range ? ` at ${range}` : ''}</h3>
        <p>Use the package’s name in its ecosystem: <code>org.slf4j:slf4j-api</code> for Maven, <code>lodash</code> for npm.</p>
      </>
    )}>
      {(data) => (
        <>
          <h2 className="search-count" aria-live="polite">{plural(data.total_count, 'dependent repository', 'dependent repositories')}</h2>
          <ul className="code-results" ref={list} aria-label="Dependent repositories" aria-busy={result.loading}>
            {data.items.map((item) => (
              <li key={item.repository.full_name} className="code-result">
                <div className="code-result-head">
                  <Link to={`/${item.repository.full_name}`} data-result className="code-result-path">{item.repository.full_name}</Link>
                  {item.repository.private && <span className="badge">Private</span>}
                </div>
                <table className="code-lines dependency-lines"><tbody>
                  {item.dependencies.map((d) => (
                    <tr key={`${d.manifest}:${d.line}:${d.name}`}>
                      <td><span className="badge">{d.ecosystem}</span> <code>{d.name}</code></td>
                      <td><code>{d.version ?? d.requirement ?? 'any version'}</code>{d.version && d.requirement && d.requirement !== d.version
                        ? <span className="muted"> (asks {d.requirement})</span> : null}</td>
                      <td className="muted">{d.scope ?? ''}</td>
                      <td><Link to={blobUrl(item.repository.full_name, item.commit, d.manifest, d.line || undefined)}>{d.manifest}{d.line ? `:${d.line}` : ''}</Link></td>
                    </tr>
                  ))}
                </tbody></table>
              </li>
            ))}
          </ul>
          <Pager page={page} total={data.total_count} onPage={onPage} />
        </>
      )}
    </ResultState>
  );
}
