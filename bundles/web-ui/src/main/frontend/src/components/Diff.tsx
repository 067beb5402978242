import { memo, useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { CommitFile } from '../lib/types';
import {
  INITIAL_LINE_BUDGET, LARGE_FILE_LINES, isLargeFile, pairChanges, parsePatch, planBudget, splitRows, wordDiff,
  type DiffLine, type Hunk,
} from '../lib/patch';
import { plural } from '../lib/format';
import './diff.css';

export type DiffView = 'unified' | 'split';
const VIEW_KEY = 'codara.diff.view';

function storedView(): DiffView {
  try {
    return localStorage.getItem(VIEW_KEY) === 'split' ? 'split' : 'unified';
  } catch {
    return 'unified';
  }
}

/** The unified/split choice, remembered across pages and visits. */
export function useDiffView(): [DiffView, (view: DiffView) => void] {
  const [view, setView] = useState<DiffView>(storedView);
  const choose = useCallback((next: DiffView) => {
    setView(next);
    try {
      localStorage.setItem(VIEW_KEY, next);
    } catch {
      /* private mode: the choice lasts for the page */
    }
  }, []);
  return [view, choose];
}

/** The anchor of a file's box, stable for a file name. */
export function fileAnchor(filename: string): string {
  let hash = 0;
  for (let i = 0; i < filename.length; i++) hash = (Math.imul(hash, 31) + filename.charCodeAt(i)) | 0;
  return `diff-${(hash >>> 0).toString(16)}`;
}

const STATUS: Record<CommitFile['status'], { label: string; sign: string }> = {
  added: { label: 'Added', sign: '+' },
  removed: { label: 'Deleted', sign: '−' },
  modified: { label: 'Modified', sign: '•' },
  renamed: { label: 'Renamed', sign: '→' },
  copied: { label: 'Copied', sign: 'C' },
  changed: { label: 'Changed', sign: '•' },
  unchanged: { label: 'Unchanged', sign: '=' },
};

/** GitHub's five little squares: green for additions, red for deletions, grey for the rest. */
export function DiffStat({ additions, deletions }: { additions: number; deletions: number }) {
  const total = additions + deletions;
  const green = total === 0 ? 0 : Math.round((additions / total) * 5);
  const red = total === 0 ? 0 : Math.min(5 - green, Math.max(deletions > 0 ? 1 : 0, Math.round((deletions / total) * 5)));
  const blocks = Array.from({ length: 5 }, (_, i) => (i < green ? 'add' : i < green + red ? 'del' : 'neutral'));
  return (
    <span className="diff-stat" aria-label={`${plural(additions, 'addition')} and ${plural(deletions, 'deletion')}`}>
      <span className="diff-stat-add" aria-hidden="true">+{additions.toLocaleString('en')}</span>
      <span className="diff-stat-del" aria-hidden="true">−{deletions.toLocaleString('en')}</span>
      <span className="diff-stat-bar" aria-hidden="true">
        {blocks.map((kind, i) => <span key={i} className={`diff-stat-block ${kind}`} />)}
      </span>
    </span>
  );
}

export interface DiffProps {
  files: CommitFile[];
  /** The UI link showing a file as it is after the change (`/o/r/blob/<sha>/<path>`). */
  fileUrl: (file: CommitFile) => string;
  /** Totals over every changed file, when the API gives them (the files list may be cut at its limit). */
  stats?: { additions: number; deletions: number };
  /** Lines rendered before "Show more files" (INITIAL_LINE_BUDGET by default). */
  lineBudget?: number;
  /** Patches longer than this render collapsed behind "Load diff" (LARGE_FILE_LINES by default). */
  largeFileLines?: number;
  /** Discussions on lines (a pull request's review threads) and the way to start one. */
  decor?: LineDecor;
}

/** A diff line by the side GitHub's review comments name: LEFT is the old file, RIGHT the new one. */
export type DiffSide = 'LEFT' | 'RIGHT';

/** What a page hangs on a diff's lines: rows under a line, and a button on each line that starts one. */
export interface LineDecor {
  /** What shows under a line (its threads, a comment form), or nothing. */
  below(file: CommitFile, side: DiffSide, line: number): React.ReactNode;
  /** Starts a comment on a line; without it lines get no button. */
  onComment?(file: CommitFile, side: DiffSide, line: number): void;
  /** Which lines take a comment (all by default; a commit's comments sit on the new side only). */
  commentable?(file: CommitFile, side: DiffSide, line: number): boolean;
}

/** The side and number a review comment would anchor a diff line with: deletions on the left, the rest on the right. */
export function anchorOf(line: DiffLine): { side: DiffSide; line: number } | undefined {
  if (line.kind === 'del') return line.oldLine === undefined ? undefined : { side: 'LEFT', line: line.oldLine };
  return line.newLine === undefined ? undefined : { side: 'RIGHT', line: line.newLine };
}

/**
 * A list of changed files as GitHub shows a commit or a comparison: the summary and the file list with anchors, a
 * unified/split toggle, and one box per file that collapses. Big diffs stay responsive: files over the large-file
 * limit (or without a patch) render collapsed, at most a budget of lines renders at first, and boxes off screen
 * skip layout (content-visibility).
 */
export function Diff({ files, fileUrl, stats, lineBudget = INITIAL_LINE_BUDGET, largeFileLines = LARGE_FILE_LINES, decor }: DiffProps) {
  const [view, setView] = useDiffView();
  const [rounds, setRounds] = useState(1);
  const [atLeast, setAtLeast] = useState(0);
  const plan = useMemo(() => planBudget(files, lineBudget * rounds, largeFileLines), [files, rounds, lineBudget, largeFileLines]);
  const shown = Math.max(plan.shown, Math.min(atLeast, files.length));
  const additions = stats?.additions ?? files.reduce((sum, f) => sum + f.additions, 0);
  const deletions = stats?.deletions ?? files.reduce((sum, f) => sum + f.deletions, 0);

  if (files.length === 0) {
    return <div className="diff-empty box box-body muted">No files changed.</div>;
  }

  return (
    <div className="diff" data-view={view}>
      <div className="diff-toolbar">
        <p className="diff-summary" data-testid="diff-summary">
          <strong>{plural(files.length, 'file')} changed</strong>,{' '}
          <span className="diff-stat-add">{plural(additions, 'addition')}</span>,{' '}
          <span className="diff-stat-del">{plural(deletions, 'deletion')}</span>
        </p>
        <div className="segmented" role="group" aria-label="Diff view">
          <button type="button" className="button small" aria-pressed={view === 'unified'} onClick={() => setView('unified')}>Unified</button>
          <button type="button" className="button small" aria-pressed={view === 'split'} onClick={() => setView('split')}>Split</button>
        </div>
      </div>
      <details className="diff-filelist box" open={files.length <= 12}>
        <summary className="box-header">Files changed</summary>
        <ul>
          {files.map((file, index) => (
            <li key={file.filename}>
              <span className={`diff-file-sign ${file.status}`} title={STATUS[file.status]?.label} aria-hidden="true">{STATUS[file.status]?.sign ?? '•'}</span>
              <a href={`#${fileAnchor(file.filename)}`} className="truncate mono" onClick={() => setAtLeast((n) => Math.max(n, index + 1))}>
                {file.filename}
              </a>
              <span className="diff-stat-add small">+{file.additions}</span>
              <span className="diff-stat-del small">−{file.deletions}</span>
            </li>
          ))}
        </ul>
      </details>
      {files.slice(0, shown).map((file) => (
        <DiffFile key={file.filename} file={file} view={view} url={fileUrl(file)} largeLines={largeFileLines} decor={decor} />
      ))}
      {shown < files.length && (
        <div className="diff-more box box-body">
          <p className="muted">
            {plural(files.length - shown, 'more file')} not shown yet, to keep this page fast.
          </p>
          <button type="button" className="button" onClick={() => setRounds((r) => r + 1)}>Show more files</button>
        </div>
      )}
    </div>
  );
}

/** One changed file: its header, and its hunks unless collapsed. */
export const DiffFile = memo(function DiffFile({ file, view, url, largeLines = LARGE_FILE_LINES, decor }: {
  file: CommitFile; view: DiffView; url: string; largeLines?: number; decor?: LineDecor;
}) {
  const large = isLargeFile(file, largeLines);
  const [open, setOpen] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const hunks = useMemo(() => (open && (!large || loaded) ? parsePatch(file.patch) : []), [file.patch, open, large, loaded]);
  const status = STATUS[file.status] ?? STATUS.modified;
  const anchor = fileAnchor(file.filename);
  const estimate = Math.min(20000, 40 + (file.patch ? file.patch.split('\n', 2000).length * 20 : 60));

  let body: React.ReactNode;
  if (!file.patch) {
    body = (
      <div className="diff-placeholder">
        {file.status === 'renamed' && file.changes === 0 ? (
          <p>File renamed without changes.</p>
        ) : file.changes === 0 && file.status !== 'added' && file.status !== 'removed' ? (
          <p>Only the file's mode changed.</p>
        ) : (
          <p>Large or binary diff not rendered. <Link to={url}>View file</Link></p>
        )}
      </div>
    );
  } else if (large && !loaded) {
    body = (
      <div className="diff-placeholder">
        <p>Large diffs are not rendered by default.</p>
        <div className="actions">
          <button type="button" className="button small" onClick={() => setLoaded(true)}>Load diff</button>
          <Link to={url} className="button small">View file</Link>
        </div>
      </div>
    );
  } else {
    body = view === 'split' ? <SplitTable hunks={hunks} file={file} decor={decor} /> : <UnifiedTable hunks={hunks} file={file} decor={decor} />;
  }

  return (
    <section id={anchor} className="diff-file box" data-file={file.filename}
      style={open ? { containIntrinsicSize: `auto ${estimate}px` } : undefined}>
      <header className="diff-file-header">
        <button type="button" className="diff-toggle" aria-expanded={open} aria-controls={`${anchor}-body`}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${file.filename}`} onClick={() => setOpen(!open)}>
          <span className="chevron" aria-hidden="true" />
        </button>
        <DiffStat additions={file.additions} deletions={file.deletions} />
        <span className="diff-file-name mono">
          {file.previous_filename && file.previous_filename !== file.filename && (
            <><span className="muted">{file.previous_filename}</span> <span aria-label="renamed to">→</span> </>
          )}
          <a href={`#${anchor}`}>{file.filename}</a>
        </span>
        <span className={`badge diff-status ${file.status}`}>{status.label}</span>
        <Link to={url} className="button small diff-view-file">View file</Link>
      </header>
      {open && <div id={`${anchor}-body`} className="diff-file-body">{body}</div>}
    </section>
  );
});

function Code({ line, other }: { line: DiffLine; other?: DiffLine }) {
  if (!other || line.kind === 'context') return <>{line.text}</>;
  const segments = wordDiff(line.text, other.text);
  if (segments.length === 1) return <>{line.text}</>;
  return <>{segments.map((s, i) => (s.changed ? <span key={i} className="word">{s.text}</span> : s.text))}</>;
}

const MARKER: Record<DiffLine['kind'], string> = { add: '+', del: '-', context: ' ' };

function NoNewline() {
  return <span className="no-newline" title="No newline at end of file" role="img" aria-label="No newline at end of file">
      <svg width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
        <circle cx="8" cy="8" r="6" /><path d="M3.8 12.2l8.4-8.4" />
      </svg>
    </span>;
}

function CommentButton({ file, line, decor }: { file: CommitFile; line: DiffLine; decor?: LineDecor }) {
  const anchor = anchorOf(line);
  if (!decor?.onComment || !anchor) return null;
  if (decor.commentable && !decor.commentable(file, anchor.side, anchor.line)) return null;
  return (
    <button type="button" className="diff-comment-button" aria-label={`Comment on line ${anchor.side === 'LEFT' ? 'L' : 'R'}${anchor.line} of ${file.filename}`}
      onClick={() => decor.onComment!(file, anchor.side, anchor.line)}>+</button>
  );
}

function below(file: CommitFile, line: DiffLine | undefined, decor?: LineDecor): React.ReactNode {
  const anchor = line && anchorOf(line);
  return decor && anchor ? decor.below(file, anchor.side, anchor.line) : null;
}

function UnifiedTable({ hunks, file, decor }: { hunks: Hunk[]; file: CommitFile; decor?: LineDecor }) {
  return (
    <div className="diff-scroll">
      <table className="diff-table inline">
        <colgroup><col className="num-col" /><col className="num-col" /><col /></colgroup>
        <tbody>
          {hunks.map((hunk, h) => {
            const pairs = pairChanges(hunk.lines);
            return [
              <tr key={`h${h}`} className="hunk">
                <td colSpan={2} className="num hunk-num" aria-hidden="true" />
                <td className="code">{hunk.header}</td>
              </tr>,
              ...hunk.lines.flatMap((line, i) => {
                const extra = below(file, line, decor);
                return [
                  <tr key={`${h}-${i}`} className={line.kind}>
                    <td className="num" data-n={line.oldLine} />
                    <td className="num" data-n={line.newLine} />
                    <td className="code">
                      <CommentButton file={file} line={line} decor={decor} />
                      <span className="marker">{MARKER[line.kind]}</span>
                      <Code line={line} other={pairs.get(line)} />
                      {line.noNewline && <NoNewline />}
                    </td>
                  </tr>,
                  ...(extra ? [<tr key={`${h}-${i}-x`} className="diff-extra"><td colSpan={3}>{extra}</td></tr>] : []),
                ];
              }),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

function SplitTable({ hunks, file, decor }: { hunks: Hunk[]; file: CommitFile; decor?: LineDecor }) {
  return (
    <div className="diff-scroll">
      <table className="diff-table side-by-side">
        <colgroup><col className="num-col" /><col className="code-col" /><col className="num-col" /><col className="code-col" /></colgroup>
        <tbody>
          {hunks.map((hunk, h) => [
            <tr key={`h${h}`} className="hunk">
              <td className="num hunk-num" aria-hidden="true" />
              <td colSpan={3} className="code">{hunk.header}</td>
            </tr>,
            ...splitRows(hunk.lines).flatMap((row, i) => {
              // A context line is on both sides: its threads are anchored on the right and show there once.
              const left = row.right === row.left ? null : below(file, row.left, decor);
              const right = below(file, row.right, decor);
              return [
                <tr key={`${h}-${i}`}>
                  <Side line={row.left} side="old" other={row.right} file={file} decor={decor} />
                  <Side line={row.right} side="new" other={row.left} file={file} decor={decor} />
                </tr>,
                ...(left || right ? [
                  <tr key={`${h}-${i}-x`} className="diff-extra">
                    <td colSpan={2}>{left}</td>
                    <td colSpan={2}>{right}</td>
                  </tr>,
                ] : []),
              ];
            }),
          ])}
        </tbody>
      </table>
    </div>
  );
}

function Side({ line, side, other, file, decor }: {
  line?: DiffLine; side: 'old' | 'new'; other?: DiffLine; file: CommitFile; decor?: LineDecor;
}) {
  if (!line) {
    return <><td className="num empty" /><td className="code empty" /></>;
  }
  const kind = line.kind;
  return (
    <>
      <td className={`num ${kind}`} data-n={side === 'old' ? line.oldLine : line.newLine} />
      <td className={`code ${kind}`}>
        {(side === 'new' || kind === 'del') && <CommentButton file={file} line={line} decor={decor} />}
        <span className="marker">{MARKER[kind]}</span>
        <Code line={line} other={other && other !== line ? other : undefined} />
        {line.noNewline && <NoNewline />}
      </td>
    </>
  );
}

/** The room a diff takes while it loads, so the page does not jump when it arrives. */
export function DiffPlaceholder() {
  return <div className="diff-loading" aria-hidden="true" />;
}
