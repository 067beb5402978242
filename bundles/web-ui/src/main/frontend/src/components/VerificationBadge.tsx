import { useEffect, useId, useRef, useState } from 'react';
import type { CommitVerification } from '../lib/types';
import { popoverLeft } from './CommitStatus';
import './commit-status.css';

/** GitHub's words for each verification reason. */
const REASONS: Record<string, string> = {
  valid: 'This commit was signed with the committer’s verified signature.',
  unsigned: 'This commit is not signed.',
  unknown_key: 'The key that made the signature is not registered with any user’s account.',
  bad_email: 'The committer email address is not included in the identities of the key that made the signature.',
  unverified_email: 'The committer email address is not verified on the account of the key’s owner.',
  no_user: 'No user is associated with the committer email address.',
  unknown_signature_type: 'The signature is neither a GPG nor an SSH signature.',
  malformed_signature: 'The signature could not be parsed.',
  invalid: 'The signature could not be cryptographically verified using the key whose key-id was found in the signature.',
  expired_key: 'The key that made the signature is expired or revoked.',
  not_signing_key: 'The key that made the signature is not allowed to sign.',
  gpgverify_error: 'There was an error verifying the signature.',
  gpgverify_unavailable: 'Signature verification is unavailable right now.',
};

/** The sentence for a reason; an unknown reason is shown as it is. */
export function reasonText(reason: string): string {
  return REASONS[reason] ?? `The signature could not be verified (${reason}).`;
}

/** What the key id is: an SSH key's SHA256: fingerprint, or a GPG key id. */
export function keyLabel(keyId: string | null | undefined): string | null {
  if (!keyId) return null;
  return keyId.startsWith('SHA256:') ? `SSH key fingerprint: ${keyId}` : `GPG key ID: ${keyId}`;
}

/** Whether a badge is shown at all: GitHub shows none for unsigned commits. */
export function showsBadge(verification: CommitVerification | undefined): verification is CommitVerification {
  return !!verification && verification.reason !== 'unsigned';
}

/**
 * A commit's "Verified" or "Unverified" badge as GitHub shows it, opening a popover with the reason, the signer and
 * the key; nothing for unsigned commits.
 */
export function VerificationBadge({ verification }: { verification: CommitVerification | undefined }) {
  const [open, setOpen] = useState(false);
  const [left, setLeft] = useState<number | undefined>();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  if (!showsBadge(verification)) return null;
  const verified = verification.verified;
  const word = verified ? 'Verified' : 'Unverified';
  const key = keyLabel(verification.key_id);
  return (
    <span className="verification" ref={root} data-testid="verification-badge" data-reason={verification.reason}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}>
      <button ref={button} type="button" className={`verification-badge ${verified ? 'verified' : 'unverified'}`}
        aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => {
          if (!open) setLeft(popoverLeft(button.current));
          setOpen(!open);
        }}>
        {word}
      </button>
      {open && (
        <div className="commit-status-popover verification-popover" id={id} role="dialog" aria-label={`${word} signature`}
          style={left === undefined ? undefined : { left }}>
          <p className="verification-reason">
            <strong>{verified ? 'Verified signature' : 'Unverified signature'}</strong>
            <span>{reasonText(verification.reason)}</span>
          </p>
          {verification.signer && <p className="small">Signed by <strong>{verification.signer}</strong></p>}
          {key && <p className="small"><code className="fingerprint">{key}</code></p>}
          {!verified && <p className="muted small">Reason: <code>{verification.reason}</code></p>}
        </div>
      )}
    </span>
  );
}
