// Pieces shared by the code browsing pages (home, tree, blob, blame): icons, breadcrumbs, the entries list, the
// file finder, the clone box, the languages bar and the latest commit bar.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, encodePath, query } from '../../lib/api';
import { fuzzyFilter, type FuzzyMatch } from '../../lib/fuzzy';
import { useApi, useHotkey, type Loaded } from '../../lib/hooks';
import { shortSha, summary, timeAgo, formatDate } from '../../lib/format';
import type { Commit, ContentEntry } from '../../lib/types';
import { Avatar } from '../../components/Avatar';
import { CommitStatus } from '../../components/CommitStatus';
import { Markdown } from '../../components/Markdown';
import { isMarkdown } from '../../lib/markdown';

// ---- icons (inline SVG, coloured by currentColor)

const iconPaths: Record<string, string> = {
  dir: 'M1.75 1A1.75 1.75 0 0 0 0 2.75v10.5C0 14.22.78 15 1.75 15h12.5A1.75 1.75 0 0 0 16 13.25v-8.5A1.75 1.75 0 0 0 14.25 3H7.5a.25.25 0 0 1-.2-.1l-.9-1.2C6.07 1.26 5.55 1 5 1H1.75Z',
  file: 'M2 1.75C2 .78 2.78 0 3.75 0h6.59c.46 0 .91.18 1.24.51l2.91 2.91c.33.33.51.78.51 1.24v9.59A1.75 1.75 0 0 1 13.25 16h-9.5A1.75 1.75 0 0 1 2 14.25Zm1.75-.25a.25.25 0 0 0-.25.25v12.5c0 .14.11.25.25.25h9.5a.25.25 0 0 0 .25-.25V6h-2.75A1.75 1.75 0 0 1 9 4.25V1.5Zm6.75.06V4.25c0 .14.11.25.25.25h2.69l-2.94-2.94Z',
  symlink: 'M2 1.75C2 .78 2.78 0 3.75 0h6.59c.46 0 .91.18 1.24.51l2.91 2.91c.33.33.51.78.51 1.24v9.59A1.75 1.75 0 0 1 13.25 16h-9.5A1.75 1.75 0 0 1 2 14.25Zm1.75-.25a.25.25 0 0 0-.25.25v12.5c0 .14.11.25.25.25h9.5a.25.25 0 0 0 .25-.25V6h-2.75A1.75 1.75 0 0 1 9 4.25V1.5ZM8.5 8.5 6.25 6.25v1.5H5v3h1.5v-1.5h-.75L8.5 8.5Z',
  submodule: 'M0 2.75C0 1.78.78 1 1.75 1h12.5c.97 0 1.75.78 1.75 1.75v10.5A1.75 1.75 0 0 1 14.25 15H1.75A1.75 1.75 0 0 1 0 13.25Zm9.42 9.36 2.883-2.677a.25.25 0 0 0 0-.366L9.42 6.39a.249.249 0 0 0-.42.183V8.5H4.75a.75.75 0 0 0 0 1.5H9v1.927c0 .218.26.331.42.183Z',
};

