import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretForm, SecretsAndVariables, VariableForm, secretNameProblem } from './SecretsAndVariables';

const json = (body: unknown, code = 200) =>
  Promise.resolve(new Response(code === 204 ? null : JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } }));

const SECRET = 's3cr3t-value-that-must-not-show';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('secretNameProblem', () => {
  it('hints at the rules while typing', () => {
    expect(secretNameProblem('')).toBeNull();
    expect(secretNameProblem('DEPLOY_TOKEN')).toBeNull();
    expect(secretNameProblem('MY TOKEN')).toMatch(/letters, digits and underscores/);
    expect(secretNameProblem('1TOKEN')).toMatch(/digit/);
    expect(secretNameProblem('GITHUB_TOKEN')).toMatch(/GITHUB_/);
    expect(secretNameProblem('codara_x')).toMatch(/CODARA_/);
  });
});

describe('SecretForm', () => {
  it('PUTs the value once, then clears it from the page', async () => {
    const calls: Array<{ url: string; method: string; body: unknown }> = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      calls.push({ url, method: init.method!, body: JSON.parse(String(init.body)) });
      return json({}, 201);
    }));
    const saved = vi.fn();
    const { container } = render(<SecretForm scope="/repos/alice/tools" onSaved={saved} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'deploy_token' } });
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('DEPLOY_TOKEN');
    fireEvent.change(screen.getByLabelText('Secret'), { target: { value: SECRET } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add secret' })); });
    await vi.waitFor(() => expect(saved).toHaveBeenCalledWith('DEPLOY_TOKEN', true));
    expect(calls).toEqual([{ url: '/api/v3/repos/alice/tools/actions/secrets/DEPLOY_TOKEN', method: 'PUT', body: { value: SECRET } }]);
    expect((screen.getByLabelText('Secret') as HTMLTextAreaElement).value).toBe('');
    expect(container.innerHTML).not.toContain(SECRET);
  });

  it('shows the API refusal inline and keeps what was typed to correct it', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json({
      message: 'Validation Failed',
      errors: [{ resource: 'Secret', field: 'name', code: 'invalid', message: 'name must not start with the CODARA_ prefix' }],
    }, 422)));
    const saved = vi.fn();
    render(<SecretForm scope="/repos/alice/tools" onSaved={saved} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'CODARA_X' } });
    fireEvent.change(screen.getByLabelText('Secret'), { target: { value: 'v' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add secret' })); });
    expect((await screen.findByRole('alert')).textContent).toBe('name must not start with the CODARA_ prefix');
    expect(saved).not.toHaveBeenCalled();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('CODARA_X');
  });

  it('updates an existing secret with a new value only, the field starting empty', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url} ${init.body}`);
      return json(null, 204);
    }));
    const saved = vi.fn();
    render(<SecretForm scope="/orgs/acme" existing="NPM_TOKEN" onSaved={saved} onCancel={() => undefined} />);
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect((screen.getByLabelText('New value') as HTMLTextAreaElement).value).toBe('');
    fireEvent.change(screen.getByLabelText('New value'), { target: { value: 'n3w' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Update secret' })); });
    await vi.waitFor(() => expect(saved).toHaveBeenCalledWith('NPM_TOKEN', false));
    expect(calls).toEqual(['PUT /api/v3/orgs/acme/actions/secrets/NPM_TOKEN {"value":"n3w"}']);
  });
});

describe('VariableForm', () => {
  it('creates with POST and edits with PATCH under the old name', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url} ${init.body}`);
      return json({}, init.method === 'POST' ? 201 : 204);
    }));
    const saved = vi.fn();
    const created = render(<VariableForm scope="/repos/alice/tools" onSaved={saved} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'region' } });
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'eu-west' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add variable' })); });
    await vi.waitFor(() => expect(saved).toHaveBeenCalledWith('Variable REGION added.'));
    created.unmount();
    render(<VariableForm scope="/repos/alice/tools" existing={{ name: 'REGION', value: 'eu-west', created_at: '', updated_at: '' }}
      onSaved={saved} onCancel={() => undefined} />);
    expect((screen.getByLabelText('Value') as HTMLTextAreaElement).value).toBe('eu-west');
    fireEvent.change(screen.getByLabelText('Value'), { target: { value: 'us-east' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Save variable' })); });
    await vi.waitFor(() => expect(saved).toHaveBeenCalledWith('Variable REGION saved.'));
    expect(calls).toEqual([
      'POST /api/v3/repos/alice/tools/actions/variables {"name":"REGION","value":"eu-west"}',
      'PATCH /api/v3/repos/alice/tools/actions/variables/REGION {"name":"REGION","value":"us-east"}',
    ]);
  });

  it('shows a conflict from the API inline', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json({ message: 'Variable REGION already exists' }, 409)));
    render(<VariableForm scope="/repos/alice/tools" onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'REGION' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add variable' })); });
    expect((await screen.findByRole('alert')).textContent).toBe('Variable REGION already exists');
  });
});

describe('SecretsAndVariables', () => {
  it('lists secrets by name and date and variables with their values; adding a secret shows it without its value', async () => {
    const secrets = [{ name: 'NPM_TOKEN', created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-02T10:00:00Z' }];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      if (init.method === 'PUT') {
        secrets.push({ name: 'DEPLOY_KEY', created_at: '2026-11-03T10:00:00Z', updated_at: '2026-11-03T10:00:00Z' });
        return json({}, 201);
      }
      if (url.includes('/actions/secrets')) return json({ total_count: secrets.length, secrets: [...secrets] });
      return json({ total_count: 1, variables: [{ name: 'REGION', value: 'eu-west', created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z' }] });
    }));
    const { container } = render(<SecretsAndVariables scope="/repos/alice/tools" what="this repository" />);
    const secretRow = await vi.waitFor(() => {
      const row = container.querySelector('[data-secret="NPM_TOKEN"]');
      expect(row).not.toBeNull();
      return row!;
    });
    expect(secretRow.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-02T10:00:00Z');
    await vi.waitFor(() => expect(container.querySelector('[data-variable="REGION"]')?.textContent).toContain('eu-west'));

    fireEvent.click(screen.getByRole('button', { name: 'New secret' }));
    fireEvent.change(screen.getByLabelText('Name', { selector: '.secret-form input' }), { target: { value: 'DEPLOY_KEY' } });
    fireEvent.change(screen.getByLabelText('Secret'), { target: { value: SECRET } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add secret' })); });
    await vi.waitFor(() => expect(container.querySelector('[data-secret="DEPLOY_KEY"]')).not.toBeNull());
    expect(screen.getByText('✓ Secret DEPLOY_KEY added.')).toBeTruthy();
    expect(container.querySelector('.secret-form')).toBeNull();
    expect(container.innerHTML).not.toContain(SECRET);
  });

  it('shows that the list could not be loaded, inline', async () => {
    vi.stubGlobal('fetch', vi.fn(() => json({ message: 'Must have admin rights to Repository.' }, 403)));
    render(<SecretsAndVariables scope="/repos/alice/tools" what="this repository" />);
    await vi.waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent))
      .toEqual(['Must have admin rights to Repository.', 'Must have admin rights to Repository.']));
  });
});
