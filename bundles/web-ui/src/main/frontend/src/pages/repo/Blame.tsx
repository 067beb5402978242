import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, encodePath, query } from '../../lib/api';
import { formatDate, plural, shortSha, timeAgo } from '../../lib/format';
import { splitLines } from '../../lib/highlight-lines';
import { useApi, useTitle } from '../../lib/hooks';
import { useRefAndPath } from '../../lib/refs';
import type { ContentEntry } from '../../lib/types';
import { ErrorView, Loading } from '../../components/Status';
import { useRepo } from './RepoLayout';
import { Breadcrumbs, decodeContent, rawUrl } from './browse-parts';
import { inRange, useHighlighted, useLineSelection } from './code-view';
import './browse.css';

/** GET /repos/{o}/{r}/blame/{ref}/{path}: ranges of lines from one commit; age 1 is the newest, 10 the oldest. */
interface BlameRange {
  starting_line: number;
  ending_line: number;
  age: number;
  original_path: string;
  original_starting_line: number;
  commit: {
    sha: string;
    message_headline: string;
    author: { name: string; email: string; date: string };
  };
}

interface BlameResult {
  ref: string;
  sha: string;
  path: string;
  lines: number;
  ranges: BlameRange[];
}

/** Who last changed each line: ranges with commit, author and age (coloured), next to the numbered code. */
export default function Blame() {
  const { repo, base, home } = useRepo();
  const { '*': rest = '' } = useParams();
  const split = useRefAndPath(base, rest);
  const ref = split?.ref ?? '';
  const path = split?.path ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  const blame = useApi<BlameResult>(split ? `${base}/blame/${encodePath(ref)}/${encodePath(path)}` : null);
  const contents = useApi<ContentEntry>(split && blame.data ? `${base}/contents/${encodePath(path)}${query({ ref: blame.data.sha })}` : null);
  const lines = useMemo(() => {
    const content = contents.data?.content;
    if (!content) return null;
    const text = decodeContent(content).text;
    return text === null ? null : splitLines(text);
  }, [contents.data]);
  const text = useMemo(() => (lines ? lines.join('\n') : null), [lines]);
  const [highlighted, setHighlighted] = useState<string[] | null>(null);
  useHighlighted(text, name, true, setHighlighted);
  const { selection, onLineClick } = useLineSelection(lines !== null);
  useTitle(split ? `Blame ${path} at ${ref} · ${repo.full_name}` : undefined);

  const header = split && (
    <div className="file-toolbar">
      <Breadcrumbs home={home} repoName={repo.name} refName={ref} path={path} />
      <span className="toolbar-spacer" />
      <Link className="button small" to={`${home}/blob/${encodePath(ref)}/${encodePath(path)}`}>Normal view</Link>
      <a className="button small" href={rawUrl(base, ref, path)}>Raw</a>
      <Link className="button small" to={`${home}/commits/${encodePath(ref)}/${encodePath(path)}`}>History</Link>
    </div>
  );

  if (blame.error) {
    const e = blame.error;
    if (e instanceof ApiError && (e.status === 413 || e.status === 422)) {
      return (
        <div className="repo-blame">
          {header}
          <div className="box">
            <div className="box-body blame-refused" role="status">
              <strong>{e.status === 413 ? 'This file is too large to blame.' : 'This file cannot be blamed.'}</strong>{' '}
              <span className="muted">{e.message}</span>{' '}
              <Link to={`${home}/blob/${encodePath(ref)}/${encodePath(path)}`}>View the file</Link> instead.
            </div>
          </div>
        </div>
      );
    }
    return <ErrorView error={e} />;
  }
  if (contents.error) return <ErrorView error={contents.error} />;
  if (!blame.data || !lines) {
    return (
      <div className="repo-blame">
        {header}
        <Loading label="Loading blame" height={400} />
      </div>
    );
  }

  return (
    <div className="repo-blame">
      {header}
      <section className="box file-box" aria-label={`Blame of ${name}`}>
        <div className="box-header file-header">
          <span className="muted small">
            {plural(blame.data.lines, 'line')} · {plural(new Set(blame.data.ranges.map((r) => r.commit.sha)).size, 'commit')}
          </span>
          <span className="toolbar-spacer" />
          <span className="blame-legend muted small" aria-hidden="true">
            Older <span className="blame-scale">{[10, 8, 6, 4, 2, 1].map((a) => <span key={a} className="blame-age" data-age={a} />)}</span> Newer
          </span>
        </div>
        <div className="code-scroll">
          <table className="code-table blame-table hljs">
            <tbody>
              {blame.data.ranges.flatMap((range) => {
                const count = range.ending_line - range.starting_line + 1;
                const rows: React.ReactNode[] = [];
                for (let n = range.starting_line; n <= range.ending_line; n++) {
                  const first = n === range.starting_line;
                  const html = highlighted?.[n - 1];
                  rows.push(
                    <tr key={n} className={`${first ? 'blame-first' : ''}${inRange(selection, n) ? ' selected' : ''}`} data-line={n}>
                      {first && (
                        <td className="blame-commit" rowSpan={count}>
                          <div className="blame-commit-inner">
                            <time className="blame-date muted small nowrap" dateTime={range.commit.author.date} title={formatDate(range.commit.author.date)}>
                              {timeAgo(range.commit.author.date)}
                            </time>
                            <Link to={`${home}/commit/${range.commit.sha}`} className="blame-message truncate" title={range.commit.message_headline}>
                              {range.commit.message_headline || shortSha(range.commit.sha)}
                            </Link>
                            <span className="blame-author muted small truncate">
                              {range.commit.author.name} · <span className="mono">{shortSha(range.commit.sha)}</span>
                            </span>
                          </div>
                        </td>
                      )}
                      {first && <td className="blame-age-cell" rowSpan={count}><span className="blame-age" data-age={range.age} title={`Age ${range.age} of 10 (1 is the newest)`} /></td>}
                      <td className="line-number">
                        <a id={`L${n}`} href={`#L${n}`} onClick={(e) => onLineClick(e, n)} aria-label={`Line ${n}`}>{n}</a>
                      </td>
                      {html !== undefined
                        ? <td className="line-code" dangerouslySetInnerHTML={{ __html: html || '\u200b' }} />
                        : <td className="line-code">{lines[n - 1] || '\u200b'}</td>}
                    </tr>,
                  );
                }
                return rows;
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
