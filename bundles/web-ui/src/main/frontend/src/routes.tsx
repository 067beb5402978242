import { Navigate, useParams, useRouteError, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { prefetch } from './lib/hooks';
import { Layout } from './components/Layout';
import { ErrorView, NotFound } from './components/Status';
import { PluginPage } from './plugins/PluginPage';

// Every page is its own chunk, loaded when first visited: the first load carries only the frame.
type PageModule = { default: React.ComponentType };
const page = (load: () => Promise<PageModule>) => async () => ({ Component: (await load()).default });

function RouteError() {
  return <ErrorView error={useRouteError()} />;
}

function NavigationPlugin() {
  const { path = '', '*': rest = '' } = useParams();
  return <PluginPage slot="navigation" path={path} subpath={rest} />;
}

function UserSettingsPlugin() {
  const { section = '', '*': rest = '' } = useParams();
  return <PluginPage slot="user_settings" path={section} subpath={rest} />;
}

function RepositoryTabPlugin() {
  const { owner = '', repo = '', path = '', '*': rest = '' } = useParams();
  return <PluginPage slot="repository_tab" path={path} subpath={rest} repository={{ owner, name: repo }} />;
}

/**
 * A repository's pages start their first requests while the router is still loading the pages' code: the
 * repository, and on its front page the README, the file list (the default branch's, as the API gives them without
 * a ref) and the Markdown libraries. The pages' `useApi` of the same paths take these answers.
 */
function prefetchRepository({ params, request }: LoaderFunctionArgs) {
  const owner = params.owner ?? '';
  const name = params.repo ?? '';
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  prefetch(base);
  if (new URL(request.url).pathname.replace(/\/+$/, '') === `/${owner}/${name}`) {
    prefetch(`${base}/contents`);
    prefetch(`${base}/readme`);
    void import('./lib/markdown').then((markdown) => markdown.preloadMarkdown());
  }
  return null;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, lazy: page(() => import('./pages/Dashboard')) },
          { path: 'login', lazy: page(() => import('./pages/SignIn')) },
          { path: 'signup', lazy: page(() => import('./pages/SignUp')) },
          { path: 'new', lazy: page(() => import('./pages/NewRepository')) },
          { path: 'explore', lazy: page(() => import('./pages/Explore')) },
          { path: 'search', lazy: page(() => import('./pages/Search')) },
          { path: '-/:path/*', element: <NavigationPlugin /> },
          {
            path: 'settings',
            lazy: page(() => import('./pages/settings/SettingsLayout')),
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              { path: 'profile', lazy: page(() => import('./pages/settings/Profile')) },
              { path: 'emails', lazy: page(() => import('./pages/settings/Emails')) },
              { path: 'password', lazy: page(() => import('./pages/settings/Password')) },
              { path: 'tokens', lazy: page(() => import('./pages/settings/Tokens')) },
              { path: 'keys', lazy: page(() => import('./pages/settings/SshKeys')) },
              { path: 'sessions', lazy: page(() => import('./pages/settings/Sessions')) },
              { path: ':section/*', element: <UserSettingsPlugin /> },
            ],
          },
          { path: ':owner', lazy: page(() => import('./pages/user/Owner')) },
          {
            path: ':owner/:repo',
            loader: prefetchRepository,
            // Only entering another repository needs it again, not moving between one repository's tabs.
            shouldRevalidate: ({ currentParams, nextParams }) =>
              currentParams.owner !== nextParams.owner || currentParams.repo !== nextParams.repo,
            lazy: page(() => import('./pages/repo/RepoLayout')),
            children: [
              { index: true, lazy: page(() => import('./pages/repo/Home')) },
              { path: 'tree/*', lazy: page(() => import('./pages/repo/Tree')) },
              { path: 'blob/*', lazy: page(() => import('./pages/repo/Blob')) },
              { path: 'blame/*', lazy: page(() => import('./pages/repo/Blame')) },
              { path: 'commits/*', lazy: page(() => import('./pages/repo/Commits')) },
              { path: 'commit/:sha', lazy: page(() => import('./pages/repo/Commit')) },
              { path: 'branches', lazy: page(() => import('./pages/repo/Branches')) },
              { path: 'tags', lazy: page(() => import('./pages/repo/Tags')) },
              { path: 'compare/*', lazy: page(() => import('./pages/repo/Compare')) },
              { path: 'compare-branches', lazy: page(() => import('./pages/repo/CompareBranches')) },
              { path: 'forks', lazy: page(() => import('./pages/repo/Forks')) },
              { path: 'pulls', lazy: page(() => import('./pages/repo/pulls/Pulls')) },
              { path: 'pull/:number', lazy: page(() => import('./pages/repo/pulls/Pull')) },
              { path: 'pull/:number/conflicts', lazy: page(() => import('./pages/repo/pulls/Conflicts')) },
              { path: 'pull/:number/:tab', lazy: page(() => import('./pages/repo/pulls/Pull')) },
              { path: 'merge-queue/*', lazy: page(() => import('./pages/repo/pulls/MergeQueue')) },
              { path: 'actions', lazy: page(() => import('./pages/repo/Actions')) },
              { path: 'actions/caches', lazy: page(() => import('./pages/repo/ActionsCaches')) },
              { path: 'actions/runs/:runId', lazy: page(() => import('./pages/repo/ActionsRun')) },
              { path: 'actions/runs/:runId/job/:jobId', lazy: page(() => import('./pages/repo/ActionsRun')) },
              { path: 'settings/*', lazy: page(() => import('./pages/repo/Settings')) },
              { path: '-/:path/*', element: <RepositoryTabPlugin /> },
              { path: '*', element: <NotFound /> },
            ],
          },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];
