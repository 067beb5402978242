import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Runners, registerCommands } from './Runners';

const json = (body: unknown, code = 200) =>
  Promise.resolve(new Response(code === 204 ? null : JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } }));

// jsdom has <dialog> without its modal methods.
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) { this.setAttribute('open', ''); };
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) { this.removeAttribute('open'); };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const RUNNERS = {
  total_count: 2,
  runners: [
    { id: 1, name: 'gpu-box', os: 'Linux', status: 'online', busy: true,
      labels: [{ id: 1, name: 'self-hosted', type: 'read-only' }, { id: 2, name: 'gpu-free', type: 'custom' }] },
    { id: 2, name: 'old-box', os: 'Linux', status: 'offline', busy: false, labels: [{ id: 1, name: 'self-hosted', type: 'read-only' }] },
  ],
};

describe('registerCommands', () => {
  it('registers against this server with the token, then runs', () => {
    expect(registerCommands('https://codara.test', 'CRRabc')).toBe(
      'bin/codara-runner register --url https://codara.test --token CRRabc --name my-runner --labels self-hosted\n'
      + 'bin/codara-runner run');
  });
});

describe('Runners', () => {
  it('lists runners with their status and labels, creates a registration token and deletes a runner', async () => {
    const calls: Array<{ url: string; method: string }> = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ url, method });
      if (method === 'POST') return json({ token: 'CRRtoken123', expires_at: '2026-12-01T11:00:00Z' }, 201);
      if (method === 'DELETE') return json(null, 204);
      return json(RUNNERS);
    }));
    render(<Runners scope="/repos/alice/tools" what="this repository" />);
    const gpu = await screen.findByText('gpu-box');
    const row = gpu.closest('li')!;
    expect(row.textContent).toContain('active');
    expect(row.textContent).toContain('gpu-free');
    expect(screen.getByText('old-box').closest('li')!.textContent).toContain('offline');

    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'New self-hosted runner' })); });
    expect((await screen.findByTestId('runner-command')).textContent).toContain('--token CRRtoken123');
    expect(calls).toContainEqual({ url: '/api/v3/repos/alice/tools/actions/runners/registration-token', method: 'POST' });

    fireEvent.click(screen.getByRole('button', { name: 'Delete runner old-box' }));
    await act(async () => { fireEvent.click(await screen.findByRole('button', { name: 'Delete runner' })); });
    await vi.waitFor(() => expect(calls).toContainEqual({ url: '/api/v3/repos/alice/tools/actions/runners/2', method: 'DELETE' }));
    expect((await screen.findByRole('status')).textContent).toContain('Runner old-box deleted.');
  });
});