/** The icon of a tree entry: folder, file, symlink or submodule. */
export function EntryIcon({ type }: { type: string }) {
  const kind = iconPaths[type] ? type : 'file';
  return (
    <svg className={`entry-icon entry-icon-${kind}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={iconPaths[kind]} />
    </svg>
  );
}

// ---- breadcrumbs

/** repo / dir / sub / file, each a link to its tree (the last one plain text). */
export function Breadcrumbs({ home, repoName, refName, path }: { home: string; repoName: string; refName: string; path: string }) {
  const parts = path.split('/').filter(Boolean);
  const ref = encodePath(refName);
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to={`${home}/tree/${ref}`} className="breadcrumb-root">{repoName}</Link>
      {parts.map((part, i) => {
        const to = `${home}/tree/${ref}/${encodePath(parts.slice(0, i + 1).join('/'))}`;
        return (
          <span key={to} className="breadcrumb">
            <span className="breadcrumb-separator" aria-hidden="true">/</span>
            {i === parts.length - 1 ? <strong aria-current="page">{part}</strong> : <Link to={to}>{part}</Link>}
          </span>
        );
      })}
    </nav>
  );
}

// ---- entries list

/** Directories first, then files, each by name as git sorts them case-insensitively. */
export function sortEntries(entries: ContentEntry[]): ContentEntry[] {
  const rank = (e: ContentEntry) => (e.type === 'dir' ? 0 : e.type === 'submodule' ? 1 : 2);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export function entryHref(home: string, ref: string, entry: { type: string; path: string }): string {
  return `${home}/${entry.type === 'dir' ? 'tree' : 'blob'}/${encodePath(ref)}/${encodePath(entry.path)}`;
}

/**
 * A directory's entries. `j`/`k` (or the arrow keys once inside) move the focus through them and Enter opens the
 * focused one.
 */
export function EntryList({ entries, home, refName, parent, header }: {
  entries: ContentEntry[];
  home: string;
  refName: string;
  /** The tree URL of the parent directory, for the `..` row; undefined at the root. */
  parent?: string;
  header?: React.ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  const sorted = useMemo(() => sortEntries(entries), [entries]);
  const move = (delta: number) => {
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.entry-link') ?? [])];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = at < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.min(Math.max(at + delta, 0), links.length - 1);
    links[next].focus();
  };
  useHotkey('j', () => move(1));
  useHotkey('k', () => move(-1));
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  };
  return (
    <div className="box entries" ref={list} onKeyDown={onKeyDown}>
      {header}
      <ul className="entry-list" aria-label="Files">
        {parent !== undefined && (
          <li className="entry-row">
            <Link to={parent} className="entry-link entry-parent" aria-label="Parent directory">
              <span className="entry-icon-space" aria-hidden="true" />
              <span>..</span>
            </Link>
          </li>
        )}
        {sorted.map((entry) => (
          <li key={entry.path} className="entry-row" data-type={entry.type}>
            {entry.type === 'submodule' ? (
              <span className="entry-link entry-submodule" tabIndex={0}>
                <EntryIcon type="submodule" />
                <span className="entry-name">{entry.name}</span>
                <span className="muted small">@ {shortSha(entry.sha)}</span>
              </span>
            ) : (
              <Link to={entryHref(home, refName, entry)} className="entry-link">
                <EntryIcon type={entry.type} />
                <span className="entry-name">{entry.name}</span>
                {entry.type === 'symlink' && <span className="muted small">symlink</span>}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---- latest commit bar

export function latestCommitPath(base: string, refName: string, path?: string): string {
  return `${base}/commits${query({ sha: refName, path: path || undefined, per_page: 1 })}`;
}

/** The last commit on `refName` (touching `path` if given): author, message, short sha and age. */
export function LatestCommit({ base, home, refName, path, loaded }: {
  base: string;
  home: string;
  refName: string;
  path?: string;
  /** The commits already loaded by the page (see latestCommitPath); loaded here otherwise. */
  loaded?: Loaded<Commit[]>;
}) {
  const own = useApi<Commit[]>(loaded ? null : latestCommitPath(base, refName, path));
  const commits = loaded ?? own;
  const commit = commits.data?.[0];
  return (
    <div className="latest-commit box-header" aria-busy={commits.loading}>
      {commit ? (
        <>
          {commit.author ? <Avatar user={commit.author} size={20} /> : <span className="avatar-space" aria-hidden="true" />}
          <strong className="nowrap">{commit.author?.login ?? commit.commit.author.name}</strong>
          <Link to={`${home}/commit/${commit.sha}`} className="latest-commit-message truncate">{summary(commit.commit.message)}</Link>
          <CommitStatus base={base} sha={commit.sha} />
          <span className="latest-commit-meta muted small nowrap">
            <Link to={`${home}/commit/${commit.sha}`} className="mono muted">{shortSha(commit.sha)}</Link>
            <span className="when">
              {' · '}
              <time dateTime={commit.commit.author.date} title={formatDate(commit.commit.author.date)}>{timeAgo(commit.commit.author.date)}</time>
            </span>
          </span>
          <Link to={`${home}/commits/${encodePath(refName)}${path ? '/' + encodePath(path) : ''}`} className="button small">History</Link>
        </>
      ) : (
        <span className="muted small">{commits.error ? 'The latest commit could not be loaded.' : '\u00a0'}</span>
      )}
    </div>
  );
}

// ---- file finder

interface GitTree {
  tree: Array<{ path: string; type: string }>;
  truncated: boolean;
}

const treeCache = new Map<string, Promise<{ paths: string[]; truncated: boolean }>>();

function filePaths(base: string, ref: string) {
  const key = `${base}@${ref}`;
  let paths = treeCache.get(key);
  if (!paths) {
    paths = api<GitTree>(`${base}/git/trees/${encodePath(ref)}?recursive=1`).then((t) => ({
      paths: t.tree.filter((e) => e.type === 'blob').map((e) => e.path),
      truncated: t.truncated,
    }));
    paths.catch(() => treeCache.delete(key));
    treeCache.set(key, paths);
  }
  return paths;
}

function Highlighted({ match }: { match: FuzzyMatch }) {
  const marks = new Set(match.positions);
  const out: React.ReactNode[] = [];
  let run = '';
  let marked = false;
  const flush = (i: number) => {
    if (run) out.push(marked ? <mark key={i}>{run}</mark> : run);
    run = '';
  };
  for (let i = 0; i < match.path.length; i++) {
    const m = marks.has(i);
    if (m !== marked) {
      flush(i);
      marked = m;
    }
    run += match.path[i];
  }
  flush(match.path.length);
  return <>{out}</>;
}

/** GitHub's `t`: a dialog that fuzzy-finds a file of the ref by name and opens it. */
export function FileFinder({ base, home, refName, onClose }: { base: string; home: string; refName: string; onClose(): void }) {
  const [paths, setPaths] = useState<{ paths: string[]; truncated: boolean }>();
  const [error, setError] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useNavigate();
  const id = useId();
  const previous = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    let live = true;
    filePaths(base, refName).then((p) => live && setPaths(p)).catch(() => live && setError(true));
    const back = previous.current;
    return () => {
      live = false;
      if (back instanceof HTMLElement) back.focus();
    };
  }, [base, refName]);

  const matches = useMemo(() => (paths ? fuzzyFilter(text, paths.paths, 50) : []), [paths, text]);
  useEffect(() => setActive(0), [text]);
  useEffect(() => {
    document.getElementById(`${id}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const open = (path: string) => {
    onClose();
    navigate(`${home}/blob/${encodePath(refName)}/${encodePath(path)}`);
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (matches[active]) open(matches[active].path);
    }
  };

  return (
    <div className="finder-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="finder" role="dialog" aria-modal="true" aria-label="Find a file" onKeyDown={onKeyDown}>
        <div className="finder-header">
          <span className="muted">{refName} /</span>
          <input
            type="text"
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Type part of a file name…"
            aria-label="Find a file"
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={matches[active] ? `${id}-${active}` : undefined}
          />
          <kbd className="hide-sm">Esc</kbd>
        </div>
        <ul className="finder-list" role="listbox" id={`${id}-list`} aria-label="Matching files">
          {error && <li className="finder-empty">The file list could not be loaded.</li>}
          {!error && !paths && <li className="finder-empty">Loading the file list…</li>}
          {paths && matches.length === 0 && <li className="finder-empty">No file matches “{text}”.</li>}
          {matches.map((match, i) => (
            <li
              key={match.path}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => open(match.path)}
            >
              <EntryIcon type="file" />
              <span className="truncate"><Highlighted match={match} /></span>
            </li>
          ))}
        </ul>
        {paths?.truncated && <p className="finder-note muted small">This repository has more files than the finder lists.</p>}
      </div>
    </div>
  );
}

