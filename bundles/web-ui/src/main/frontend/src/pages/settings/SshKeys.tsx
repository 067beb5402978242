import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../lib/api';
import { formatDate, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import { ErrorView, Loading } from '../../components/Status';
import { ConfirmButton, FormErrors, capitalize, fieldErrors } from './parts';
import { sshKeyComment } from './settings-lib';
import { GpgKeysSection } from './GpgKeys';

/** GitHub's /user/keys shape plus what Codara checked (fingerprint, type, bits). */
interface SshKey {
  id: number;
  title: string;
  key: string;
  created_at: string;
  last_used: string | null;
  fingerprint: string;
  type: string;
  bits: number;
}

const KEY_NAMES: Record<string, string> = {
  'ssh-ed25519': 'Ed25519',
  'ssh-rsa': 'RSA',
  'ecdsa-sha2-nistp256': 'ECDSA',
  'ecdsa-sha2-nistp384': 'ECDSA',
  'ecdsa-sha2-nistp521': 'ECDSA',
};

export default function SshKeys() {
  useTitle('SSH and GPG keys');
  const keys = useApi<SshKey[]>('/user/keys?per_page=100');
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const remove = async (key: SshKey) => {
    await api(`/user/keys/${key.id}`, { method: 'DELETE' });
    setMessage(`The key “${key.title}” was deleted. It can no longer push or pull.`);
    keys.reload();
  };

  return (
    <>
      <header className="settings-page-header">
        <h2>SSH keys</h2>
        {!adding && <button type="button" className="button primary" onClick={() => { setAdding(true); setMessage(null); }}>New SSH key</button>}
      </header>
      <p className="muted settings-intro">
        With an SSH key, git can push and pull over SSH without a password. Add the public half of a key, the one
        line of your <code>~/.ssh/id_ed25519.pub</code> (create a key with <code>ssh-keygen -t ed25519</code>).
      </p>
      {message && <p className="notice success settings-message" role="status">{message}</p>}
      {adding && <KeyForm onCancel={() => setAdding(false)} onAdded={(key) => {
        setAdding(false);
        setMessage(`The key “${key.title}” was added.`);
        keys.reload();
      }} />}

      {keys.error ? <ErrorView error={keys.error} /> : !keys.data ? <Loading height={120} /> : keys.data.length === 0 ? (
        <div className="box blankslate">
          <h3>No SSH keys yet</h3>
          <p className="muted">Add one to push and pull over SSH.</p>
        </div>
      ) : (
        <ul className="box settings-list" aria-label="Your SSH keys">
          {keys.data.map((key) => (
            <li key={key.id} className="box-row key-row" data-testid="ssh-key-row">
              <svg className="key-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
                <circle cx="8" cy="15" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
                <path d="M11.2 11.8 19.5 3.5M16 7l2.5 2.5M18.2 4.8l2.3 2.3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
              </svg>
              <div className="settings-list-main">
                <div className="token-title">
                  <strong>{key.title}</strong>
                  <span className="badge">{KEY_NAMES[key.type] ?? key.type}{key.type === 'ssh-rsa' ? ` ${key.bits}` : ''}</span>
                </div>
                <code className="fingerprint" title="SHA-256 fingerprint, as ssh-keygen -lf shows it">{key.fingerprint}</code>
                <div className="muted small settings-meta">
                  <span title={formatDate(key.created_at)}>Added on {new Date(key.created_at).toLocaleDateString('en', { dateStyle: 'medium' })}</span>
                  <span>{key.last_used ? <span title={formatDate(key.last_used)}>Last used {timeAgo(key.last_used)}</span> : 'Never used'}</span>
                </div>
              </div>
              <ConfirmButton label="Delete" ariaLabel={`Delete ${key.title}`} title={`Delete the SSH key “${key.title}”?`} confirmLabel="Delete key"
                onConfirm={() => remove(key)}>
                <p>Git will no longer accept this key (<code>{key.fingerprint}</code>) for your account.</p>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      <GpgKeysSection />
    </>
  );
}

function KeyForm({ onAdded, onCancel }: { onAdded(key: SshKey): void; onCancel(): void }) {
  const [title, setTitle] = useState('');
  const [key, setKey] = useState('');
  const [titleEdited, setTitleEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const titleInput = useRef<HTMLInputElement>(null);

  useEffect(() => titleInput.current?.focus(), []);

  const changeKey = (value: string) => {
    setKey(value);
    // The comment (user@host) is a good title until the user writes their own.
    if (!titleEdited) setTitle(sshKeyComment(value));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await api<SshKey>('/user/keys', { method: 'POST', body: { title: title.trim(), key: key.trim() } }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const titleErrors = fieldErrors(error, 'title');
  const keyErrors = fieldErrors(error, 'key');
  return (
    <form className="box token-form" onSubmit={submit} aria-busy={busy} aria-labelledby="key-form-heading" noValidate>
      <div className="box-header"><h3 id="key-form-heading">Add a new SSH key</h3></div>
      <div className="box-body form">
        {titleErrors.length === 0 && keyErrors.length === 0 && <FormErrors error={error} />}
        <div className="field">
          <label htmlFor="key-title">Title</label>
          <input id="key-title" ref={titleInput} value={title} maxLength={255} autoComplete="off"
            onChange={(event) => { setTitle(event.target.value); setTitleEdited(true); }}
            aria-invalid={titleErrors.length > 0 || undefined} aria-describedby="key-title-hint" />
          <span className="hint" id="key-title-hint">Which computer or service has this key, e.g. “work laptop”.</span>
          {titleErrors.map((m) => <span key={m} className="field-error" role="alert">{capitalize(m)}</span>)}
        </div>
        <div className="field">
          <label htmlFor="key-value">Key</label>
          <textarea id="key-value" className="mono key-input" value={key} rows={5} spellCheck={false} autoComplete="off"
            onChange={(event) => changeKey(event.target.value)} aria-invalid={keyErrors.length > 0 || undefined}
            placeholder="Begins with ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 or ssh-rsa" />
          {keyErrors.map((m) => <span key={m} className="field-error" role="alert">{capitalize(m)}</span>)}
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Adding…' : 'Add SSH key'}</button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>Cancel</button>
        </div>
      </div>
    </form>
  );
}
