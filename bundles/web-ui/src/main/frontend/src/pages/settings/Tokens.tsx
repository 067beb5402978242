import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../lib/api';
import { formatDate, timeAgo } from '../../lib/format';
import { useApi, useTitle } from '../../lib/hooks';
import { ErrorView, Loading } from '../../components/Status';
import { ConfirmButton, FormErrors } from './parts';
import {
  EXPIRY_CHOICES, SCOPE_GROUPS, dateInputValue, effectiveScopes, expiryDate, impliedScopes, type ExpiryChoice,
} from './settings-lib';

/** A personal access token as /user/tokens shows it; `token` (the secret) only in the answer to the POST. */
export interface AccessToken {
  id: number;
  name: string;
  note: string;
  scopes: string[];
  token?: string;
  token_last_eight: string;
  expires_at: string | null;
  created_at: string;
  last_used_at: string | null;
  last_used_ip: string | null;
}

const longDate = (date: Date) => date.toLocaleDateString('en', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });

export default function Tokens() {
  useTitle('Personal access tokens');
  const tokens = useApi<AccessToken[]>('/user/tokens');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AccessToken | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const sorted = useMemo(() => [...(tokens.data ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id), [tokens.data]);

  const revoke = async (token: AccessToken) => {
    await api(`/user/tokens/${token.id}`, { method: 'DELETE' });
    if (created?.id === token.id) setCreated(null);
    setMessage(`The token “${token.name}” was revoked. Anything that used it is now refused.`);
    tokens.reload();
  };

  return (
    <>
      <header className="settings-page-header">
        <h2>Personal access tokens</h2>
        {!creating && (
          <button type="button" className="button primary" onClick={() => { setCreating(true); setCreated(null); setMessage(null); }}>
            Generate new token
          </button>
        )}
      </header>
      <p className="muted settings-intro">
        Tokens let scripts and tools use the API and git over HTTPS as you, limited to the scopes you choose. Send
        one as <code>Authorization: token …</code>, or as the password when git asks. Treat them like passwords.
      </p>

      {created?.token && <NewToken token={created} onDismiss={() => setCreated(null)} />}
      {message && <p className="notice success settings-message" role="status">{message}</p>}

      {creating && (
        <TokenForm
          onCancel={() => setCreating(false)}
          onCreated={(token) => {
            setCreated(token);
            setCreating(false);
            tokens.reload();
          }}
        />
      )}

      {tokens.error ? <ErrorView error={tokens.error} /> : !tokens.data ? <Loading height={160} /> : sorted.length === 0 ? creating ? null : (
        <div className="box blankslate">
          <h3>No personal access tokens yet</h3>
          <p className="muted">Generate one for a script, a CI job or git over HTTPS. You can revoke it at any time.</p>
        </div>
      ) : (
        <ul className="box settings-list" aria-label="Your tokens">
          {sorted.map((token) => <TokenRow key={token.id} token={token} fresh={created?.id === token.id} onRevoke={() => revoke(token)} />)}
        </ul>
      )}
    </>
  );
}

function TokenRow({ token, fresh, onRevoke }: { token: AccessToken; fresh: boolean; onRevoke(): Promise<void> }) {
  const expires = token.expires_at ? new Date(token.expires_at) : null;
  const expired = expires !== null && expires.getTime() <= Date.now();
  const soon = expires !== null && !expired && expires.getTime() - Date.now() < 3 * 86_400_000;
  return (
    <li className={`box-row token-row${fresh ? ' fresh' : ''}`} data-testid="token-row">
      <div className="settings-list-main">
        <div className="token-title">
          <strong>{token.name}</strong>
          <code className="muted" title="The token's last eight characters">…{token.token_last_eight}</code>
          {expired && <span className="badge danger">Expired</span>}
          {soon && <span className="badge attention">Expires soon</span>}
        </div>
        <div className="token-scopes">
          {token.scopes.length === 0 ? <span className="muted small">No scopes</span>
            : token.scopes.map((scope) => <span key={scope} className="badge scope">{scope}</span>)}
        </div>
        <div className="muted small settings-meta">
          <span title={formatDate(token.created_at)}>Created {timeAgo(token.created_at)}</span>
          <span>
            {token.last_used_at
              ? <><span title={formatDate(token.last_used_at)}>Last used {timeAgo(token.last_used_at)}</span>{token.last_used_ip && <> from {token.last_used_ip}</>}</>
              : 'Never used'}
          </span>
          <span>
            {expires === null ? <span className="attention-text">Never expires</span>
              : expired ? <>Expired on {longDate(expires)}</> : <span title={formatDate(token.expires_at)}>Expires on {longDate(expires)}</span>}
          </span>
        </div>
      </div>
      <ConfirmButton label="Revoke" ariaLabel={`Revoke ${token.name}`} title={`Revoke the token “${token.name}”?`} confirmLabel="Revoke token" onConfirm={onRevoke}>
        <p>Any script, CI job or git remote that uses it will be refused from now on. This cannot be undone.</p>
      </ConfirmButton>
    </li>
  );
}

/** The secret, shown this once: the server keeps only a hash of it. */
function NewToken({ token, onDismiss }: { token: AccessToken; onDismiss(): void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const code = useRef<HTMLElement>(null);

  useEffect(() => {
    if (copied !== 'yes') return;
    const timer = setTimeout(() => setCopied(null), 3000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token!);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, or the permission refused): select it for Ctrl+C instead.
      const selection = window.getSelection();
      if (code.current && selection) {
        const range = document.createRange();
        range.selectNodeContents(code.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied('failed');
    }
  };

  return (
    <section className="new-token notice success" aria-labelledby="new-token-heading">
      <h3 id="new-token-heading">Your new token “{token.name}”</h3>
      <p><strong>Copy it now: you will not see it again.</strong> Codara stores only a fingerprint of it, so nobody can show it to you later.</p>
      <div className="new-token-value">
        <code ref={code} data-testid="new-token">{token.token}</code>
        <button type="button" className="button small" onClick={() => void copy()}>
          {copied === 'yes' ? '✓ Copied' : 'Copy'}
        </button>
      </div>
      <p className="small new-token-status" role="status">
        {copied === 'failed' ? 'The browser did not allow copying: the token is selected, press Ctrl+C (⌘C) to copy it.' : ''}
      </p>
      <button type="button" className="button small" onClick={onDismiss}>I have copied it</button>
    </section>
  );
}

function TokenForm({ onCreated, onCancel }: { onCreated(token: AccessToken): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<ExpiryChoice>('30');
  const [customDate, setCustomDate] = useState(() => dateInputValue(new Date(), 30));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => nameInput.current?.focus(), []);

  const implied = impliedScopes(selected);
  let expiresAt: Date | null = null;
  let expiryError: string | null = null;
  try {
    expiresAt = expiryDate(expiry, customDate);
  } catch (e) {
    expiryError = (e as Error).message;
  }

  const toggle = (scope: string, on: boolean) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(new Error('Give the token a name, so that you know later what uses it.'));
      nameInput.current?.focus();
      return;
    }
    if (expiryError) {
      setError(new Error(expiryError));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const token = await api<AccessToken>('/user/tokens', {
        method: 'POST',
        body: { name: name.trim(), scopes: effectiveScopes(selected), expires_at: expiresAt ? expiresAt.toISOString() : null },
      });
      onCreated(token);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const today = new Date();
  return (
    <form className="box token-form" onSubmit={submit} aria-busy={busy} aria-labelledby="token-form-heading" noValidate>
      <div className="box-header"><h3 id="token-form-heading">New personal access token</h3></div>
      <div className="box-body form">
        <FormErrors error={error} />
        <div className="field">
          <label htmlFor="token-name">Name</label>
          <input id="token-name" ref={nameInput} value={name} onChange={(event) => setName(event.target.value)} maxLength={255}
            required aria-describedby="token-name-hint" autoComplete="off" />
          <span className="hint" id="token-name-hint">What is this token for? For example “CI deploys” or “laptop git”.</span>
        </div>
        <div className="field">
          <label htmlFor="token-expiry">Expiration</label>
          <div className="expiry-row">
            <select id="token-expiry" value={expiry} onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}>
              {EXPIRY_CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
            </select>
            {expiry === 'custom' && (
              <input type="date" aria-label="Expiration date" value={customDate} min={dateInputValue(today, 1)}
                onChange={(event) => setCustomDate(event.target.value)} />
            )}
            <span className="muted small" aria-live="polite">
              {expiryError ?? (expiresAt ? `The token will expire on ${longDate(expiresAt)}.` : '')}
            </span>
          </div>
          {expiry === 'none' && (
            <p className="notice warning small">A token that never expires works until you revoke it, also for whoever finds it. Codara recommends an expiration date.</p>
          )}
        </div>
        <fieldset className="field scopes">
          <legend className="label">Scopes</legend>
          <span className="hint">
            Scopes limit what the token may do, within what you may do. Without any, it can only read what needs no
            scope, such as public repositories and your profile.
          </span>
          {SCOPE_GROUPS.map((group) => (
            <div key={group.title} className="scope-group" role="group" aria-label={group.title}>
              <div className="scope-group-title">{group.title}</div>
              {group.scopes.map((scope) => {
                const included = implied.has(scope.name);
                return (
                  <label key={scope.name} className="choice scope-choice">
                    <input type="checkbox" checked={selected.has(scope.name) || included} disabled={included}
                      onChange={(event) => toggle(scope.name, event.target.checked)} />
                    <span>
                      <code className="scope-name">{scope.name}</code>
                      <span className="muted scope-description">{scope.description}{included ? ' (included in a scope you chose)' : ''}</span>
                    </span>
                  </label>
                );
              })}
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Generating…' : 'Generate token'}</button>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>Cancel</button>
        </div>
      </div>
    </form>
  );
}
