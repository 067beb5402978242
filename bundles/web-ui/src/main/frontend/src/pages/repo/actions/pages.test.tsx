import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Actions from '../Actions';
import ActionsRun from '../ActionsRun';
import ActionsCaches from '../ActionsCaches';
import type { RepoContext } from '../RepoLayout';
import type { Repository } from '../../../lib/types';

const repo = (push: boolean) => ({
  full_name: 'alice/tools', name: 'tools', owner: { login: 'alice' }, default_branch: 'main',
  permissions: { admin: push, push, pull: true },
}) as unknown as Repository;

function renderAt(url: string, push = true) {
  const context: RepoContext = { repo: repo(push), base: '/repos/alice/tools', home: '/alice/tools', reload: () => undefined };
  const router = createMemoryRouter([{
    path: '/:owner/:repo',
    element: <Outlet context={context} />,
    children: [
      { path: 'actions', element: <Actions /> },
      { path: 'actions/caches', element: <ActionsCaches /> },
      { path: 'actions/runs/:runId', element: <ActionsRun /> },
      { path: 'actions/runs/:runId/job/:jobId', element: <ActionsRun /> },
    ],
  }], { initialEntries: [url] });
  render(<RouterProvider router={router} />);
  return router;
}

type Answer = { status?: number; body: unknown; headers?: Record<string, string> };

function stubApi(answer: (url: string, init?: RequestInit) => Answer) {
  const calls: Array<{ url: string; method: string }> = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, method: init?.method ?? 'GET' });
    const { status = 200, body, headers = {} } = answer(url, init);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers } });
  }));
  return calls;
}

const run = {
  id: 9, name: 'CI', display_title: 'CI', head_branch: 'main', head_sha: 'abcdef1234567890', path: '.codara/workflows/ci.yml',
  run_number: 3, run_attempt: 1, event: 'push', status: 'completed', conclusion: 'failure', html_url: '',
  created_at: '2026-11-30T10:00:00Z', updated_at: '2026-11-30T10:01:05Z', run_started_at: '2026-11-30T10:00:00Z',
  actor: { login: 'alice' }, triggering_actor: { login: 'alice' },
};
const step = (number: number, name: string, conclusion = 'success') =>
  ({ number, name, status: 'completed', conclusion, started_at: null, completed_at: null });