/** The `t` shortcut and a button for the file finder; answers [button, dialog]. */
export function useFileFinder(base: string, home: string, refName: string | undefined) {
  const [open, setOpen] = useState(false);
  useHotkey('t', () => setOpen(true), refName !== undefined);
  const button = (
    <button type="button" className="button" onClick={() => setOpen(true)} aria-keyshortcuts="t" title="Find a file (t)">
      Go to file <kbd className="hide-sm">t</kbd>
    </button>
  );
  const dialog = open && refName !== undefined
    ? <FileFinder base={base} home={home} refName={refName} onClose={() => setOpen(false)} />
    : null;
  return [button, dialog] as const;
}

// ---- contents

/** A file's content from the contents API: base64 to bytes, and to text unless it looks binary (a NUL early on). */
export function decodeContent(base64: string): { bytes: Uint8Array; text: string | null } {
  const binary = atob(base64.replace(/\s/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, text: looksBinary(bytes) ? null : new TextDecoder('utf-8').decode(bytes) };
}

export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export function isImage(name: string): boolean {
  return /\.(png|jpe?g|gif|webp|bmp|ico)$/i.test(name);
}

export function rawUrl(base: string, ref: string, path: string): string {
  return `/api/v3${base}/raw/${encodePath(ref)}/${encodePath(path)}`;
}

/**
 * The first `limit` bytes of a raw file, read from a stream that is then cancelled: a large file is never
 * downloaded whole just to show its beginning. Cut at the last newline.
 */
export async function rawHead(url: string, limit: number, signal?: AbortSignal): Promise<{ text: string; complete: boolean }> {
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok || !response.body) throw new Error(`The file could not be read (HTTP ${response.status}).`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  if (!complete) await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.length, bytes.length - at));
    bytes.set(part, at);
    at += part.length;
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (!complete) {
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut + 1);
  }
  return { text, complete };
}

