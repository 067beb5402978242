import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitVerification } from '../lib/types';
import { VerificationBadge, keyLabel, reasonText, showsBadge } from './VerificationBadge';

const verification = (reason: string, extra: Partial<CommitVerification> = {}): CommitVerification => ({
  verified: reason === 'valid', reason, signature: '-----BEGIN PGP SIGNATURE-----', payload: 'tree 1', verified_at: null, ...extra,
});

describe('reasonText, keyLabel and showsBadge', () => {
  it('says every GitHub reason in words and tells GPG key ids from SSH fingerprints', () => {
    for (const reason of ['valid', 'unknown_key', 'bad_email', 'unverified_email', 'no_user', 'unknown_signature_type',
      'malformed_signature', 'invalid', 'expired_key', 'not_signing_key', 'gpgverify_error']) {
      expect(reasonText(reason)).not.toContain(reason);
    }
    expect(reasonText('something_new')).toBe('The signature could not be verified (something_new).');
    expect(keyLabel('3262EFF25BA0D270')).toBe('GPG key ID: 3262EFF25BA0D270');
    expect(keyLabel('SHA256:abc')).toBe('SSH key fingerprint: SHA256:abc');
    expect(keyLabel(null)).toBeNull();
    expect(showsBadge(verification('unsigned', { signature: null }))).toBe(false);
    expect(showsBadge(undefined)).toBe(false);
    expect(showsBadge(verification('invalid'))).toBe(true);
  });
});

describe('VerificationBadge', () => {
  afterEach(cleanup);

  it('shows Verified and, on click, the reason, the signer and the key id', async () => {
    render(<VerificationBadge verification={verification('valid', { key_id: '3262EFF25BA0D270', signer: 'alice' })} />);
    const button = screen.getByRole('button', { name: 'Verified' });
    expect(button.className).toContain('verified');
    expect(screen.queryByRole('dialog')).toBeNull();
    await act(async () => { fireEvent.click(button); });
    const dialog = screen.getByRole('dialog', { name: 'Verified signature' });
    expect(dialog.textContent).toContain('signed with the committer’s verified signature');
    expect(dialog.textContent).toContain('Signed by alice');
    expect(dialog.textContent).toContain('GPG key ID: 3262EFF25BA0D270');
    await act(async () => { fireEvent.keyDown(button, { key: 'Escape' }); });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows Unverified with GitHub’s reason for a signature that does not verify', async () => {
    render(<VerificationBadge verification={verification('unknown_key', { key_id: 'SHA256:xyz' })} />);
    const button = screen.getByRole('button', { name: 'Unverified' });
    expect(button.className).toContain('unverified');
    await act(async () => { fireEvent.click(button); });
    const dialog = screen.getByRole('dialog', { name: 'Unverified signature' });
    expect(dialog.textContent).toContain('not registered with any user’s account');
    expect(dialog.textContent).toContain('SSH key fingerprint: SHA256:xyz');
    expect(dialog.textContent).toContain('unknown_key');
  });

  it('shows nothing for an unsigned commit', () => {
    const { container } = render(<VerificationBadge verification={verification('unsigned', { signature: null })} />);
    expect(container.innerHTML).toBe('');
  });
});
