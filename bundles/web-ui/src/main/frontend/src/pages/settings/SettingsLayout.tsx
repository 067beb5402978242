import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { Loading } from '../../components/Status';
import { useSession } from '../../lib/session';
import { useContributions } from '../../plugins/contributions';
import './settings.css';

const SECTIONS: Array<{ group: string; links: Array<{ to: string; label: string }> }> = [
  { group: 'Profile', links: [{ to: 'profile', label: 'Public profile' }, { to: 'emails', label: 'Emails' }] },
  { group: 'Access', links: [
    { to: 'password', label: 'Password' },
    { to: 'sessions', label: 'Sessions' },
    { to: 'keys', label: 'SSH and GPG keys' },
    { to: 'tokens', label: 'Personal access tokens' },
  ] },
];

/**
 * The frame of the signed-in user's settings: who they are, the side navigation (a horizontal scroller on a
 * phone) with the pages plugins add, and the page. Visitors who are not signed in are sent to sign in first.
 */
export default function SettingsLayout() {
  const { user } = useSession();
  const location = useLocation();
  const plugins = useContributions('user_settings', user === undefined ? undefined : user !== null);

  if (user === undefined) return <Loading height={400} />;
  if (user === null) {
    return <Navigate to={`/login?return_to=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }

  return (
    <div className="settings">
      <div className="settings-heading">
        <Avatar user={user} size={48} />
        <div className="settings-who">
          <h1>
            {user.name ? <>{user.name} <span className="muted settings-login">({user.login})</span></> : user.login}
          </h1>
          <p className="muted">Your personal account</p>
        </div>
        <Link className="button settings-profile-link" to={`/${user.login}`}>Go to your public profile</Link>
      </div>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings">
          {SECTIONS.map((section) => (
            <div className="settings-nav-group" key={section.group}>
              <h2 className="settings-nav-title">{section.group}</h2>
              {section.links.map((link) => <NavLink key={link.to} to={link.to}>{link.label}</NavLink>)}
            </div>
          ))}
          {plugins.length > 0 && (
            <div className="settings-nav-group">
              <h2 className="settings-nav-title">Integrations</h2>
              {plugins.map((plugin) => (
                <NavLink key={plugin.id} to={plugin.path} data-contribution={plugin.id}>{plugin.title}</NavLink>
              ))}
            </div>
          )}
        </nav>
        <div className="settings-content">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
