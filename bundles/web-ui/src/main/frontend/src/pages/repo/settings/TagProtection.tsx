import { useState, type FormEvent } from 'react';
import { api } from '../../../lib/api';
import { useApi } from '../../../lib/hooks';
import { InlineError, Loading } from '../../../components/Status';
import { useRepo } from '../RepoLayout';
import { ConfirmDialog } from './ConfirmDialog';
import { SaveStatus } from './SaveStatus';
import { useSave } from './useSave';

interface TagRule { id: number; pattern: string }

export function TagProtection() {
  const { base } = useRepo();
  const rules = useApi<TagRule[]>(`${base}/tags/protection`);
  const [pattern, setPattern] = useState('');
  const [deleting, setDeleting] = useState<TagRule | null>(null);
  const save = useSave();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = pattern.trim();
    if (!value) return;
    if (await save.run(() => api(`${base}/tags/protection`, { method: 'POST', body: { pattern: value } }), `Tags matching ${value} are now protected.`)) {
      setPattern('');
      rules.reload();
    }
  };

  return (
    <>
      <h2 className="settings-title">Protected tags</h2>
      <p className="muted">Only maintainers and administrators may create, move or delete tags matching these patterns.</p>
      <form className="settings-section form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="tag-pattern">Tag name pattern</label>
          <div className="inline-field">
            <input id="tag-pattern" value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder="v*" spellCheck={false}
              autoComplete="off" aria-describedby="tag-pattern-hint" />
            <button type="submit" className="button primary" disabled={save.saving || !pattern.trim()}>
              {save.saving ? 'Adding…' : 'Add rule'}
            </button>
          </div>
          <span className="hint" id="tag-pattern-hint">A tag name or a pattern with *, e.g. v* for every release tag.</span>
        </div>
        <SaveStatus state={save.state} />
      </form>
      {rules.error ? <InlineError error={rules.error} /> : !rules.data ? <Loading label="Loading rules" height={80} /> : (
        <div className="box">
          {rules.data.length === 0 ? (
            <div className="box-body empty-state">
              <strong>No protected tags</strong>
              <p className="muted">Anyone with write access may create and delete any tag.</p>
            </div>
          ) : rules.data.map((rule) => (
            <div className="box-row rule-row" key={rule.id}>
              <span className="mono rule-pattern">{rule.pattern}</span>
              <button type="button" className="button small danger" aria-label={`Delete tag rule ${rule.pattern}`}
                onClick={() => setDeleting(rule)}>Delete</button>
            </div>
          ))}
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete the tag rule ${deleting.pattern}`} confirmLabel="Delete rule" busyLabel="Deleting…"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api(`${base}/tags/protection/${deleting.id}`, { method: 'DELETE' });
            setDeleting(null);
            rules.reload();
          }}>
          <p>Anyone with write access will be able to create, move and delete tags matching <span className="mono">{deleting.pattern}</span>.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
