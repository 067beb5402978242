import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, encodePath } from '../../../lib/api';
import { useApi } from '../../../lib/hooks';
import type { Branch } from '../../../lib/types';
import { InlineError, Loading } from '../../../components/Status';
import { useRepo } from '../RepoLayout';
import { ConfirmDialog } from './ConfirmDialog';
import { emptyProtection, protectionBody, protectionForm, protectionSummary, type ProtectionForm, type ProtectionJson } from './protection';
import { SaveStatus } from './SaveStatus';
import { useSave } from './useSave';

interface Rule { pattern: string; json: ProtectionJson | null }

const protectionPath = (base: string, pattern: string) => `${base}/branches/${encodePath(pattern)}/protection`;

/**
 * The rules of the repository's protected branches. GitHub's REST API has no list of rules, so the page reads the
 * branches marked protected and asks each one's rule; a branch covered only by a wildcard rule shows as such.
 */
function useRules(base: string) {
  const [rules, setRules] = useState<Rule[]>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    (async () => {
      const branches = await api<Branch[]>(`${base}/branches?per_page=100`);
      const found = await Promise.all(branches.filter((b) => b.protected).map(async (b) => {
        try {
          return { pattern: b.name, json: await api<ProtectionJson>(protectionPath(base, b.name)) };
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) return { pattern: b.name, json: null };
          throw e;
        }
      }));
      if (live) {
        setRules(found);
        setError(undefined);
      }
    })().catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [base, generation]);
  return { rules, error, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}