// ---- clone box

export function CopyButton({ text, label, idle = 'Copy' }: { text: string; label: string; idle?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    if (!navigator.clipboard) {
      setState('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <button type="button" className="button small copy-button" onClick={copy} aria-label={state === 'idle' ? label : undefined}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C' : idle}</span>
    </button>
  );
}

/** The HTTP clone URL, selectable, with a copy button. */
export function CloneBox({ url }: { url: string }) {
  const id = useId();
  return (
    <div className="clone-box">
      <label htmlFor={id} className="clone-label">Clone with HTTPS</label>
      <div className="clone-row">
        <input id={id} type="text" readOnly value={url} className="mono" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={url} label="Copy the clone URL" />
      </div>
    </div>
  );
}

// ---- languages

const languageColours: Record<string, string> = {
  Java: '#b07219', JavaScript: '#f1e05a', TypeScript: '#3178c6', Python: '#3572A5', Go: '#00ADD8', Rust: '#dea584',
  C: '#555555', 'C++': '#f34b7d', 'C#': '#178600', Kotlin: '#A97BFF', Scala: '#c22d40', Ruby: '#701516',
  PHP: '#4F5D95', Shell: '#89e051', HTML: '#e34c26', CSS: '#563d7c', SCSS: '#c6538c', Less: '#1d365d',
  Markdown: '#083fa1', JSON: '#292929', YAML: '#cb171e', XML: '#0060ac', Groovy: '#4298b8', Swift: '#F05138',
  Dockerfile: '#384d54', Makefile: '#427819', Lua: '#000080', Perl: '#0298c3', SQL: '#e38c00', Vue: '#41b883',
  Dart: '#00B4AB', Haskell: '#5e5086', Elixir: '#6e4a7e', Clojure: '#db5855', 'Objective-C': '#438eff',
  Batchfile: '#C1F12E', PowerShell: '#012456', R: '#198CE7', Julia: '#a270ba', 'Jupyter Notebook': '#DA5B0B',
};

export function languageColour(name: string): string {
  if (languageColours[name]) return languageColours[name];
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 50%)`;
}

/** Bytes per language to a proportional bar and a legend with percentages; small ones fold into Other. */
export function LanguagesBar({ languages }: { languages: Record<string, number> }) {
  const total = Object.values(languages).reduce((a, b) => a + b, 0);
  if (total === 0) return <p className="muted small">No languages detected yet.</p>;
  const sorted = Object.entries(languages).sort((a, b) => b[1] - a[1]);
  const shown = sorted.filter(([, bytes]) => bytes / total >= 0.001).slice(0, 8);
  const rest = total - shown.reduce((a, [, b]) => a + b, 0);
  const items = rest > 0 ? [...shown, ['Other', rest] as [string, number]] : shown;
  const percent = (bytes: number) => (bytes / total) * 100;
  return (
    <div className="languages">
      <div className="languages-bar" role="img" aria-label={items.map(([n, b]) => `${n} ${percent(b).toFixed(1)}%`).join(', ')}>
        {items.map(([name, bytes]) => (
          <span key={name} style={{ width: `${percent(bytes)}%`, backgroundColor: name === 'Other' ? 'var(--fg-muted)' : languageColour(name) }} title={name} />
        ))}
      </div>
      <ul className="languages-legend">
        {items.map(([name, bytes]) => (
          <li key={name}>
            <span className="language-dot" style={{ backgroundColor: name === 'Other' ? 'var(--fg-muted)' : languageColour(name) }} aria-hidden="true" />
            <strong>{name}</strong> <span className="muted">{percent(bytes).toFixed(1)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---- README

/**
 * The README of a directory at a ref (the root's when `dir` is ''), rendered if it is Markdown and shown as text
 * otherwise. Nothing when there is none, unless `emptyHint` says what to show then.
 */
export function Readme({ base, home, refName, atDefaultBranch = false, dir, emptyHint }: {
  base: string;
  home: string;
  refName: string;
  /** Asks without a ref (the default branch), as the repository layout prefetches it. */
  atDefaultBranch?: boolean;
  dir: string;
  emptyHint?: React.ReactNode;
}) {
  const readme = useApi<ContentEntry>(`${base}/readme${dir ? '/' + encodePath(dir) : ''}${query({ ref: atDefaultBranch ? undefined : refName })}`);
  const file = readme.data;
  const decoded = useMemo(() => (file?.content ? decodeContent(file.content) : null), [file]);
  if (readme.error) return readme.error.status === 404 && emptyHint ? <>{emptyHint}</> : null;
  if (!file) return <div className="readme-placeholder" aria-hidden="true" />;
  const fileDir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
  return (
    <section className="box readme" aria-labelledby="readme-title">
      <div className="box-header">
        <h2 id="readme-title" className="readme-title">
          <Link to={`${home}/blob/${encodePath(refName)}/${encodePath(file.path)}`}>{file.name}</Link>
        </h2>
      </div>
      <div className="box-body">
        {file.encoding === 'none' || !decoded ? (
          <p className="muted">This README is too large to show here. <a href={rawUrl(base, refName, file.path)}>View it raw</a>.</p>
        ) : decoded.text === null ? (
          <p className="muted">This README is a binary file.</p>
        ) : isMarkdown(file.name) ? (
          <Markdown source={decoded.text} context={{ base, home, ref: refName, dir: fileDir }} label={file.name} />
        ) : (
          <pre className="readme-plain">{decoded.text}</pre>
        )}
      </div>
    </section>
  );
}
