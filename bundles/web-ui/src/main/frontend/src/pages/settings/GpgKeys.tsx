import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/hooks';
import { ErrorView, Loading } from '../../components/Status';
import { ConfirmButton, FormErrors, capitalize, fieldErrors } from './parts';

/** GitHub's /user/gpg_keys shape (the fields shown here). */
export interface GpgKey {
  id: number;
  name: string | null;
  key_id: string;
  emails: Array<{ email: string; verified: boolean }>;
  subkeys: Array<{ id: number; key_id: string; can_sign: boolean; expires_at: string | null }>;
  can_sign: boolean;
  created_at: string;
  expires_at: string | null;
  revoked: boolean;
}

/** What the user is told about a key beyond its ids: expired, revoked, or unable to sign commits. */
export function gpgKeyWarnings(key: GpgKey, now = new Date()): string[] {
  const out: string[] = [];
  if (key.revoked) out.push('Revoked');
  if (key.expires_at && new Date(key.expires_at) < now) out.push('Expired');
  if (!key.can_sign && !key.subkeys.some((s) => s.can_sign)) out.push('Cannot sign commits');
  return out;
}

/** Whether a pasted text looks like an armored public key block (the server checks it properly). */
export function looksLikePublicKeyBlock(text: string): boolean {
  const t = text.trim();
  return t.startsWith('-----BEGIN PGP PUBLIC KEY BLOCK-----') && t.endsWith('-----END PGP PUBLIC KEY BLOCK-----');
}

/** The GPG half of Settings → SSH and GPG keys: list, add (paste an armored key) and delete. */
export function GpgKeysSection() {
  const keys = useApi<GpgKey[]>('/user/gpg_keys?per_page=100');
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const remove = async (key: GpgKey) => {
    await api(`/user/gpg_keys/${key.id}`, { method: 'DELETE' });
    setMessage(`The GPG key ${key.key_id} was deleted. Commits signed with it are no longer verified.`);
    keys.reload();
  };

  return (
    <section aria-labelledby="gpg-keys-heading" className="gpg-keys">
      <header className="settings-page-header">
        <h2 id="gpg-keys-heading">GPG keys</h2>
        {!adding && <button type="button" className="button primary" onClick={() => { setAdding(true); setMessage(null); }}>New GPG key</button>}
      </header>
      <p className="muted settings-intro">
        Commits signed with a GPG key added here are shown as <strong>Verified</strong> when their committer email is
        one of the key’s and yours. Export the public key with <code>gpg --armor --export &lt;key id&gt;</code>.
      </p>
      {message && <p className="notice success settings-message" role="status">{message}</p>}
      {adding && <GpgKeyForm onCancel={() => setAdding(false)} onAdded={(key) => {
        setAdding(false);
        setMessage(`The GPG key ${key.key_id} was added.`);
        keys.reload();
      }} />}
      {keys.error ? <ErrorView error={keys.error} /> : !keys.data ? <Loading height={120} /> : keys.data.length === 0 ? (
        <div className="box blankslate">
          <h3>No GPG keys yet</h3>
          <p className="muted">Add one to have your signed commits verified.</p>
        </div>
      ) : (
        <ul className="box settings-list" aria-label="Your GPG keys">
          {keys.data.map((key) => (
            <li key={key.id} className="box-row key-row" data-testid="gpg-key-row">
              <div className="settings-list-main">
                <div className="token-title">
                  <strong>{key.name || key.key_id}</strong>
                  {gpgKeyWarnings(key).map((w) => <span key={w} className="badge">{w}</span>)}
                </div>
                <div className="small">Email address: {key.emails.length === 0 ? <span className="muted">none</span>
                  : key.emails.map((e, i) => <span key={e.email}>{i > 0 && ', '}<code>{e.email}</code>{!e.verified && <span className="muted"> (unverified)</span>}</span>)}
                </div>
                <div className="small">Key ID: <code className="fingerprint">{key.key_id}</code></div>
                {key.subkeys.length > 0 && (
                  <div className="small">Subkeys: {key.subkeys.map((s, i) => <span key={s.id}>{i > 0 && ', '}<code>{s.key_id}</code></span>)}</div>
                )}
                <div className="muted small settings-meta">
                  <span title={formatDate(key.created_at)}>Added on {new Date(key.created_at).toLocaleDateString('en', { dateStyle: 'medium' })}</span>
                  <span>{key.expires_at ? `Expires ${new Date(key.expires_at).toLocaleDateString('en', { dateStyle: 'medium' })}` : 'Does not expire'}</span>
                </div>
              </div>
              <ConfirmButton label="Delete" ariaLabel={`Delete GPG key ${key.key_id}`} title={`Delete the GPG key ${key.key_id}?`} confirmLabel="Delete key"
                onConfirm={() => remove(key)}>
                <p>Commits signed with this key (<code>{key.key_id}</code>) will no longer be verified.</p>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GpgKeyForm({ onAdded, onCancel }: { onAdded(key: GpgKey): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await api<GpgKey>('/user/gpg_keys', { method: 'POST', body: { name: name.trim() || undefined, armored_public_key: key.trim() } }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const nameErrors = fieldErrors(error, 'name');
  const keyErrors = fieldErrors(error, 'armored_public_key');
  const pasted = key.trim() !== '' && !looksLikePublicKeyBlock(key);
  return (
    <form className="box token-form" onSubmit={submit} aria-busy={busy} aria-labelledby="gpg-form-heading" noValidate>
      <div className="box-header"><h3 id="gpg-form-heading">Add a new GPG key</h3></div>
      <div className="box-body form">
        {nameErrors.length === 0 && keyErrors.length === 0 && <FormErrors error={error} />}
        <div className="field">
          <label htmlFor="gpg-name">Title</label>
          <input id="gpg-name" ref={nameInput} value={name} maxLength={255} autoComplete="off"
            onChange={(event) => setName(event.target.value)} aria-invalid={nameErrors.length > 0 || undefined}
            aria-describedby="gpg-name-hint" />
          <span className="hint" id="gpg-name-hint">Optional; the key’s first user id when left empty.</span>
          {nameErrors.map((m) => <span key={m} className="field-error" role="alert">{capitalize(m)}</span>)}
        </div>
        <div className="field">
          <label htmlFor="gpg-key">Key</label>
          <textarea id="gpg-key" className="mono key-input" value={key} rows={8} spellCheck={false} autoComplete="off"
            onChange={(event) => setKey(event.target.value)} aria-invalid={keyErrors.length > 0 || undefined}
            placeholder="Begins with -----BEGIN PGP PUBLIC KEY BLOCK-----" />
          {pasted && keyErrors.length === 0 && <span className="hint">This does not look like a public key block.</span>}
          {keyErrors.map((m) => <span key={m} className="field-error" role="alert">{capitalize(m)}</span>)}
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Adding…' : 'Add GPG key'}</button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>Cancel</button>
        </div>
      </div>
    </form>
  );
}
