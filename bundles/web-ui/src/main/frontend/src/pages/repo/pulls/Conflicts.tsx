import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRepo } from '../RepoLayout';
import { ErrorView, InlineError, Loading } from '../../../components/Status';
import { api } from '../../../lib/api';
import { useApi, useTitle } from '../../../lib/hooks';
import { acceptConflict, conflictRegions, hasMarkers, normalizeLineEndings, type Choice } from './conflictText';
import './pulls.css';

/** One conflicted file as `GET .../pulls/{n}/merge-conflicts` lists it. */
export interface ConflictedFile {
  path: string;
  status: 'both_modified' | 'both_added' | 'deleted_by_head' | 'deleted_by_base' | 'binary' | 'other';
  resolvable: boolean;
  reason: string | null;
  content: string | null;
  hunks: Array<{ start_line: number; ours: string[]; base: string[]; theirs: string[] }>;
}

/** A pull request's merge conflicts. */
export interface MergeConflicts {
  number: number;
  state: string;
  head: { ref: string; sha: string; repo: string };
  base: { ref: string; sha: string; repo: string };
  merge_base_sha: string | null;
  conflicted: boolean;
  resolvable: boolean;
  viewer_can_resolve: boolean;
  files: ConflictedFile[];
}

const STATUS: Record<ConflictedFile['status'], string> = {
  both_modified: 'both modified',
  both_added: 'added by both',
  deleted_by_head: 'deleted in the head branch, modified in the base',
  deleted_by_base: 'modified in the head branch, deleted in the base',
  binary: 'binary',
  other: 'conflict',
};

const CHOICES: Array<{ choice: Choice; label: string }> = [
  { choice: 'current', label: 'Accept current change' },
  { choice: 'incoming', label: 'Accept incoming change' },
  { choice: 'both', label: 'Accept both changes' },
];

/** The command-line steps for conflicts the web editor cannot resolve. */
function CommandLine({ conflicts }: { conflicts: MergeConflicts }) {
  const sameRepository = conflicts.head.repo === conflicts.base.repo;
  const origin = `${window.location.origin}/${conflicts.base.repo}.git`;
  const steps = [
    sameRepository ? 'git fetch origin' : `git fetch ${origin} ${conflicts.base.ref}`,
    `git checkout ${conflicts.head.ref}`,
    sameRepository ? `git merge origin/${conflicts.base.ref}` : 'git merge FETCH_HEAD',
    '# resolve the conflicts, then:',
    'git add <files> && git commit',
    `git push origin ${conflicts.head.ref}`,
  ];
  return (
    <div className="conflict-cli" data-testid="conflict-cli">
      <p>Resolve them on the command line, in a clone of <span className="mono-pill">{conflicts.head.repo}</span>:</p>
      <pre>{steps.join('\n')}</pre>
    </div>
  );
}

/** GitHub's "Resolve conflicts" editor: each conflicted file's merged text, its conflicts, and the merge commit. */
export default function Conflicts() {
  const { number = '' } = useParams();
  const { base, home, repo } = useRepo();
  const path = `${base}/pulls/${number}/merge-conflicts`;
  const conflicts = useApi<MergeConflicts>(path);
  useTitle(`Resolve conflicts · Pull request #${number} · ${repo.full_name}`);

  if (conflicts.error) return <ErrorView error={conflicts.error} />;
  const data = conflicts.data;
  if (!data) return <Loading />;
  const back = `${home}/pull/${number}`;
  if (!data.conflicted) {
    return (
      <section className="conflicts-page" data-testid="conflicts-page">
        <h1>Resolve conflicts</h1>
        <p data-testid="no-conflicts">This branch has no conflicts with the base branch. <Link to={back}>Back to the pull request</Link></p>
      </section>
    );
  }
  // A new head or base is a new set of conflicts: the editor starts again.
  return <ConflictEditor key={`${data.head.sha}:${data.base.sha}`} data={data} path={path} back={back} />;
}

