import { Link } from 'react-router';
import { encodePath } from '../../lib/api';
import { plural } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import './commit-impact.css';

/** Why a file is listed, as `GET .../commits/{sha}/impact` answers it. */
export interface ImpactReason {
  kind: 'import' | 'same_package' | 'qualified_name' | 'package_import' | 'naming' | 'changed';
  changed_file: string;
  line: number | null;
  text: string | null;
  why: string;
}

export interface ImpactModule {
  name: string;
  kind: string;
  path: string;
  build_file: string;
}

export interface ImpactFile {
  filename: string;
  language: string | null;
  module: string | null;
  changed: boolean;
  reasons: ImpactReason[];
}

/** Codara's impact analysis of one commit. */
export interface ImpactJson {
  sha: string;
  parent: string | null;
  merge: boolean;
  files: { filename: string; previous_filename?: string; status: string; additions: number; deletions: number; language: string | null; module: string | null }[];
  files_truncated: boolean;
  modules: (ImpactModule & { files: string[] })[];
  dependents: {
    modules: (ImpactModule & { depth: number; via: string; relation: 'depends' | 'inherits' | 'aggregates'; line: number; text: string; reason: string })[];
    files: ImpactFile[];
    total_files: number;
    truncated: boolean;
  };
  owners: {
    codeowners: string | null;
    total: { owner: string; type: 'user' | 'team' | 'email'; files: string[] }[];
    files: { filename: string; owners: string[] }[];
  };
  tests: ImpactFile[];
  scan: { scanned_files: number; skipped_large_files: number; truncated: boolean };
  truncated: boolean;
}

/** The one-line summary of an impact: what the commit touches and reaches. */
export function impactSummary(impact: ImpactJson): string {
  const parts = [plural(impact.modules.length, 'module') + ' touched',
    plural(impact.dependents.modules.length, 'dependent module'),
    plural(impact.dependents.total_files, 'dependent file'),
    plural(impact.tests.length, 'test'),
    plural(impact.owners.total.length, 'owner') + ' to notify'];
  return parts.join(' · ');
}

/** Where an owner of CODEOWNERS leads: a user's profile; teams and emails have no page of their own. */
function ownerLink(owner: string, type: string): string | null {
  return type === 'user' ? `/${owner.slice(1)}` : null;
}

/**
 * The commit's impact panel: the build modules it touches, the modules and files that depend on them, the
 * CODEOWNERS owners to notify and the tests that cover the change, each section collapsible and each entry
 * with the reason it is listed. Nothing when the review capability is not there.
 */
export function CommitImpact({ base, home, sha }: { base: string; home: string; sha: string }) {
  const loaded = useApi<ImpactJson>(`${base}/commits/${encodeURIComponent(sha)}/impact`);
  const impact = loaded.data;
  if (loaded.error) return null;
  if (!impact) {
    return <section className="box commit-impact" aria-label="Impact" aria-busy="true"><h2 className="commit-impact-title">Impact</h2></section>;
  }
  const blob = (path: string, line?: number | null) => `${home}/blob/${impact.sha}/${encodePath(path)}${line ? `#L${line}` : ''}`;
  const reasons = (file: ImpactFile) => (
    <ul className="impact-reasons">
      {file.reasons.map((r, i) => (
        <li key={i}>
          <span className="muted">{r.why}</span>
          {r.text && <> — <Link to={blob(file.filename, r.line)} className="mono">{r.line ? `${r.line}: ` : ''}{r.text}</Link></>}
        </li>
      ))}
    </ul>
  );
  const fileList = (files: ImpactFile[], label: string) => (
    <ul className="impact-files" aria-label={label}>
      {files.map((f) => (
        <li key={f.filename}>
          <Link to={blob(f.filename)} className="mono">{f.filename}</Link>
          {f.module && <span className="muted small"> in {f.module}</span>}
          {f.changed && <span className="muted small"> (changed too)</span>}
          {reasons(f)}
        </li>
      ))}
    </ul>
  );

  return (
    <section className="box commit-impact" aria-label="Impact">
      <h2 className="commit-impact-title">Impact</h2>
      <p className="muted commit-impact-summary">{impactSummary(impact)}{impact.merge ? ' (against the first parent)' : ''}</p>

      <details className="impact-section" open>
        <summary>Modules touched ({impact.modules.length})</summary>
        {impact.modules.length === 0 ? <p className="muted">No build module owns the changed files.</p> : (
          <ul aria-label="Modules touched">
            {impact.modules.map((m) => (
              <li key={`${m.kind}:${m.path}`}>
                <strong>{m.name}</strong> <span className="muted small">{m.kind}, <Link to={blob(m.build_file)} className="mono">{m.build_file}</Link>, {plural(m.files.length, 'changed file')}</span>
              </li>
            ))}
          </ul>
        )}
      </details>

      <details className="impact-section" open>
        <summary>Dependents ({impact.dependents.modules.length} {impact.dependents.modules.length === 1 ? 'module' : 'modules'}, {impact.dependents.total_files} {impact.dependents.total_files === 1 ? 'file' : 'files'})</summary>
        {impact.dependents.modules.length > 0 && (
          <ul aria-label="Dependent modules">
            {impact.dependents.modules.map((m) => (
              <li key={`${m.kind}:${m.path}`}>
                <strong>{m.name}</strong> <span className="muted small">{m.depth > 1 ? `depth ${m.depth}, ` : ''}{m.reason}</span>
                {' '}<Link to={blob(m.build_file, m.line)} className="mono small">{m.text}</Link>
              </li>
            ))}
          </ul>
        )}
        {impact.dependents.files.length > 0 ? fileList(impact.dependents.files, 'Dependent files')
          : <p className="muted">No file outside the change imports it.</p>}
        {impact.dependents.truncated && (
          <p className="muted small" role="note">Showing {impact.dependents.files.length} of {impact.dependents.total_files} dependent files.</p>
        )}
      </details>

      <details className="impact-section" open>
        <summary>Owners to notify ({impact.owners.total.length})</summary>
        {impact.owners.codeowners === null ? <p className="muted">This commit has no CODEOWNERS file.</p>
          : impact.owners.total.length === 0 ? <p className="muted">{impact.owners.codeowners} names no owner of these files.</p> : (
            <ul aria-label="Owners to notify">
              {impact.owners.total.map((o) => {
                const to = ownerLink(o.owner, o.type);
                return (
                  <li key={o.owner}>
                    {to ? <Link to={to}>{o.owner}</Link> : <span>{o.owner}</span>}
                    <span className="muted small"> {o.type}, owns {o.files.length === 1 ? o.files[0] : plural(o.files.length, 'changed file')} ({impact.owners.codeowners})</span>
                  </li>
                );
              })}
            </ul>
          )}
      </details>

      <details className="impact-section" open>
        <summary>Tests ({impact.tests.length})</summary>
        {impact.tests.length > 0 ? fileList(impact.tests, 'Tests')
          : <p className="muted">No test imports the changed code or is named after it.</p>}
      </details>

      {(impact.scan.truncated || impact.files_truncated || impact.scan.skipped_large_files > 0) && (
        <p className="muted small" role="note">
          {impact.files_truncated && 'Only the first changed files were analysed. '}
          {impact.scan.truncated && `Only ${impact.scan.scanned_files.toLocaleString('en')} source files were scanned for imports. `}
          {impact.scan.skipped_large_files > 0 && `${plural(impact.scan.skipped_large_files, 'file')} over 1 MB not scanned.`}
        </p>
      )}
    </section>
  );
}
