import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useApi, useTitle } from '../../lib/hooks';
import { useSession } from '../../lib/session';
import type { User } from '../../lib/types';
import { ErrorView, Loading } from '../../components/Status';
import { ConfirmButton, FormErrors, SavedNote, capitalize, fieldErrors } from './parts';
import { avatarProblem, hasUploadedAvatar } from './settings-lib';

interface EmailEntry {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: 'public' | null;
}

/** PATCH /user: the public profile. Blank fields clear the value. */
export default function Profile() {
  useTitle('Public profile');
  const me = useApi<User>('/user');
  const emails = useApi<EmailEntry[]>('/user/emails');

  if (me.error) return <ErrorView error={me.error} />;
  // The public email select needs the addresses before it first renders: it keeps its first selection.
  if (!me.data || (!emails.data && !emails.error)) return <Loading height={520} />;
  return (
    <>
      <header className="settings-page-header">
        <h2>Public profile</h2>
      </header>
      <div className="profile-layout">
        <ProfileForm user={me.data} emails={emails.data ?? []} onSaved={me.reload} />
        <AvatarEditor user={me.data} onChanged={me.reload} />
      </div>
    </>
  );
}

const FIELDS: Array<{ key: 'name' | 'company' | 'location' | 'blog'; label: string; hint: string; type?: string; autoComplete: string }> = [
  { key: 'name', label: 'Name', hint: 'Your name may appear around Codara where you contribute or are mentioned.', autoComplete: 'name' },
  { key: 'company', label: 'Company', hint: 'Where you work, if you want people to know.', autoComplete: 'organization' },
  { key: 'location', label: 'Location', hint: '', autoComplete: 'address-level2' },
  { key: 'blog', label: 'Website', hint: 'A link people can follow from your profile.', type: 'url', autoComplete: 'url' },
];

function ProfileForm({ user, emails, onSaved }: { user: User; emails: EmailEntry[]; onSaved(): void }) {
  const { refresh } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), 4000);
    return () => clearTimeout(timer);
  }, [saved]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      await api<User>('/user', {
        method: 'PATCH',
        body: { name: text('name'), bio: text('bio'), company: text('company'), location: text('location'), blog: text('blog'), email: text('email') },
      });
      setSaved(true);
      onSaved();
      // The header shows the name and avatar from the session: let it know.
      void refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: string) => fieldErrors(error, field);

  return (
    <form className="form profile-form" onSubmit={submit} aria-busy={busy} noValidate>
      {['name', 'email', 'bio', 'company', 'location', 'blog'].some((f) => invalid(f).length > 0)
        ? <p className="inline-error" role="alert">The profile was not saved: see the fields marked below.</p>
        : <FormErrors error={error} />}
      {FIELDS.slice(0, 1).map((f) => <TextField key={f.key} field={f} value={user[f.key]} errors={invalid(f.key)} />)}
      <div className="field">
        <label htmlFor="profile-email">Public email</label>
        <select id="profile-email" name="email" defaultValue={user.email ?? ''} aria-describedby="profile-email-hint">
          <option value="">Don’t show my email address</option>
          {emails.map((e) => <option key={e.email} value={e.email}>{e.email}</option>)}
          {user.email && !emails.some((e) => e.email.toLowerCase() === user.email!.toLowerCase()) && (
            <option value={user.email}>{user.email}</option>
          )}
        </select>
        <span className="hint" id="profile-email-hint">
          Shown on your profile. Add more addresses on the <Link to="/settings/emails">Emails</Link> page.
        </span>
        {invalid('email').map((m) => <span key={m} className="field-error">{capitalize(m)}</span>)}
      </div>
      <div className="field">
        <label htmlFor="profile-bio">Bio</label>
        <textarea id="profile-bio" name="bio" defaultValue={user.bio ?? ''} maxLength={1000} rows={4}
          placeholder="Tell us a little bit about yourself" aria-invalid={invalid('bio').length > 0 || undefined} />
        <span className="hint">Plain text, up to 1000 characters.</span>
        {invalid('bio').map((m) => <span key={m} className="field-error">{capitalize(m)}</span>)}
      </div>
      {FIELDS.slice(1).map((f) => <TextField key={f.key} field={f} value={user[f.key]} errors={invalid(f.key)} />)}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Saving…' : 'Update profile'}</button>
        <SavedNote show={saved}>Profile updated</SavedNote>
      </div>
    </form>
  );
}

function TextField({ field, value, errors }: { field: (typeof FIELDS)[number]; value: string | null | undefined; errors: string[] }) {
  const id = `profile-${field.key}`;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input id={id} name={field.key} type={field.type ?? 'text'} defaultValue={value ?? ''} maxLength={255}
        autoComplete={field.autoComplete} aria-invalid={errors.length > 0 || undefined}
        aria-describedby={field.hint ? `${id}-hint` : undefined} />
      {field.hint && <span className="hint" id={`${id}-hint`}>{field.hint}</span>}
      {errors.map((m) => <span key={m} className="field-error">{capitalize(m)}</span>)}
    </div>
  );
}

/** PUT /user/avatar takes the picture as the raw body (PNG, JPEG or GIF, at most 1 MiB); DELETE goes back to the identicon. */
function AvatarEditor({ user, onChanged }: { user: User; onChanged(): void }) {
  const { refresh } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setError(undefined);
    setDone(null);
    if (!chosen) return;
    const why = avatarProblem(chosen);
    setProblem(why);
    setFile(why ? null : chosen);
    if (why) setPreview(null);
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    if (input.current) input.current.value = '';
  };

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      await api<User>('/user/avatar', { method: 'PUT', body: file, headers: { 'Content-Type': file.type } });
      reset();
      setDone('Your new picture is saved.');
      onChanged();
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    await api('/user/avatar', { method: 'DELETE' });
    setDone('Your picture is removed; a generated pattern shows instead.');
    onChanged();
    await refresh();
  };

  const shown = preview ?? user.avatar_url;
  return (
    <section className="avatar-editor" aria-labelledby="avatar-heading">
      <h3 id="avatar-heading">Profile picture</h3>
      <img className="avatar avatar-large" src={shown} alt={preview ? 'Preview of your new picture' : 'Your current picture'}
        width={200} height={200} />
      <div className="avatar-controls">
        <input ref={input} id="avatar-file" className="visually-hidden" tabIndex={-1} type="file" aria-label="Picture file" accept="image/png,image/jpeg,image/gif"
          onChange={choose} aria-describedby="avatar-hint" />
        <div className="actions">
          {file ? (
            <>
              <button type="button" className="button primary small" onClick={() => void upload()} disabled={busy}>
                {busy ? 'Uploading…' : 'Save picture'}
              </button>
              <button type="button" className="button small" onClick={reset} disabled={busy}>Cancel</button>
            </>
          ) : (
            <>
              <button type="button" className="button small" onClick={() => input.current?.click()}>Choose a picture…</button>
              {hasUploadedAvatar(user.avatar_url) && (
                <ConfirmButton label="Remove picture" title="Remove your profile picture?" confirmLabel="Remove picture" onConfirm={remove}>
                  <p>Codara will show a pattern generated from your username instead.</p>
                </ConfirmButton>
              )}
            </>
          )}
        </div>
        <p className="hint" id="avatar-hint">PNG, JPEG or GIF, at most 1 MiB. It is scaled to at most 460 pixels.</p>
        {problem && <p className="inline-error" role="alert">{problem}</p>}
        <FormErrors error={error} />
        {done && <p className="notice success" role="status">{done}</p>}
      </div>
    </section>
  );
}
