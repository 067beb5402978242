import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTitle } from '../lib/hooks';
import { useSession } from '../lib/session';
import { CodeResults } from './search/CodeResults';
import { RepositoryResults } from './search/RepositoryResults';
import { UserResults } from './search/UserResults';
import './dashboard.css';
import './search/search.css';

interface Tab {
  type: string;
  label: string;
  placeholder: string;
  help: ReactNode;
}

/** The kinds of search, as GitHub's `type` parameter names them where GitHub has them. */
export const TABS: Tab[] = [
  {
    type: 'code', label: 'Code', placeholder: 'Search code, e.g. parseDate lang:java repo:alice/tools',
    help: <>Terms match identifiers and their parts; <code>"exact phrase"</code>, <code>/regex/</code>, and the
      qualifiers <code>repo:</code> <code>org:</code> <code>lang:</code> <code>path:</code> <code>branch:</code> <code>symbol:</code> <code>case:yes</code>.</>,
  },
  {
    type: 'repositories', label: 'Repositories', placeholder: 'Search repositories, e.g. tools user:alice',
    help: <>Words from a repository’s name or description; narrow it with <code>user:alice</code>, <code>org:acme</code>,
      <code>is:private</code>, <code>fork:true</code> or <code>in:name</code>.</>,
  },
  {
    type: 'users', label: 'People', placeholder: 'Search people by login, name or email',
    help: <>A login, a name or an email; <code>type:org</code> finds organisations.</>,
  },
];

/** `/search?q=&type=`: one search field, a tab per kind of search, results a keyboard can walk (j/k, ↑/↓, Enter). */
export default function Search() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const tab = TABS.find((t) => t.type === params.get('type')) ?? TABS.find((t) => t.type === 'repositories')!;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const field = useRef<HTMLInputElement>(null);
  useTitle(q ? `${tab.label} search: ${q}` : 'Search');

  const change = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged);
  };
  const onPage = (next: number) => change({ page: next > 1 ? String(next) : null });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change({ q: text.trim() || null, page: null });
  };
  const tabUrl = (type: string) => `/search?${new URLSearchParams({ ...(q ? { q } : {}), type })}`;

  // The session decides what a search may see: wait until it is known, so an answer never changes under the reader.
  const ready = q !== '' && user !== undefined;
  return (
    <div className="search-page">
      <h1 className="visually-hidden">Search</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <input ref={field} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)}
          aria-label={`Search ${tab.label.toLowerCase()}`} placeholder={tab.placeholder} autoFocus={!q} />
        <button type="submit" className="button primary">Search</button>
      </form>
      <nav className="tabs" aria-label="Kinds of search">
        {TABS.map((t) => (
          <Link key={t.type} to={tabUrl(t.type)} aria-current={t.type === tab.type ? 'page' : undefined}
            className={t.type === tab.type ? 'active' : undefined}>{t.label}</Link>
        ))}
      </nav>
      {!q && (
        <div className="empty-state">
          <h3>Search {tab.label.toLowerCase()}</h3>
          <p>{tab.help}</p>
        </div>
      )}
      {ready && tab.type === 'code' && <CodeResults q={q} page={page} onPage={onPage} />}
      {ready && tab.type === 'repositories' && (
        <RepositoryResults q={q} page={page} sortValue={params.get('s') ?? ''} onPage={onPage}
          onSort={(value) => change({ s: value || null, page: null })} />
      )}
      {ready && tab.type === 'users' && <UserResults q={q} page={page} onPage={onPage} />}
    </div>
  );
}
