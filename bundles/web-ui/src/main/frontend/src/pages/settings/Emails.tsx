import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useApi, useTitle } from '../../lib/hooks';
import { ErrorView, Loading } from '../../components/Status';
import { ConfirmButton, capitalize, errorMessages } from './parts';

interface EmailEntry {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: 'public' | null;
}

/** GET/POST/DELETE /user/emails (GitHub's shape). Codara has no way to change the primary address yet. */
export default function Emails() {
  useTitle('Emails');
  const emails = useApi<EmailEntry[]>('/user/emails');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<{ error: unknown; email: string }>();
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = value.trim();
    if (!email) return;
    setAdding(true);
    setError(undefined);
    setMessage(null);
    try {
      await api('/user/emails', { method: 'POST', body: { emails: [email] } });
      setValue('');
      setMessage(`${email} was added.`);
      emails.reload();
    } catch (e) {
      setError({ error: e, email });
    } finally {
      setAdding(false);
    }
  };

  const remove = async (email: string) => {
    await api('/user/emails', { method: 'DELETE', body: { emails: [email] } });
    setMessage(`${email} was removed.`);
    emails.reload();
  };

  return (
    <>
      <header className="settings-page-header">
        <h2>Emails</h2>
      </header>
      <p className="muted settings-intro">
        Your addresses connect your commits to your account and let you sign in with an address instead of your
        username. The primary address is where Codara writes to you.
      </p>
      {emails.error ? <ErrorView error={emails.error} /> : !emails.data ? <Loading height={120} /> : (
        <ul className="box settings-list" aria-label="Your email addresses">
          {emails.data.map((e) => (
            <li key={e.email} className="box-row email-row">
              <div className="settings-list-main">
                <strong className="email-address">{e.email}</strong>
                <span className="settings-badges">
                  {e.primary && <span className="badge accent">Primary</span>}
                  {e.verified ? <span className="badge success">Verified</span> : <span className="badge attention">Unverified</span>}
                  {e.visibility === 'public' && <span className="badge">Public</span>}
                </span>
              </div>
              {e.primary ? (
                <span className="muted small settings-row-note">The primary address cannot be removed</span>
              ) : (
                <ConfirmButton label="Delete" ariaLabel={`Delete ${e.email}`} title={`Delete ${e.email}?`} confirmLabel="Delete address"
                  onConfirm={() => remove(e.email)}>
                  <p>Commits made with this address will no longer be linked to your account.
                    {e.visibility === 'public' && ' It is your public email, so your profile will show none.'}</p>
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {message && <p className="notice success settings-message" role="status">{message}</p>}

      <section className="settings-section" aria-labelledby="add-email">
        <h3 id="add-email">Add an email address</h3>
        <form className="inline-form" onSubmit={add} aria-busy={adding} noValidate>
          <label htmlFor="new-email" className="visually-hidden">Email address</label>
          <input id="new-email" type="email" value={value} onChange={(event) => setValue(event.target.value)}
            placeholder="you@example.com" autoComplete="email" required />
          <button className="button" type="submit" disabled={adding || !value.trim()}>{adding ? 'Adding…' : 'Add'}</button>
        </form>
        {error && (
          // The server names the field ("emails is not a valid email address"): name the address instead.
          <p className="inline-error" role="alert">{errorMessages(error.error).map((m) => (/^emails\b/.test(m) ? m.replace(/^emails\b/, error.email) : capitalize(m))).join(' ')}</p>
        )}
        <p className="hint muted small">
          Choose which address your profile shows on the <Link to="/settings/profile">Public profile</Link> page.
        </p>
      </section>
    </>
  );
}
