import { useId, useState, type FormEvent } from 'react';
import { api } from '../../../lib/api';
import { formatDate, timeAgo } from '../../../lib/format';
import { useApi } from '../../../lib/hooks';
import { InlineError, Loading } from '../../../components/Status';
import { ConfirmDialog } from './ConfirmDialog';
import { SaveStatus } from './SaveStatus';
import { useSave } from './useSave';

/** A secret as the API lists it: its name and dates, never its value. */
export interface SecretJson { name: string; created_at: string; updated_at: string }
export interface VariableJson { name: string; value: string; created_at: string; updated_at: string }

/**
 * A hint while typing a name, for the rules GitHub states; the server checks every rule (length, reserved prefixes)
 * and its 422 message shows under the form.
 */
export function secretNameProblem(name: string): string | null {
  if (!name) return null;
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'Use only letters, digits and underscores.';
  if (/^[0-9]/.test(name)) return 'The name must not start with a digit.';
  if (/^(GITHUB|CODARA)_/i.test(name)) return 'The name must not start with GITHUB_ or CODARA_.';
  return null;
}

const PER_PAGE = 100;

function When({ iso }: { iso: string }) {
  return <time dateTime={iso} title={formatDate(iso)}>{timeAgo(iso)}</time>;
}

/**
 * Secrets and variables of a repository or an organisation: `scope` is its API path (`/repos/o/r` or `/orgs/o`).
 * A secret's value goes to the server once and is never shown again, not even to whoever typed it.
 */
export function SecretsAndVariables({ scope, what }: { scope: string; what: string }) {
  return (
    <>
      <h2 className="settings-title">Secrets and variables</h2>
      <p className="muted">
        Workflows of {what} read secrets as <code>{'${{ secrets.NAME }}'}</code> and variables as{' '}
        <code>{'${{ vars.NAME }}'}</code>. Secrets are encrypted at rest and masked in logs; their values cannot be read back.
      </p>
      <Secrets scope={scope} />
      <Variables scope={scope} />
    </>
  );
}

/** The secret form: a new secret (name and value) or a new value for an existing one (value only). */
export function SecretForm({ scope, existing, onSaved, onCancel }: {
  scope: string;
  existing?: string;
  onSaved(name: string, created: boolean): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(existing ?? '');
  const [value, setValue] = useState('');
  const save = useSave();
  const id = useId();
  const problem = existing ? null : secretNameProblem(name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = (existing ?? name).trim();
    if (!target || !value) return;
    const ok = await save.run(() => api(`${scope}/actions/secrets/${encodeURIComponent(target)}`, { method: 'PUT', body: { value } }),
      existing ? `Secret ${target} updated.` : `Secret ${target} added.`);
    if (ok) {
      // The value leaves the page as soon as the server has it.
      setValue('');
      onSaved(target, !existing);
    }
  };
  return (
    <form className="settings-section form secret-form" onSubmit={submit} aria-label={existing ? `Update secret ${existing}` : 'New secret'}>
      <h3>{existing ? <>Update secret <span className="mono">{existing}</span></> : 'New secret'}</h3>
      {!existing && (
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value.toUpperCase())} spellCheck={false}
            autoComplete="off" aria-invalid={!!problem} aria-describedby={`${id}-name-hint`} placeholder="YOUR_SECRET_NAME" autoFocus />
          <span className="hint" id={`${id}-name-hint`}>{problem ?? 'Letters, digits and underscores; not starting with a digit, GITHUB_ or CODARA_.'}</span>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-value`}>{existing ? 'New value' : 'Secret'}</label>
        <textarea id={`${id}-value`} className="secret-value" value={value} onChange={(e) => setValue(e.target.value)} rows={4}
          spellCheck={false} autoComplete="off" autoCorrect="off" autoCapitalize="none" data-1p-ignore autoFocus={!!existing} />
        <span className="hint">The value is sent once and cannot be shown again.</span>
      </div>
      <div className="inline-field">
        <button type="submit" className="button primary" disabled={save.saving || !value || (!existing && !name.trim())}>
          {save.saving ? 'Saving…' : existing ? 'Update secret' : 'Add secret'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.saving}>Cancel</button>
      </div>
      {save.state.kind === 'failed' && <SaveStatus state={save.state} />}
    </form>
  );
}

function Secrets({ scope }: { scope: string }) {
  const list = useApi<{ total_count: number; secrets: SecretJson[] }>(`${scope}/actions/secrets?per_page=${PER_PAGE}`);
  const [editing, setEditing] = useState<{ name?: string } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const secrets = list.data?.secrets ?? [];
  return (
    <section className="secrets-section" aria-labelledby="secrets-title">
      <div className="settings-heading">
        <h3 id="secrets-title" className="settings-title">Secrets</h3>
        {!editing && <button type="button" className="button primary small" onClick={() => { setDone(null); setEditing({}); }}>New secret</button>}
      </div>
      {editing && (
        <SecretForm key={editing.name ?? '(new)'} scope={scope} existing={editing.name}
          onCancel={() => setEditing(null)}
          onSaved={(name, created) => {
            setEditing(null);
            setDone(created ? `Secret ${name} added.` : `Secret ${name} updated.`);
            list.reload();
          }} />
      )}
      {done && <p className="save-ok" role="status">✓ {done}</p>}
      {list.error ? <InlineError error={list.error} /> : !list.data ? <Loading label="Loading secrets" height={80} /> : (
        <div className="box">
          {secrets.length === 0 ? (
            <div className="box-body empty-state">
              <strong>No secrets yet</strong>
              <p className="muted">Add one for a token or a password that workflows need.</p>
            </div>
          ) : (
            <ul className="secret-list">
              {secrets.map((secret) => (
                <li className="box-row rule-row" key={secret.name} data-secret={secret.name}>
                  <span className="rule-text">
                    <span className="mono rule-pattern">{secret.name}</span>{' '}
                    <span className="muted small">Updated <When iso={secret.updated_at} /></span>
                  </span>
                  <span className="inline-field">
                    <button type="button" className="button small" aria-label={`Update secret ${secret.name}`}
                      onClick={() => { setDone(null); setEditing({ name: secret.name }); }}>Update</button>
                    <button type="button" className="button small danger" aria-label={`Delete secret ${secret.name}`}
                      onClick={() => setDeleting(secret.name)}>Delete</button>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {list.data.total_count > secrets.length && (
            <p className="box-body muted small">The first {secrets.length} of {list.data.total_count} secrets.</p>
          )}
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete secret ${deleting}`} confirmLabel="Delete secret" busyLabel="Deleting…"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api(`${scope}/actions/secrets/${encodeURIComponent(deleting)}`, { method: 'DELETE' });
            setDone(`Secret ${deleting} deleted.`);
            setDeleting(null);
            list.reload();
          }}>
          <p>Workflows that use <span className="mono">{deleting}</span> will no longer get its value. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The variable form: a new variable, or an existing one's new name and value (PATCH). */
