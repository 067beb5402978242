import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { ApiError } from '../lib/api';
import { useTitle } from '../lib/hooks';
import { useSession } from '../lib/session';
import { InlineError, Loading } from '../components/Status';
import { passwordStrength } from './passwordStrength';
import { useSignupEnabled } from './signupAvailability';
import './auth.css';

type Field = 'login' | 'email' | 'password' | 'name';

/** Each field error of a 422 under its field; the rest as one message above the form. */
function fieldErrors(error: unknown): { fields: Partial<Record<Field, string>>; general: unknown } {
  if (!(error instanceof ApiError) || error.errors.length === 0) return { fields: {}, general: error };
  const fields: Partial<Record<Field, string>> = {};
  const rest: string[] = [];
  for (const e of error.errors) {
    const text = e.message ?? `${e.field} is ${e.code ?? 'invalid'}`;
    if (e.field === 'login' || e.field === 'email' || e.field === 'password' || e.field === 'name') fields[e.field] ??= text;
    else rest.push(text);
  }
  return { fields, general: rest.length ? new Error(rest.join(' ')) : undefined };
}

export default function SignUp() {
  useTitle('Create an account');
  const { user, signUp } = useSession();
  const enabled = useSignupEnabled();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({ login: '', email: '', password: '', name: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to="/" replace />;
  if (enabled === undefined) return <Loading label="Checking sign-up" height={320} />;
  if (!enabled) {
    return (
      <div className="auth-page">
        <h1>Create an account</h1>
        <div className="box box-body" data-testid="signup-disabled">
          <p><strong>Sign-up is disabled on this Codara.</strong></p>
          <p className="muted">Accounts are created by an administrator. Ask one of them for an account, then sign in.</p>
          <p><Link to="/login">Go to sign in</Link></p>
        </div>
      </div>
    );
  }

  const strength = passwordStrength(values.password);
  const { fields, general } = fieldErrors(error);
  const set = (field: Field) => (event: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [field]: event.target.value });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signUp({ login: values.login.trim(), email: values.email.trim(), password: values.password, name: values.name.trim() || undefined });
      navigate('/', { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const described = (field: Field, hint?: string) => [hint, fields[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div className="auth-page">
      <h1>Create your account</h1>
      <form className="box box-body form" onSubmit={submit} aria-busy={busy} noValidate>
        <InlineError error={general} />
        <div className="field">
          <label htmlFor="signup-login">Username</label>
          <input id="signup-login" value={values.login} onChange={set('login')} autoComplete="username" autoCapitalize="none"
            required autoFocus aria-invalid={!!fields.login} aria-describedby={described('login', 'signup-login-hint')} />
          <span className="hint" id="signup-login-hint">Letters, digits and single hyphens; your profile is at /{values.login || 'username'}.</span>
          {fields.login && <span className="field-error" id="login-error" role="alert">{fields.login}</span>}
        </div>
        <div className="field">
          <label htmlFor="signup-email">Email address</label>
          <input id="signup-email" type="email" value={values.email} onChange={set('email')} autoComplete="email" required
            aria-invalid={!!fields.email} aria-describedby={described('email')} />
          {fields.email && <span className="field-error" id="email-error" role="alert">{fields.email}</span>}
        </div>
        <div className="field">
          <label htmlFor="signup-password">Password</label>
          <input id="signup-password" type="password" value={values.password} onChange={set('password')} autoComplete="new-password"
            required aria-invalid={!!fields.password} aria-describedby={described('password', 'signup-password-hint')} />
          <div className={`strength strength-${strength.level}`} aria-hidden="true"><span /></div>
          <span className="hint" id="signup-password-hint">{strength.hint}</span>
          {fields.password && <span className="field-error" id="password-error" role="alert">{fields.password}</span>}
        </div>
        <div className="field">
          <label htmlFor="signup-name">Name <span className="muted">(optional)</span></label>
          <input id="signup-name" value={values.name} onChange={set('name')} autoComplete="name"
            aria-invalid={!!fields.name} aria-describedby={described('name')} />
          {fields.name && <span className="field-error" id="name-error" role="alert">{fields.name}</span>}
        </div>
        <button className="button primary" type="submit" disabled={busy}>{busy ? 'Creating account…' : 'Create account'}</button>
      </form>
      <p className="box box-body auth-alt">Already have an account? <Link to="/login">Sign in</Link>.</p>
    </div>
  );
}
