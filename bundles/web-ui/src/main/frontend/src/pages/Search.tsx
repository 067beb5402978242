import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTitle } from '../lib/hooks';
import { useSession } from '../lib/session';
import { CodeResults } from './search/CodeResults';
import { DependencyResults, ECOSYSTEMS } from './search/DependencyResults';
import { StackTraceSearch } from './search/StackTraceSearch';
import { SymbolResults } from './search/SymbolResults';
import { ExpertResults, asksForExperts } from './search/ExpertResults';
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
    type: 'symbols', label: 'Symbols', placeholder: 'Find a definition, e.g. parseDate kind:method',
    help: <>A name, its beginning or its initials (<code>pD</code> finds <code>parseDate</code>), with <code>kind:</code>
      (class, method, function, field, constant...), <code>lang:</code>, <code>repo:</code>, <code>org:</code>, <code>path:</code>.</>,
  },
  {
    type: 'repositories', label: 'Repositories', placeholder: 'Search repositories, e.g. tools user:alice',
    help: <>Words from a repository’s name or description; narrow it with <code>user:alice</code>, <code>org:acme</code>,
      <code>is:private</code>, <code>fork:true</code> or <code>in:name</code>.</>,
  },
  {
    type: 'users', label: 'People', placeholder: 'Search people by login, name or email',
    help: <>A login, a name or an email; <code>type:org</code> finds organisations. Who knows some code
      best: <code>path:src/auth</code> or <code>symbol:parseDate</code> (with <code>repo:</code>), from its history.</>,
  },
  {
    type: 'dependencies', label: 'Dependencies', placeholder: 'Which repositories depend on a package, e.g. lodash',
    help: <>A package’s name in its ecosystem (<code>org.slf4j:slf4j-api</code>, <code>lodash</code>, <code>requests</code>),
      optionally an ecosystem and a version range in its own syntax (<code>&lt;4.17.21</code>, <code>[2.0,2.13)</code>, <code>&gt;=2,&lt;3</code>).</>,
  },
  {
    type: 'stacktrace', label: 'Stack trace', placeholder: '',
    help: <>Paste a stack trace: its frames are matched to the files and lines of the repositories you can see.</>,
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
  const setRange = (value: string) => {
    if (value.trim() !== (params.get('range') ?? '')) change({ range: value.trim() || null, page: null });
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
      {tab.type !== 'stacktrace' && (
        <form className="search-form" role="search" onSubmit={submit}>
          <input ref={field} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)}
            aria-label={`Search ${tab.label.toLowerCase()}`} placeholder={tab.placeholder} autoFocus={!q} />
          <button type="submit" className="button primary">Search</button>
        </form>
      )}
      <nav className="tabs" aria-label="Kinds of search">
        {TABS.map((t) => (
          <Link key={t.type} to={tabUrl(t.type)} aria-current={t.type === tab.type ? 'page' : undefined}
            className={t.type === tab.type ? 'active' : undefined}>{t.label}</Link>
        ))}
      </nav>
      {tab.type === 'dependencies' && (
        <div className="dependency-filters">
          <label className="small">
            <span className="muted">Ecosystem </span>
            <select value={params.get('ecosystem') ?? ''} onChange={(e) => change({ ecosystem: e.target.value || null, page: null })}>
              {ECOSYSTEMS.map((e) => <option key={e} value={e}>{e || 'any'}</option>)}
            </select>
          </label>
          <label className="small">
            <span className="muted">Version range </span>
            <input type="text" defaultValue={params.get('range') ?? ''} placeholder="any" size={14} key={params.get('range') ?? ''}
              onKeyDown={(e) => { if (e.key === 'Enter') setRange(e.currentTarget.value); }}
              onBlur={(e) => setRange(e.currentTarget.value)} />
          </label>
        </div>
      )}
      {tab.type === 'stacktrace' && <StackTraceSearch repo={params.get('repo') ?? ''} />}
      {!q && tab.type !== 'stacktrace' && (
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
      {ready && tab.type === 'symbols' && <SymbolResults q={q} page={page} onPage={onPage} />}
      {ready && tab.type === 'users' && (asksForExperts(q) ? <ExpertResults q={q} /> : <UserResults q={q} page={page} onPage={onPage} />)}
      {ready && tab.type === 'dependencies' && (
        <DependencyResults q={q} ecosystem={params.get('ecosystem') ?? ''} range={params.get('range') ?? ''} page={page} onPage={onPage} />
      )}
    </div>
  );
}