export function BranchProtection() {
  const { base, repo } = useRepo();
  const { rules, error, reload } = useRules(base);
  const [editing, setEditing] = useState<{ form: ProtectionForm; existing: boolean } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();

  if (editing) {
    return (
      <RuleEditor initial={editing.form} existing={editing.existing}
        onDone={(message) => {
          setEditing(null);
          setNotice(message);
          reload();
        }}
        onCancel={() => setEditing(null)} />
    );
  }

  return (
    <>
      <div className="settings-heading">
        <h2 className="settings-title">Branch protection rules</h2>
        <button type="button" className="button primary" onClick={() => {
          setNotice(undefined);
          setEditing({ form: emptyProtection(rules?.length ? '' : repo.default_branch), existing: false });
        }}>Add rule</button>
      </div>
      <p className="muted">
        Protect important branches: require reviews and passing status checks before changes land, and keep history
        from being rewritten or deleted.
      </p>
      {notice && <p className="notice success" role="status">{notice}</p>}
      {error ? <InlineError error={error} /> : !rules ? <Loading label="Loading rules" height={120} /> : (
        <div className="box">
          {rules.length === 0 ? (
            <div className="box-body empty-state">
              <strong>No branch protection rules yet</strong>
              <p className="muted">Add a rule for <span className="mono">{repo.default_branch}</span> to stop force pushes and require reviews.</p>
            </div>
          ) : rules.map((rule) => (
            <div className="box-row rule-row" key={rule.pattern} data-testid={`rule-${rule.pattern}`}>
              <div className="rule-text">
                <span className="mono rule-pattern">{rule.pattern}</span>
                <div className="muted small">
                  {rule.json ? (protectionSummary(rule.json).join(' · ') || 'Protected from force pushes and deletion')
                    : 'Protected by a wildcard rule'}
                </div>
              </div>
              {rule.json && (
                <div className="actions">
                  <button type="button" className="button small" aria-label={`Edit rule ${rule.pattern}`}
                    onClick={() => {
                      setNotice(undefined);
                      setEditing({ form: protectionForm(rule.pattern, rule.json!), existing: true });
                    }}>Edit</button>
                  <button type="button" className="button small danger" aria-label={`Delete rule ${rule.pattern}`}
                    onClick={() => setDeleting(rule.pattern)}>Delete</button>
                </div>
              )}
            </div>
          ))}
        </div>
      )}
      <p className="hint">
        A rule may also name a pattern such as <span className="mono">release/*</span>; it then protects every matching branch.
      </p>
      {deleting && (
        <ConfirmDialog title={`Delete the rule for ${deleting}`} confirmLabel="Delete rule" busyLabel="Deleting…"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api(protectionPath(base, deleting), { method: 'DELETE' });
            setDeleting(null);
            setNotice(`The rule for ${deleting} was deleted.`);
            reload();
          }}>
          <p>Anyone with write access will be able to force-push to and delete <span className="mono">{deleting}</span> again.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function RuleEditor({ initial, existing, onDone, onCancel }: {
  initial: ProtectionForm;
  existing: boolean;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { base } = useRepo();
  const branches = useApi<Branch[]>(`${base}/branches?per_page=100`);
  const [form, setForm] = useState(initial);
  const save = useSave();
  const set = <K extends keyof ProtectionForm>(key: K, value: ProtectionForm[K]) => setForm({ ...form, [key]: value });
  const check = (key: 'requireReviews' | 'dismissStaleReviews' | 'requireCodeOwnerReviews' | 'requireStatusChecks'
    | 'strictStatusChecks' | 'enforceAdmins' | 'allowForcePushes' | 'allowDeletions' | 'requiredLinearHistory'
    | 'requiredSignatures', label: string, hint: string, disabled = false) => (
    <label className="choice">
      <input type="checkbox" checked={form[key]} disabled={disabled} onChange={(e) => set(key, e.target.checked)} />
      <span>{label}<br /><span className="hint">{hint}</span></span>
    </label>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pattern = form.pattern.trim();
    if (!pattern) return;
    const ok = await save.run(() => api(protectionPath(base, pattern), { method: 'PUT', body: protectionBody(form) }), 'Saved.');
    if (ok) onDone(existing ? `The rule for ${pattern} was updated.` : `Branch ${pattern} is now protected.`);
  };

  return (
    <form className="form protection-form" onSubmit={submit} aria-busy={save.saving}>
      <h2 className="settings-title">{existing ? `Edit the rule for ${initial.pattern}` : 'Add a branch protection rule'}</h2>
      <div className="field">
        <label htmlFor="rule-pattern">Branch name or pattern</label>
        <input id="rule-pattern" value={form.pattern} readOnly={existing} required list="rule-branches" spellCheck={false}
          autoComplete="off" onChange={(e) => set('pattern', e.target.value)} aria-describedby="rule-pattern-hint" />
        <datalist id="rule-branches">
          {(branches.data ?? []).map((b) => <option key={b.name} value={b.name} />)}
        </datalist>
        <span className="hint" id="rule-pattern-hint">
          {existing ? 'To protect another branch, add a new rule.' : 'A branch name, or a pattern with * such as release/*.'}
        </span>
      </div>

      <fieldset className="protection-group">
        <legend className="label">Protect matching branches</legend>
        {check('requireReviews', 'Require a pull request before merging', 'Changes must go through a pull request with approving reviews.')}
        {form.requireReviews && (
          <div className="nested">
            <div className="field">
              <label htmlFor="rule-reviews">Required approving reviews</label>
              <select id="rule-reviews" value={form.reviewCount} onChange={(e) => set('reviewCount', Number(e.target.value))}>
                {[0, 1, 2, 3, 4, 5, 6].map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </div>
            {check('dismissStaleReviews', 'Dismiss stale approvals when new commits are pushed', 'New commits need a fresh review.')}
            {check('requireCodeOwnerReviews', 'Require review from code owners', 'When CODEOWNERS names owners of the changed files.')}
          </div>
        )}
        {check('requireStatusChecks', 'Require status checks to pass before merging', 'Named checks (CI jobs) must succeed on the commit.')}
        {form.requireStatusChecks && (
          <div className="nested">
            {check('strictStatusChecks', 'Require branches to be up to date before merging', 'The checks must have run against the latest base.')}
            <div className="field">
              <label htmlFor="rule-contexts">Required checks</label>
              <textarea id="rule-contexts" value={form.contexts} rows={3} placeholder={'ci/build\nci/test'}
                onChange={(e) => set('contexts', e.target.value)} />
              <span className="hint">One check name per line (the context a CI reports).</span>
            </div>
          </div>
        )}
        {check('requiredSignatures', 'Require signed commits', 'Commits pushed to matching branches must carry a verified signature.')}
        {check('requiredLinearHistory', 'Require linear history', 'Refuse merge commits: only fast-forward, squash or rebase.')}
        {check('enforceAdmins', 'Do not allow bypassing the above settings', 'Apply the rule to administrators too.')}
      </fieldset>

      <fieldset className="protection-group">
        <legend className="label">Rules applied to everyone including administrators</legend>
        {check('allowForcePushes', 'Allow force pushes', 'Anyone with push access may rewrite the branch’s history.')}
        {check('allowDeletions', 'Allow deletions', 'Anyone with push access may delete matching branches.')}
      </fieldset>

      <SaveStatus state={save.state.kind === 'failed' ? save.state : { kind: 'idle' }} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.saving || !form.pattern.trim()}>
          {save.saving ? 'Saving…' : existing ? 'Save changes' : 'Create rule'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={save.saving}>Cancel</button>
      </div>
    </form>
  );
}