function ConflictEditor({ data, path, back }: { data: MergeConflicts; path: string; back: string }) {
  const navigate = useNavigate();
  const editable = useMemo(() => data.files.filter((f) => f.resolvable && f.content !== null), [data]);
  const complex = useMemo(() => data.files.filter((f) => !f.resolvable), [data]);
  const [texts, setTexts] = useState<Record<string, string>>(
    () => Object.fromEntries(editable.map((file) => [file.path, normalizeLineEndings(file.content ?? '')])));
  const [resolved, setResolved] = useState<Record<string, boolean>>({});
  const [selected, setSelected] = useState<string | undefined>(editable[0]?.path);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const text = selected !== undefined ? texts[selected] ?? '' : '';
  const regions = conflictRegions(text);
  const markersLeft = hasMarkers(text);
  const allResolved = editable.length > 0 && editable.every((f) => resolved[f.path] && !hasMarkers(texts[f.path] ?? ''));
  const canCommit = data.viewer_can_resolve && data.resolvable && allResolved && !busy;
  const edit = (value: string) => {
    if (selected === undefined) return;
    setTexts((all) => ({ ...all, [selected]: value }));
    setResolved((all) => ({ ...all, [selected]: false }));
  };
  const commit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`${path}/resolution`, {
        method: 'POST',
        body: { expected_head_sha: data.head.sha, expected_base_sha: data.base.sha, files: texts },
      });
      navigate(back);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section className="conflicts-page" data-testid="conflicts-page">
      <header className="conflicts-header">
        <h1>Resolve conflicts</h1>
        <p className="muted">
          Merging <span className="mono-pill">{data.base.ref}</span> into <span className="mono-pill">{data.head.ref}</span> of{' '}
          <Link to={back}>pull request #{data.number}</Link> conflicts in {data.files.length} {data.files.length === 1 ? 'file' : 'files'}.
          Resolving them commits a merge of {data.base.ref} into {data.head.ref}.
        </p>
        <div className="conflicts-actions">
          <Link to={back} className="button">Cancel</Link>
          <button type="button" className="button primary" data-testid="commit-merge" disabled={!canCommit} onClick={() => void commit()}>
            {busy ? 'Committing…' : 'Commit merge'}
          </button>
        </div>
        {!data.viewer_can_resolve && <p className="muted small" data-testid="cannot-resolve">Only those who may push to {data.head.repo}:{data.head.ref} can resolve these conflicts here.</p>}
        <InlineError error={error} />
      </header>
      {complex.length > 0 && (
        <div className="conflicts-complex box" data-testid="conflicts-complex">
          <strong>These conflicts are too complex to resolve in the web editor</strong>
          <ul>
            {complex.map((file) => (
              <li key={file.path} data-path={file.path}>
                <span className="mono">{file.path}</span> <span className="muted small">({STATUS[file.status]})</span>: {file.reason}
              </li>
            ))}
          </ul>
          <CommandLine conflicts={data} />
        </div>
      )}
      {editable.length > 0 && (
        <div className="conflicts-layout">
          <nav className="conflict-files" aria-label="Conflicted files">
            <ul>
              {editable.map((file) => {
                const count = conflictRegions(texts[file.path] ?? '').length;
                return (
                  <li key={file.path}>
                    <button type="button" className={`conflict-file${file.path === selected ? ' selected' : ''}`}
                      data-testid="conflict-file" data-path={file.path} data-resolved={!!resolved[file.path]} onClick={() => setSelected(file.path)}>
                      <span className="mono">{file.path}</span>
                      <span className="muted small">{resolved[file.path] ? 'resolved' : `${count} ${count === 1 ? 'conflict' : 'conflicts'}`}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          {selected !== undefined && (
            <div className="conflict-editor">
              <div className="conflict-editor-bar">
                <span className="mono">{selected}</span>
                <span className="muted small" data-testid="marker-count">
                  {regions.length} {regions.length === 1 ? 'conflict' : 'conflicts'}{markersLeft && regions.length === 0 ? ', markers left' : ''}
                </span>
                <button type="button" className="button small" data-testid="mark-resolved"
                  disabled={markersLeft || !!resolved[selected]} onClick={() => setResolved((all) => ({ ...all, [selected]: true }))}>
                  {resolved[selected] ? 'Resolved' : 'Mark as resolved'}
                </button>
              </div>
              {regions.length > 0 && (
                <ol className="conflict-hunks">
                  {regions.map((region, index) => (
                    <li key={`${region.start}-${index}`} data-testid="conflict-hunk">
                      <span className="small muted">Conflict {index + 1}, line {region.start + 1}</span>
                      {CHOICES.map(({ choice, label }) => (
                        <button key={choice} type="button" className="button small link" onClick={() => edit(acceptConflict(text, index, choice))}>
                          {label}
                        </button>
                      ))}
                    </li>
                  ))}
                </ol>
              )}
              <textarea className="conflict-text" aria-label={`Content of ${selected}`} data-testid="conflict-text" spellCheck={false}
                value={text} rows={Math.min(40, Math.max(10, text.split('\n').length + 1))} onChange={(e) => edit(e.target.value)} />
            </div>
          )}
        </div>
      )}
      {editable.length === 0 && <p className="muted">No conflicted file can be resolved in the web editor.</p>}
    </section>
  );
}
