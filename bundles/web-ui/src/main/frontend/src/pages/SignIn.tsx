import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { InlineError } from '../components/Status';
import { useTitle } from '../lib/hooks';
import { useSession } from '../lib/session';
import { useSignupEnabled } from './signupAvailability';
import './auth.css';

/** Only paths of this site: a return_to of another origin would make the sign-in page an open redirect. */
export function safeReturn(target: string | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  return target;
}

export default function SignIn() {
  useTitle('Sign in');
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const returnTo = safeReturn(params.get('return_to'));
  const signupOpen = useSignupEnabled();

  if (user) return <Navigate to={returnTo} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await signIn(String(form.get('login') ?? ''), String(form.get('password') ?? ''));
      navigate(returnTo, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <h1>Sign in to Codara</h1>
      <form className="box box-body form" onSubmit={submit} aria-busy={busy}>
        <InlineError error={error} />
        <div className="field">
          <label htmlFor="login">Username or email address</label>
          <input id="login" name="login" autoComplete="username" autoCapitalize="none" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button className="button primary" type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {signupOpen && (
        <p className="box box-body auth-alt">New to Codara? <Link to="/signup">Create an account</Link>.</p>
      )}
    </div>
  );
}