export function VariableForm({ scope, existing, onSaved, onCancel }: {
  scope: string;
  existing?: VariableJson;
  onSaved(message: string): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [value, setValue] = useState(existing?.value ?? '');
  const save = useSave();
  const id = useId();
  const problem = secretNameProblem(name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const target = name.trim();
    if (!target) return;
    const message = existing ? `Variable ${target} saved.` : `Variable ${target} added.`;
    const ok = await save.run(() => existing
      ? api(`${scope}/actions/variables/${encodeURIComponent(existing.name)}`, { method: 'PATCH', body: { name: target, value } })
      : api(`${scope}/actions/variables`, { method: 'POST', body: { name: target, value } }), message);
    if (ok) onSaved(message);
  };
  return (
    <form className="settings-section form variable-form" onSubmit={submit} aria-label={existing ? `Edit variable ${existing.name}` : 'New variable'}>
      <h3>{existing ? <>Edit variable <span className="mono">{existing.name}</span></> : 'New variable'}</h3>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value.toUpperCase())} spellCheck={false}
          autoComplete="off" aria-invalid={!!problem} aria-describedby={`${id}-name-hint`} placeholder="YOUR_VARIABLE_NAME" autoFocus />
        <span className="hint" id={`${id}-name-hint`}>{problem ?? 'Letters, digits and underscores; not starting with a digit, GITHUB_ or CODARA_.'}</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>Value</label>
        <textarea id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} rows={3} spellCheck={false} />
      </div>
      <div className="inline-field">
        <button type="submit" className="button primary" disabled={save.saving || !name.trim()}>
          {save.saving ? 'Saving…' : existing ? 'Save variable' : 'Add variable'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.saving}>Cancel</button>
      </div>
      {save.state.kind === 'failed' && <SaveStatus state={save.state} />}
    </form>
  );
}

function Variables({ scope }: { scope: string }) {
  const list = useApi<{ total_count: number; variables: VariableJson[] }>(`${scope}/actions/variables?per_page=${PER_PAGE}`);
  const [editing, setEditing] = useState<{ variable?: VariableJson } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const variables = list.data?.variables ?? [];
  return (
    <section className="variables-section" aria-labelledby="variables-title">
      <div className="settings-heading">
        <h3 id="variables-title" className="settings-title">Variables</h3>
        {!editing && <button type="button" className="button primary small" onClick={() => { setDone(null); setEditing({}); }}>New variable</button>}
      </div>
      {editing && (
        <VariableForm key={editing.variable?.name ?? '(new)'} scope={scope} existing={editing.variable}
          onCancel={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setDone(message);
            list.reload();
          }} />
      )}
      {done && <p className="save-ok" role="status">✓ {done}</p>}
      {list.error ? <InlineError error={list.error} /> : !list.data ? <Loading label="Loading variables" height={80} /> : (
        <div className="box">
          {variables.length === 0 ? (
            <div className="box-body empty-state">
              <strong>No variables yet</strong>
              <p className="muted">Variables hold settings that are not secret, such as a target environment's name.</p>
            </div>
          ) : (
            <ul className="secret-list">
              {variables.map((variable) => (
                <li className="box-row rule-row" key={variable.name} data-variable={variable.name}>
                  <span className="rule-text">
                    <span className="mono rule-pattern">{variable.name}</span>{' '}
                    <span className="mono variable-value">{variable.value}</span>{' '}
                    <span className="muted small">Updated <When iso={variable.updated_at} /></span>
                  </span>
                  <span className="inline-field">
                    <button type="button" className="button small" aria-label={`Edit variable ${variable.name}`}
                      onClick={() => { setDone(null); setEditing({ variable }); }}>Edit</button>
                    <button type="button" className="button small danger" aria-label={`Delete variable ${variable.name}`}
                      onClick={() => setDeleting(variable.name)}>Delete</button>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {list.data.total_count > variables.length && (
            <p className="box-body muted small">The first {variables.length} of {list.data.total_count} variables.</p>
          )}
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete variable ${deleting}`} confirmLabel="Delete variable" busyLabel="Deleting…"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api(`${scope}/actions/variables/${encodeURIComponent(deleting)}`, { method: 'DELETE' });
            setDone(`Variable ${deleting} deleted.`);
            setDeleting(null);
            list.reload();
          }}>
          <p>Workflows that use <span className="mono">{deleting}</span> will get an empty value. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
