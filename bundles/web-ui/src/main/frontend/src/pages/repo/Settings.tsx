import { NavLink, useParams } from 'react-router';
import { useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import { NotFound } from '../../components/Status';
import { PluginPage } from '../../plugins/PluginPage';
import { useContributions } from '../../plugins/contributions';
import { useRepo } from './RepoLayout';
import { BranchProtection } from './settings/BranchProtection';
import { DangerZone } from './settings/DangerZone';
import { General } from './settings/General';
import { Runners } from './settings/Runners';
import { SecretsAndVariables } from './settings/SecretsAndVariables';
import { TagProtection } from './settings/TagProtection';
import './settings.css';

const SECTIONS: Record<string, { title: string; page: () => React.ReactElement }> = {
  '': { title: 'General', page: () => <General /> },
  branches: { title: 'Branches', page: () => <BranchProtection /> },
  tags: { title: 'Tags', page: () => <TagProtection /> },
  runners: { title: 'Runners', page: () => <RepositoryRunners /> },
  secrets: { title: 'Secrets and variables', page: () => <RepositorySecrets /> },
  danger: { title: 'Danger zone', page: () => <DangerZone /> },
};

function RepositorySecrets() {
  const { repo, base } = useRepo();
  return <SecretsAndVariables key={repo.id} scope={base} what="this repository" />;
}

function RepositoryRunners() {
  const { repo, base } = useRepo();
  return <Runners key={repo.id} scope={base} what="this repository" />;
}

/** A repository's settings, for its administrators only; to anyone else the page does not exist. */
export default function Settings() {
  const { repo, home } = useRepo();
  const { user } = useSession();
  const { '*': rest = '' } = useParams();
  const plugins = useContributions('repository_settings', user === undefined ? undefined : user !== null);
  const [section, ...sub] = rest.split('/');
  const builtIn = SECTIONS[section];
  const plugin = builtIn ? undefined : plugins.find((p) => p.path === section);
  useTitle(`${builtIn?.title ?? plugin?.title ?? 'Settings'} · ${repo.full_name}`);

  if (!repo.permissions?.admin) return <NotFound />;

  const link = (to: string, label: string, end = false) => (
    <NavLink to={to ? `${home}/settings/${to}` : `${home}/settings`} end={end}>{label}</NavLink>
  );

  return (
    <div className="sidebar-layout repo-settings">
      <nav className="side-nav" aria-label="Repository settings">
        {link('', 'General', true)}
        <span className="side-nav-heading">Code and automation</span>
        {link('branches', 'Branches')}
        {link('tags', 'Tags')}
        {link('runners', 'Runners')}
        <span className="side-nav-heading">Security</span>
        {link('secrets', 'Secrets and variables')}
        {plugins.map((p) => (
          <NavLink key={p.id} to={`${home}/settings/${p.path}`} data-contribution={p.id}>{p.title}</NavLink>
        ))}
        <span className="side-nav-divider" aria-hidden="true" />
        <NavLink to={`${home}/settings/danger`} className="side-nav-danger">Danger zone</NavLink>
      </nav>
      <div className="settings-content">
        {builtIn ? builtIn.page()
          : section ? <PluginPage slot="repository_settings" path={section} subpath={sub.join('/')}
            repository={{ owner: repo.owner.login, name: repo.name }} />
          : <NotFound />}
      </div>
    </div>
  );
}
