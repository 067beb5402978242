import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import { FormErrors, capitalize, fieldErrors } from './parts';

const MIN_LENGTH = 8;

/**
 * PUT /user/password with the current and the new password. The server then ends every session of the account
 * and starts a new one for this browser (a new cookie, so a new CSRF token: the session is asked again).
 */
export default function Password() {
  useTitle('Password');
  const { user, refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [changed, setChanged] = useState(false);

  const mismatch = confirm !== '' && password !== confirm && (touched || confirm.length >= password.length);
  const tooShort = password !== '' && password.length < MIN_LENGTH;
  const sameAsLogin = !!user && password.toLowerCase() === user.login.toLowerCase();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (!current || !password || password !== confirm || password.length < MIN_LENGTH || sameAsLogin) return;
    setBusy(true);
    setError(undefined);
    try {
      await api('/user/password', { method: 'PUT', body: { current_password: current, password } });
      setChanged(true);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setTouched(false);
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const currentErrors = fieldErrors(error, 'current_password');
  const passwordErrors = fieldErrors(error, 'password');

  return (
    <>
      <header className="settings-page-header">
        <h2>Change password</h2>
      </header>
      {changed && (
        <div className="notice success settings-message" role="status">
          <strong>Your password was changed.</strong> Every other session of your account was signed out: sign in
          there again with the new password. This browser stays signed in. Personal access tokens and SSH keys keep
          working; <Link to="/settings/sessions">review your sessions</Link> or <Link to="/settings/tokens">your tokens</Link> if
          you changed it because someone else may have known it.
        </div>
      )}
      <form className="form" onSubmit={submit} aria-busy={busy} noValidate>
        {/* For password managers: the account this password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={user?.login ?? ''} readOnly hidden />
        {error && currentErrors.length === 0 && passwordErrors.length === 0 ? <FormErrors error={error} /> : null}
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input id="current-password" type="password" autoComplete="current-password" value={current}
            onChange={(event) => setCurrent(event.target.value)} required
            aria-invalid={currentErrors.length > 0 || (touched && !current) || undefined} />
          {touched && !current && <span className="field-error">Enter your current password.</span>}
          {currentErrors.map((m) => <span key={m} className="field-error" role="alert">{capitalize(m.replace('current_password', 'the current password'))}</span>)}
        </div>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input id="new-password" type="password" autoComplete="new-password" value={password} minLength={MIN_LENGTH}
            onChange={(event) => setPassword(event.target.value)} required aria-describedby="new-password-hint"
            aria-invalid={tooShort || sameAsLogin || passwordErrors.length > 0 || undefined} />
          <span className="hint" id="new-password-hint">At least {MIN_LENGTH} characters, and not your username.</span>
          {touched && !password && <span className="field-error">Enter a new password.</span>}
          {touched && tooShort && <span className="field-error">The new password must be at least {MIN_LENGTH} characters.</span>}
          {sameAsLogin && <span className="field-error">The new password must not be your username.</span>}
          {passwordErrors.map((m) => <span key={m} className="field-error" role="alert">{capitalize(m.replace(/^password/, 'the new password'))}</span>)}
        </div>
        <div className="field">
          <label htmlFor="confirm-password">Confirm new password</label>
          <input id="confirm-password" type="password" autoComplete="new-password" value={confirm}
            onChange={(event) => setConfirm(event.target.value)} required aria-invalid={mismatch || undefined} />
          {mismatch && <span className="field-error" role="alert">The passwords do not match.</span>}
          {touched && !confirm && password && <span className="field-error">Type the new password again.</span>}
        </div>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Changing…' : 'Update password'}</button>
        </div>
      </form>
    </>
  );
}