const jobs = {
  total_count: 2,
  jobs: [
    { id: 21, run_id: 9, name: 'build', job_key: 'build', needs: [], status: 'completed', conclusion: 'success', steps: [step(1, 'Compile')] },
    { id: 22, run_id: 9, name: 'test', job_key: 'test', needs: ['build'], status: 'completed', conclusion: 'failure', steps: [step(1, 'Set up'), step(2, 'Run tests', 'failure')] },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('Actions runs list', () => {
  it('asks with the filters of the URL and lists the runs', async () => {
    const calls = stubApi(() => ({ body: { total_count: 1, workflow_runs: [run] } }));
    renderAt('/alice/tools/actions?branch=main&status=failure');
    expect(await screen.findByText('CI #3: push', { exact: false })).toBeTruthy();
    expect(calls[0].url).toBe('/api/v3/repos/alice/tools/actions/runs?branch=main&status=failure&per_page=25');
    expect(screen.getByRole('img', { name: 'Failure' })).toBeTruthy();
    expect(screen.getByText('abcdef1')).toBeTruthy();
    expect(screen.getByText('1m 5s')).toBeTruthy();
  });

  it('explains where workflows live when there is no run', async () => {
    stubApi(() => ({ body: { total_count: 0, workflow_runs: [] } }));
    renderAt('/alice/tools/actions');
    expect((await screen.findByTestId('actions-empty')).textContent).toContain('.codara/workflows/');
  });

  it('changes the URL query when a filter changes', async () => {
    stubApi(() => ({ body: { total_count: 0, workflow_runs: [] } }));
    const router = renderAt('/alice/tools/actions');
    await screen.findByTestId('actions-empty');
    fireEvent.change(screen.getByLabelText(/Event/), { target: { value: 'workflow_dispatch' } });
    await waitFor(() => expect(router.state.location.search).toBe('?event=workflow_dispatch'));
  });
});

describe('Actions run page', () => {
  it('lays the jobs out by needs, opens the failing job and step, and offers the re-runs to writers', async () => {
    stubApi((url) => {
      if (url.endsWith('/actions/runs/9')) return { body: run };
      if (url.endsWith('/actions/runs/9/jobs')) return { body: jobs };
      if (url.includes('/actions/jobs/22/logs?step=2')) {
        return { body: '2026-11-30T10:00:01.0000000Z \x1b[31mFAILED\x1b[0m <script>x</script>\n', headers: { 'X-Codara-Log-Offset': '60', 'X-Codara-Log-Complete': 'true' } };
      }
      return { status: 404, body: { message: 'Not Found' } };
    });
    renderAt('/alice/tools/actions/runs/9');
    const columns = await screen.findAllByTestId('job-box');
    expect(columns.map((c) => c.getAttribute('data-job'))).toEqual(['21', '22']);
    expect(document.querySelector('.job-column[data-depth="1"]')?.textContent).toContain('test');
    expect((await screen.findByTestId('job-panel')).getAttribute('data-job')).toBe('22');
    const log = await screen.findByTestId('step-log');
    await waitFor(() => expect(log.textContent).toContain('FAILED <script>x</script>'));
    expect(log.querySelector('script')).toBeNull();
    expect(log.querySelector('.ansi-fg-1')?.textContent).toBe('FAILED');
    expect(screen.getByRole('button', { name: 'Re-run failed jobs' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Re-run all jobs' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel workflow' })).toBeNull();
  });

  it('shows the API error of a refused re-run', async () => {
    const calls = stubApi((url, init) => {
      if (init?.method === 'POST') return { status: 403, body: { message: 'Must have write access to re-run' } };
      if (url.endsWith('/actions/runs/9')) return { body: run };
      if (url.endsWith('/actions/runs/9/jobs')) return { body: jobs };
      return { body: '', headers: { 'X-Codara-Log-Offset': '0', 'X-Codara-Log-Complete': 'true' } };
    });
    renderAt('/alice/tools/actions/runs/9/job/21');
    fireEvent.click(await screen.findByRole('button', { name: 'Re-run all jobs' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Must have write access to re-run');
    expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/actions/runs/9/rerun'))).toBe(true);
    expect(screen.getByTestId('job-panel').getAttribute('data-job')).toBe('21');
  });

  it('offers Cancel while the run goes on, and no button to readers', async () => {
    stubApi((url) => {
      if (url.endsWith('/actions/runs/9')) return { body: { ...run, status: 'in_progress', conclusion: null } };
      if (url.endsWith('/actions/runs/9/jobs')) return { body: { total_count: 0, jobs: [] } };
      return { status: 404, body: { message: 'Not Found' } };
    });
    renderAt('/alice/tools/actions/runs/9');
    expect(await screen.findByRole('button', { name: 'Cancel workflow' })).toBeTruthy();
  });

  it('shows readers no action buttons', async () => {
    stubApi((url) => {
      if (url.endsWith('/actions/runs/9')) return { body: run };
      if (url.endsWith('/actions/runs/9/jobs')) return { body: { total_count: 0, jobs: [] } };
      return { status: 404, body: { message: 'Not Found' } };
    });
    renderAt('/alice/tools/actions/runs/9', false);
    await screen.findByText('This run has no jobs.');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

const artifact = (id: number, name: string, expired: boolean) => ({
  id, name, size_in_bytes: 2048, archive_download_url: `http://x/api/v3/repos/alice/tools/actions/artifacts/${id}/zip`,
  expired, created_at: '2026-11-30T10:01:00Z', expires_at: '2027-02-28T10:01:00Z',
});

describe('Actions run artifacts', () => {
  it('lists the run\'s artifacts with their size, a download link, and which expired', async () => {
    const calls = stubApi((url) => {
      if (url.endsWith('/actions/runs/9')) return { body: run };
      if (url.endsWith('/actions/runs/9/jobs')) return { body: { total_count: 0, jobs: [] } };
      if (url.includes('/actions/runs/9/artifacts')) return { body: { total_count: 2, artifacts: [artifact(5, 'dist', false), artifact(4, 'old logs', true)] } };
      return { status: 404, body: { message: 'Not Found' } };
    });
    renderAt('/alice/tools/actions/runs/9', false);
    const section = await screen.findByTestId('run-artifacts');
    expect(section.textContent).toContain('2 artifacts');
    const link = screen.getByRole('link', { name: 'dist' });
    expect(link.getAttribute('href')).toBe('/api/v3/repos/alice/tools/actions/artifacts/5/zip');
    expect(section.querySelector('[data-artifact="dist"]')?.textContent).toContain('2.0 KB');
    expect(screen.queryByRole('link', { name: 'old logs' })).toBeNull();
    expect(section.querySelector('[data-artifact="old logs"]')?.textContent).toContain('Expired');
    expect(calls.some((c) => c.url === '/api/v3/repos/alice/tools/actions/runs/9/artifacts?per_page=100')).toBe(true);
  });

  it('shows no section for a run without artifacts', async () => {
    stubApi((url) => {
      if (url.endsWith('/actions/runs/9')) return { body: run };
      if (url.endsWith('/actions/runs/9/jobs')) return { body: { total_count: 0, jobs: [] } };
      if (url.includes('/artifacts')) return { body: { total_count: 0, artifacts: [] } };
      return { status: 404, body: { message: 'Not Found' } };
    });
    renderAt('/alice/tools/actions/runs/9');
    await screen.findByText('This run has no jobs.');
    expect(screen.queryByTestId('run-artifacts')).toBeNull();
  });
});

const cache = (id: number, key: string) => ({
  id, key, ref: 'refs/heads/main', version: 'abc', size_in_bytes: 3 * 1024 * 1024,
  created_at: '2026-11-30T10:00:00Z', last_accessed_at: '2026-11-30T11:00:00Z',
});

describe('Actions caches', () => {
  it('lists the caches with key, size, branch and use, and lets writers delete one', async () => {
    let deleted = false;
    const calls = stubApi((url, init) => {
      if (init?.method === 'DELETE') {
        deleted = true;
        return { status: 200, body: {} }; // the stub cannot answer 204: a Response of that status has no body
      }
      if (url.includes('/actions/cache/usage')) return { body: { full_name: 'alice/tools', active_caches_count: deleted ? 1 : 2, active_caches_size_in_bytes: 6291456 } };
      if (url.includes('/actions/caches')) {
        return { body: { total_count: deleted ? 1 : 2, actions_caches: deleted ? [cache(2, 'npm-b')] : [cache(1, 'npm-a'), cache(2, 'npm-b')] } };
      }
      return { status: 404, body: { message: 'Not Found' } };
    });
    renderAt('/alice/tools/actions/caches?key=npm-');
    expect(await screen.findByText('npm-a')).toBeTruthy();
    expect(calls[0].url).toBe('/api/v3/repos/alice/tools/actions/caches?key=npm-&per_page=30');
    expect(document.querySelector('[data-cache="1"]')?.textContent).toContain('3.0 MB');
    expect(document.querySelector('[data-cache="1"]')?.textContent).toContain('main');
    expect((await screen.findByTestId('cache-usage')).textContent).toBe('2 caches, 6.0 MB');
    fireEvent.click(screen.getByRole('button', { name: 'Delete cache npm-a' }));
    await waitFor(() => expect(screen.queryByText('npm-a')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/v3/repos/alice/tools/actions/caches/1')).toBe(true);
  });

  it('offers readers no delete button', async () => {
    stubApi((url) => {
      if (url.includes('/actions/cache/usage')) return { body: { full_name: 'alice/tools', active_caches_count: 1, active_caches_size_in_bytes: 10 } };
      return { body: { total_count: 1, actions_caches: [cache(1, 'npm-a')] } };
    });
    renderAt('/alice/tools/actions/caches', false);
    expect(await screen.findByText('npm-a')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });
});
