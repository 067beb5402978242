import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GpgKeysSection, gpgKeyWarnings, looksLikePublicKeyBlock, type GpgKey } from './GpgKeys';

const json = (body: unknown, status = 200) =>
  Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));

const key = (extra: Partial<GpgKey> = {}): GpgKey => ({
  id: 7, name: 'Laptop', key_id: '3262EFF25BA0D270', emails: [{ email: 'alice@example.com', verified: true }], subkeys: [],
  can_sign: true, created_at: '2026-01-02T03:04:05Z', expires_at: null, revoked: false, ...extra,
});

describe('gpgKeyWarnings and looksLikePublicKeyBlock', () => {
  it('warns about revoked, expired and non-signing keys only', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(gpgKeyWarnings(key(), now)).toEqual([]);
    expect(gpgKeyWarnings(key({ revoked: true, expires_at: '2026-01-01T00:00:00Z' }), now)).toEqual(['Revoked', 'Expired']);
    expect(gpgKeyWarnings(key({ expires_at: '2027-01-01T00:00:00Z' }), now)).toEqual([]);
    expect(gpgKeyWarnings(key({ can_sign: false }), now)).toEqual(['Cannot sign commits']);
    expect(gpgKeyWarnings(key({ can_sign: false, subkeys: [{ id: 8, key_id: 'A'.repeat(16), can_sign: true, expires_at: null }] }), now))
      .toEqual([]);
  });

  it('recognises an armored public key block', () => {
    expect(looksLikePublicKeyBlock('\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZ\n-----END PGP PUBLIC KEY BLOCK-----\n')).toBe(true);
    expect(looksLikePublicKeyBlock('-----BEGIN PGP PRIVATE KEY BLOCK-----')).toBe(false);
    expect(looksLikePublicKeyBlock('ssh-ed25519 AAAA')).toBe(false);
  });
});

describe('GpgKeysSection', () => {
  // jsdom has <dialog> but not its modal methods: open and close it by its attribute, as a browser would.
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) { this.setAttribute('open', ''); };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) { this.removeAttribute('open'); };
  });
  afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

  it('lists the keys, adds one from the textarea (showing the server’s 422 first) and deletes one', async () => {
    let listed: GpgKey[] = [key()];
    const calls: string[] = [];
    vi.stubGlobal('fetch', vi.fn((url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url}${init.body ? ` ${init.body}` : ''}`);
      if (init.method === 'POST') {
        const body = JSON.parse(String(init.body));
        if (body.armored_public_key === 'garbage') {
          return json({ message: 'Validation Failed', errors: [{ resource: 'GpgKey', field: 'armored_public_key', code: 'invalid',
            message: 'key must be an ASCII-armored public key' }] }, 422);
        }
        const added = key({ id: 9, name: null, key_id: '1111222233334444' });
        listed = [...listed, added];
        return json(added, 201);
      }
      if (init.method === 'DELETE') {
        listed = listed.filter((k) => !url.endsWith(`/${k.id}`));
        return Promise.resolve(new Response(null, { status: 204 }));
      }
      return json(listed);
    }));
    render(<GpgKeysSection />);
    const rows = await screen.findAllByTestId('gpg-key-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('3262EFF25BA0D270');
    expect(rows[0].textContent).toContain('alice@example.com');

    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'New GPG key' })); });
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'garbage' } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add GPG key' })); });
    expect((await screen.findByRole('alert')).textContent).toBe('Key must be an ASCII-armored public key');

    const armored = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZ\n-----END PGP PUBLIC KEY BLOCK-----';
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: armored } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Add GPG key' })); });
    await vi.waitFor(() => expect(screen.getAllByTestId('gpg-key-row')).toHaveLength(2));
    expect(screen.getByRole('status').textContent).toBe('The GPG key 1111222233334444 was added.');
    expect(calls).toContain(`POST /api/v3/user/gpg_keys ${JSON.stringify({ armored_public_key: armored })}`);

    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Delete GPG key 3262EFF25BA0D270' })); });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Delete key' })); });
    await vi.waitFor(() => expect(screen.getAllByTestId('gpg-key-row')).toHaveLength(1));
    expect(calls).toContain('DELETE /api/v3/user/gpg_keys/7');
  });
});
