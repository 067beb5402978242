import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, encodePath } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import type { ContentEntry } from '../../lib/types';
import { preloadMarkdown } from '../../lib/markdown';
import { RefPicker } from '../../components/RefPicker';
import { ErrorView, Loading } from '../../components/Status';
import { useRepo } from './RepoLayout';
import { CloneBox, CopyButton, EntryList, LanguagesBar, LatestCommit, Readme, useFileFinder } from './browse-parts';
import './browse.css';

/** The green Code button: a panel with the clone URL. Escape or a click elsewhere closes it. */
function CloneMenu({ url }: { url: string }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    root.current?.querySelector('input')?.focus();
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  return (
    <div className="clone-menu" ref={root} onKeyDown={onKeyDown}>
      <button ref={button} type="button" className="button primary" aria-expanded={open} onClick={() => setOpen(!open)}>
        Code <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="clone-menu-panel">
          <CloneBox url={url} />
        </div>
      )}
    </div>
  );
}

/** An empty repository's page: how to put the first commit in it. */
function QuickSetup({ cloneUrl, canPush, branch }: { cloneUrl: string; canPush: boolean; branch: string }) {
  const fresh = [
    `git clone ${cloneUrl}`,
    `cd ${cloneUrl.replace(/\.git$/, '').split('/').pop()}`,
    'echo "# Hello" > README.md',
    'git add README.md',
    'git commit -m "First commit"',
    `git push -u origin ${branch}`,
  ].join('\n');
  const existing = [`git remote add origin ${cloneUrl}`, `git branch -M ${branch}`, `git push -u origin ${branch}`].join('\n');
  return (
    <section className="box quick-setup" aria-labelledby="quick-setup-title">
      <div className="box-header">
        <h2 id="quick-setup-title" className="quick-setup-title">Quick setup</h2>
        <span className="muted small">This repository is empty.</span>
      </div>
      <div className="box-body">
        <CloneBox url={cloneUrl} />
        {canPush ? (
          <>
            <h3>Create a new repository on the command line</h3>
            <div className="command-block">
              <pre><code>{fresh}</code></pre>
              <CopyButton text={fresh} label="Copy the commands to create a repository" />
            </div>
            <h3>Push an existing repository from the command line</h3>
            <div className="command-block">
              <pre><code>{existing}</code></pre>
              <CopyButton text={existing} label="Copy the commands to push an existing repository" />
            </div>
          </>
        ) : (
          <p className="muted">Nothing has been pushed here yet. Once someone with write access pushes, the files show here.</p>
        )}
      </div>
    </section>
  );
}

/** The repository's front page: files of the default branch, its README, and what the repository is about. */
export default function Home() {
  const { repo, base, home } = useRepo();
  const navigate = useNavigate();
  const ref = repo.default_branch;
  // Without a ref: the default branch, and the very path the layout prefetched.
  const contents = useApi<ContentEntry[]>(`${base}/contents`);
  useEffect(preloadMarkdown, []);
  const empty = contents.error instanceof ApiError && (contents.error.status === 409 || contents.error.status === 404);
  const languages = useApi<Record<string, number>>(`${base}/languages`);
  const [finderButton, finder] = useFileFinder(base, home, contents.data ? ref : undefined);

  const about = (
    <aside className="repo-about" aria-label="About">
      <h2 className="sidebar-title">About</h2>
      {repo.description ? <p className="repo-description">{repo.description}</p> : <p className="muted">No description provided.</p>}
      {repo.homepage && (
        <p className="repo-homepage">
          <a href={/^https?:\/\//i.test(repo.homepage) ? repo.homepage : `https://${repo.homepage}`} rel="noopener noreferrer nofollow">
            {repo.homepage.replace(/^https?:\/\//i, '')}
          </a>
        </p>
      )}
      {repo.topics && repo.topics.length > 0 && (
        <p className="repo-topics" aria-label="Topics">
          {repo.topics.map((topic) => <span key={topic} className="topic">{topic}</span>)}
        </p>
      )}
      <p className="muted small repo-size">Size on disk: {formatBytes(repo.size * 1024)}</p>
      {!empty && (
        <>
          <h2 className="sidebar-title">Languages</h2>
          {languages.data ? <LanguagesBar languages={languages.data} /> : languages.error
            ? <p className="muted small">Languages could not be computed.</p> : <div className="languages-placeholder" />}
        </>
      )}
    </aside>
  );

  if (contents.error && !empty) return <ErrorView error={contents.error} />;

  return (
    <div className="split repo-home">
      <div className="repo-main">
        {empty ? (
          <QuickSetup cloneUrl={repo.clone_url} canPush={!!repo.permissions?.push} branch={ref} />
        ) : (
          <>
            <div className="file-toolbar">
              <RefPicker
                base={base}
                current={ref}
                defaultBranch={repo.default_branch}
                onSelect={(name) => navigate(`${home}/tree/${encodePath(name)}`)}
              />
              <span className="toolbar-spacer" />
              {finderButton}
              <CloneMenu url={repo.clone_url} />
            </div>
            {contents.data ? (
              <EntryList
                entries={contents.data}
                home={home}
                refName={ref}
                header={<LatestCommit base={base} home={home} refName={ref} />}
              />
            ) : (
              <Loading label="Loading files" height={320} />
            )}
            {!contents.error && (
              <Readme
                base={base}
                home={home}
                refName={ref}
                atDefaultBranch
                dir=""
                emptyHint={
                  <div className="box readme-missing">
                    <div className="box-body muted">Add a README.md to say what this repository is for; it shows here.</div>
                  </div>
                }
              />
            )}
          </>
        )}
      </div>
      {about}
      {finder}
    </div>
  );
}
