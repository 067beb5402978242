import { useState } from 'react';
import { api } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { useApi } from '../../../lib/hooks';
import { InlineError, Loading } from '../../../components/Status';
import { ConfirmDialog } from './ConfirmDialog';

/** A self-hosted runner as GitHub's API lists it. */
export interface RunnerJson {
  id: number;
  name: string;
  os: string;
  status: 'online' | 'offline';
  busy: boolean;
  labels: { id: number; name: string; type: 'read-only' | 'custom' }[];
}

/** The shell commands that register and start a runner with `token` against this server. */
export function registerCommands(origin: string, token: string): string {
  return `bin/codara-runner register --url ${origin} --token ${token} --name my-runner --labels self-hosted\n`
    + 'bin/codara-runner run';
}

/**
 * Self-hosted runners of a repository or an organisation (`scope` is its API path): their status and labels, a
 * registration token with the command that registers a runner on another machine, and deleting one.
 */
export function Runners({ scope, what }: { scope: string; what: string }) {
  const list = useApi<{ total_count: number; runners: RunnerJson[] }>(`${scope}/actions/runners`);
  const [token, setToken] = useState<{ token: string; expires_at: string } | null>(null);
  const [tokenError, setTokenError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<RunnerJson | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const runners = list.data?.runners ?? [];

  const newToken = async () => {
    setCreating(true);
    setTokenError(undefined);
    setDone(null);
    try {
      setToken(await api<{ token: string; expires_at: string }>(`${scope}/actions/runners/registration-token`, { method: 'POST' }));
    } catch (error) {
      setTokenError(error);
    } finally {
      setCreating(false);
    }
  };

  return (
    <>
      <div className="settings-heading">
        <h2 className="settings-title">Runners</h2>
        <button type="button" className="button primary small" onClick={newToken} disabled={creating}>
          {creating ? 'Creating…' : 'New self-hosted runner'}
        </button>
      </div>
      <p className="muted">
        Self-hosted runners on other machines run the jobs of {what} whose <code>runs-on</code> labels they all have.
        A runner registers once with a token that is valid for an hour, then asks this server for work.
      </p>
      {tokenError !== undefined && <InlineError error={tokenError} />}
      {token && (
        <section className="settings-section runner-token" aria-label="Register a runner">
          <h3>Register a runner</h3>
          <p className="muted small">
            On the runner's machine (Java 17 and git installed), from a copy of the Codara distribution, run the
            following. The token expires {formatDate(token.expires_at)}.
          </p>
          <pre className="mono runner-command" data-testid="runner-command">{registerCommands(window.location.origin, token.token)}</pre>
        </section>
      )}
      {done && <p className="save-ok" role="status">✓ {done}</p>}
      {list.error ? <InlineError error={list.error} /> : !list.data ? <Loading label="Loading runners" height={80} /> : (
        <div className="box">
          {runners.length === 0 ? (
            <div className="box-body empty-state">
              <strong>No self-hosted runners yet</strong>
              <p className="muted">Register one to run jobs on a machine of your own.</p>
            </div>
          ) : (
            <ul className="runner-list">
              {runners.map((runner) => (
                <li className="box-row rule-row" key={runner.id} data-runner={runner.name}>
                  <span className="rule-text">
                    <span className="mono rule-pattern">{runner.name}</span>{' '}
                    <span className={`badge runner-status runner-${runner.status}`} data-testid="runner-status">
                      {runner.status === 'online' && runner.busy ? 'active' : runner.status === 'online' ? 'idle' : 'offline'}
                    </span>{' '}
                    <span className="muted small">{runner.os}</span>{' '}
                    {runner.labels.map((label) => (
                      <span key={label.name} className="badge runner-label" data-label-type={label.type}>{label.name}</span>
                    ))}
                  </span>
                  <button type="button" className="button small danger" aria-label={`Delete runner ${runner.name}`}
                    onClick={() => setDeleting(runner)}>Delete</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete runner ${deleting.name}`} confirmLabel="Delete runner" busyLabel="Deleting…"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api(`${scope}/actions/runners/${deleting.id}`, { method: 'DELETE' });
            setDone(`Runner ${deleting.name} deleted.`);
            setDeleting(null);
            list.reload();
          }}>
          <p>
            The runner can no longer ask for work; a job it runs now is started again elsewhere after its lease ends.
            To use the machine again, register it anew.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
