import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useHotkey } from '../lib/hooks';
import { useSession } from '../lib/session';
import { useContributions } from '../plugins/contributions';
import { Avatar } from './Avatar';
import { toggleTheme } from '../lib/theme';
import { PlusIcon, ThemeIcon } from './Icons';

// The search box's dropdown is its own chunk, loaded when the box is first focused: the frame stays small.
const SearchSuggestions = lazy(() => import('./SearchSuggestions'));

/** The frame of every page: the header (search, navigation, plugin entries, user menu) and the page below. */
export function Layout() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const search = useRef<HTMLInputElement>(null);
  const [menu, setMenu] = useState(false);
  const [suggest, setSuggest] = useState(false);
  const navigation = useContributions('navigation', user === undefined ? undefined : user !== null);

  useHotkey('/', () => search.current?.focus());
  useEffect(() => setMenu(false), [location.pathname]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = new FormData(event.currentTarget).get('q')?.toString().trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <Link to="/" className="brand" aria-label="Codara home">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>Codara</span>
        </Link>
        <form className="header-search" role="search" onSubmit={submit}>
          <input ref={search} name="q" type="search" placeholder="Search or jump to…  ( / )" aria-label="Search"
            aria-keyshortcuts="/" autoComplete="off" onFocus={() => setSuggest(true)} />
          {suggest && <Suspense fallback={null}><SearchSuggestions input={search} /></Suspense>}
        </form>
        <nav className="header-nav" aria-label="Main">
          {user && <NavLink to="/" end>Dashboard</NavLink>}
          <NavLink to="/explore">Explore</NavLink>
          {navigation.map((entry) => (
            <NavLink key={entry.id} to={`/-/${entry.path}`} data-contribution={entry.id}>{entry.title}</NavLink>
          ))}
        </nav>
        <div className="header-user">
          <button type="button" className="icon-button" onClick={toggleTheme} title="Switch between light and dark"
            aria-label="Switch theme"><ThemeIcon /></button>
          {user === null && (
            <Link className="button" to={`/login?return_to=${encodeURIComponent(location.pathname + location.search)}`}>Sign in</Link>
          )}
          {user && (
            <>
              <Link className="icon-button" to="/new" title="New repository" aria-label="New repository"><PlusIcon /></Link>
              <div className="menu">
                <button type="button" className="menu-button" aria-haspopup="menu" aria-expanded={menu}
                  onClick={() => setMenu((open) => !open)} data-testid="user-menu">
                  <Avatar user={user} size={24} />
                </button>
                {menu && (
                  <div className="menu-list" role="menu">
                    <div className="menu-heading">Signed in as <strong>{user.login}</strong></div>
                    <Link role="menuitem" to={`/${user.login}`}>Your profile</Link>
                    <Link role="menuitem" to="/settings/profile">Settings</Link>
                    <button role="menuitem" type="button" onClick={() => void signOut().then(() => navigate('/'))}>
                      Sign out
                    </button>
                  </div>
                )}
              </div>
            </>
          )}
        </div>
      </header>
      <main id="main" className="app-main">
        <Outlet />
      </main>
    </>
  );
}
