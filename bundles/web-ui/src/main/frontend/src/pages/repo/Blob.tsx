import { useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { encodePath, query } from '../../lib/api';
import { formatBytes, plural } from '../../lib/format';
import { splitLines } from '../../lib/highlight-lines';
import { useApi, useTitle } from '../../lib/hooks';
import { isMarkdown } from '../../lib/markdown';
import { useRefAndPath } from '../../lib/refs';
import type { Commit, ContentEntry } from '../../lib/types';
import { Markdown } from '../../components/Markdown';
import { RefPicker } from '../../components/RefPicker';
import { ErrorView, InlineError, Loading } from '../../components/Status';
import { useRepo } from './RepoLayout';
import {
  Breadcrumbs, CopyButton, LatestCommit, decodeContent, isImage, latestCommitPath, rawHead, rawUrl, useFileFinder,
} from './browse-parts';
import { CodeView, useHighlighted, useLineSelection } from './code-view';
import { identifierAtPoint } from './identifiers';
import { SymbolPanel } from './SymbolPanel';
import './browse.css';

/** Files above these show only their beginning, so that the tab stays responsive. */
export const LARGE_BYTES = 1024 * 1024;
export const LARGE_LINES = 5000;
/** How much of a large file shows. */
const HEAD_LINES = 1000;
const HEAD_BYTES = 256 * 1024;

type Body =
  | { kind: 'text'; text: string; lines: string[]; total: number | null; truncated: boolean }
  | { kind: 'image' }
  | { kind: 'binary' }
  | { kind: 'symlink'; target: string }
  | { kind: 'submodule' };

/** What the contents API's answer is, as the page shows it (a large file's beginning is read from raw). */
function useBody(file: ContentEntry | undefined, raw: string) {
  const [head, setHead] = useState<{ text: string; complete: boolean }>();
  const [error, setError] = useState<unknown>();
  const tooLargeInline = file?.type === 'file' && file.encoding === 'none' && !isImage(file.name);
  useEffect(() => {
    setHead(undefined);
    setError(undefined);
    if (!tooLargeInline) return;
    const controller = new AbortController();
    rawHead(raw, HEAD_BYTES, controller.signal).then(setHead).catch((e) => {
      if ((e as Error).name !== 'AbortError') setError(e);
    });
    return () => controller.abort();
  }, [tooLargeInline, raw]);

  const body = useMemo((): Body | undefined => {
    if (!file) return undefined;
    if (file.type === 'symlink') return { kind: 'symlink', target: file.target ?? '' };
    if (file.type === 'submodule') return { kind: 'submodule' };
    if (isImage(file.name)) return { kind: 'image' };
    if (tooLargeInline) {
      if (!head) return undefined;
      if (head.text.includes('\u0000')) return { kind: 'binary' };
      const all = splitLines(head.text);
      return { kind: 'text', text: all.slice(0, HEAD_LINES).join('\n'), lines: all.slice(0, HEAD_LINES), total: null, truncated: true };
    }
    const decoded = decodeContent(file.content ?? '');
    if (decoded.text === null) return { kind: 'binary' };
    const all = splitLines(decoded.text);
    if (all.length > LARGE_LINES || decoded.bytes.length > LARGE_BYTES) {
      const lines = all.slice(0, HEAD_LINES);
      return { kind: 'text', text: lines.join('\n'), lines, total: all.length, truncated: true };
    }
    return { kind: 'text', text: decoded.text, lines: all, total: all.length, truncated: false };
  }, [file, tooLargeInline, head]);
  return { body, error };
}

/** A file at a ref: header with actions, then its code (highlighted, numbered), Markdown, image or a note. */
export default function Blob() {
  const { repo, base, home } = useRepo();
  const { '*': rest = '' } = useParams();
  const split = useRefAndPath(base, rest);
  const navigate = useNavigate();
  const location = useLocation();
  const ref = split?.ref ?? '';
  const path = split?.path ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  const contents = useApi<ContentEntry | ContentEntry[]>(split && path ? `${base}/contents/${encodePath(path)}${query({ ref })}` : null);
  const file = contents.data && !Array.isArray(contents.data) && !contents.loading ? contents.data : undefined;
  const raw = rawUrl(base, ref, path);
  const { body, error: bodyError } = useBody(file, raw);
  const commits = useApi<Commit[]>(split && path ? latestCommitPath(base, ref, path) : null);
  const [finderButton, finder] = useFileFinder(base, home, split ? ref : undefined);
  const [highlighted, setHighlighted] = useState<string[] | null>(null);
  const markdown = isMarkdown(name);
  const { selection, onLineClick } = useLineSelection(body?.kind === 'text');
  const [symbol, setSymbol] = useState<{ name: string; line: number } | null>(null);
  useEffect(() => setSymbol(null), [path, ref]);
  const onCodeClick = (event: React.MouseEvent, line: number) => {
    // Selecting text is not asking for a definition.
    if (window.getSelection()?.toString()) return;
    const identifier = identifierAtPoint(event.clientX, event.clientY);
    if (identifier) setSymbol({ name: identifier, line });
  };
  const [showCode, setShowCode] = useState(() => selection !== null);
  const rendered = markdown && !showCode && body?.kind === 'text' && !body.truncated;
  useHighlighted(body?.kind === 'text' ? body.text : null, name, !rendered, setHighlighted);
  useTitle(split ? `${path} at ${ref} · ${repo.full_name}` : undefined);

  if (contents.error) return <ErrorView error={contents.error} />;
  if (split && !path) return <Navigate to={`${home}/tree/${encodePath(ref)}`} replace />;
  if (split && Array.isArray(contents.data)) {
    return <Navigate to={`${home}/tree/${encodePath(ref)}/${encodePath(path)}`} replace />;
  }
  if (!split || !file) return <Loading label="Loading file" height={400} />;

  const sha = commits.data?.[0]?.sha;
  const permalink = sha ? `${window.location.origin}${home}/blob/${sha}/${encodePath(path)}${location.hash}` : null;
  const lineInfo = body?.kind === 'text' && body.total !== null ? plural(body.total, 'line') : null;

  return (
    <div className="repo-blob">
      <div className="file-toolbar">
        <RefPicker
          base={base}
          current={ref}
          defaultBranch={repo.default_branch}
          onSelect={(next) => navigate(`${home}/blob/${encodePath(next)}/${encodePath(path)}`)}
        />
        <Breadcrumbs home={home} repoName={repo.name} refName={ref} path={path} />
        <span className="toolbar-spacer" />
        {finderButton}
      </div>
      <div className="box file-box">
        <LatestCommit base={base} home={home} refName={ref} path={path} loaded={commits} />
      </div>
      <section className="box file-box" aria-label={`File ${name}`}>
        <div className="box-header file-header">
          {markdown && body?.kind === 'text' && !body.truncated && (
            <div className="segmented" role="group" aria-label="View">
              <button type="button" aria-pressed={!showCode} onClick={() => setShowCode(false)}>Preview</button>
              <button type="button" aria-pressed={showCode} onClick={() => setShowCode(true)}>Code</button>
            </div>
          )}
          <span className="file-info muted small" data-testid="file-info">
            {lineInfo && <span>{lineInfo}</span>}
            {lineInfo && <span aria-hidden="true"> · </span>}
            <span>{formatBytes(file.size)}</span>
          </span>
          <span className="toolbar-spacer" />
          <div className="file-actions">
            {file.type === 'file' && <a className="button small" href={raw}>Raw</a>}
            {file.type === 'file' && body?.kind === 'text' && (
              <Link className="button small" to={`${home}/blame/${encodePath(ref)}/${encodePath(path)}`}>Blame</Link>
            )}
            <Link className="button small" to={`${home}/commits/${encodePath(ref)}/${encodePath(path)}`}>History</Link>
            {permalink && <CopyButtonLabelled text={permalink} />}
          </div>
        </div>
        {body?.kind === 'text' && body.truncated && (
          <p className="notice warning large-file-notice" role="status">
            This file is large{body.total !== null ? ` (${plural(body.total, 'line')}, ${formatBytes(file.size)})` : ` (${formatBytes(file.size)})`};
            only the first {plural(body.lines.length, 'line')} are shown. <a href={raw}>View raw</a> for all of it.
          </p>
        )}
        {bodyError ? <div className="box-body"><InlineError error={bodyError} /></div>
          : !body ? <Loading label="Loading the beginning of the file" height={200} />
          : body.kind === 'image' ? (
            <div className="file-image"><img src={raw} alt={name} /></div>
          ) : body.kind === 'binary' ? (
            <div className="box-body file-note">This is a binary file, not shown here. <a href={raw}>View raw</a> to download it.</div>
          ) : body.kind === 'symlink' ? (
            <div className="box-body file-note">
              Symbolic link to <Link to={`${home}/blob/${encodePath(ref)}/${encodePath(resolveTarget(path, body.target))}`} className="mono">{body.target}</Link>
            </div>
          ) : body.kind === 'submodule' ? (
            <div className="box-body file-note">A submodule at commit <code>{file.sha}</code>.</div>
          ) : rendered ? (
            <div className="box-body">
              <Markdown source={body.text} context={{ base, home, ref, dir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '' }} label={name} />
            </div>
          ) : body.text === '' ? (
            <div className="box-body file-note muted">This file is empty.</div>
          ) : (
            <CodeView lines={body.lines} highlighted={highlighted} selection={selection} onLineClick={onLineClick} onCodeClick={onCodeClick} />
          )}
      </section>
      {symbol && (
        <SymbolPanel key={`${symbol.name}:${symbol.line}`} repository={repo.full_name} name={symbol.name} refName={ref} path={path}
          line={symbol.line} onClose={() => setSymbol(null)} />
      )}
      {finder}
    </div>
  );
}

function CopyButtonLabelled({ text }: { text: string }) {
  return (
    <span className="permalink" title="A link to this file at this commit, which later commits do not change">
      <CopyButton text={text} label="Copy permalink" idle="Copy permalink" />
    </span>
  );
}

function resolveTarget(path: string, target: string): string {
  const parts = path.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment && segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}
