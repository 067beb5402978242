import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, encodePath } from '../lib/api';
import { useApi, useTitle } from '../lib/hooks';
import { useSession } from '../lib/session';
import type { Repository, User } from '../lib/types';
import { Avatar } from '../components/Avatar';
import { InlineError, Loading } from '../components/Status';
import { repositoryNameProblem, suggestRepositoryName } from './repoNames';
import './new.css';

interface License { key: string; name: string; spdx_id: string }

type Availability = { name: string; owner: string; state: 'checking' | 'available' | 'taken' | 'unknown' };

/** The field errors of a 422, by field; what belongs to no field shown above the buttons. */
function splitErrors(error: unknown): { byField: Record<string, string>; general: unknown } {
  if (!(error instanceof ApiError) || error.errors.length === 0) return { byField: {}, general: error };
  const byField: Record<string, string> = {};
  for (const e of error.errors) {
    const field = e.field ?? '';
    byField[field] ??= e.message ?? `${field} is ${e.code ?? 'invalid'}`;
  }
  const known = ['name', 'owner', 'description', 'gitignore_template', 'license_template', 'visibility'];
  const rest = Object.entries(byField).filter(([f]) => !known.includes(f)).map(([, m]) => m);
  return { byField, general: rest.length ? new Error(rest.join(' ')) : undefined };
}

export default function NewRepository() {
  useTitle('Create a new repository');
  const { user } = useSession();
  if (user === undefined) return <Loading label="Loading" height={480} />;
  if (user === null) return <Navigate to={`/login?return_to=${encodeURIComponent('/new')}`} replace />;
  return <NewRepositoryForm user={user} />;
}

function NewRepositoryForm({ user }: { user: User }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orgs = useApi<User[]>('/user/orgs');
  const mine = useApi<Repository[]>('/user/repos?per_page=100&sort=full_name');
  const gitignores = useApi<string[]>('/gitignore/templates');
  const licenses = useApi<License[]>('/licenses');

  const [owner, setOwner] = useState(params.get('owner') ?? user.login);
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [template, setTemplate] = useState(params.get('template') ?? '');
  const [allBranches, setAllBranches] = useState(false);
  const [readme, setReadme] = useState(false);
  const [gitignore, setGitignore] = useState('');
  const [license, setLicense] = useState('');
  const [availability, setAvailability] = useState<Availability>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  // A template named in the URL but not among the user's own (another owner's public template) is still offered.
  const extra = useApi<Repository>(template && mine.data && !mine.data.some((r) => r.full_name === template)
    ? `/repos/${encodePath(template)}` : null);
  const templates = useMemo(() => {
    const list = (mine.data ?? []).filter((r) => r.is_template);
    if (extra.data?.is_template && !list.some((r) => r.id === extra.data!.id)) list.unshift(extra.data);
    return list;
  }, [mine.data, extra.data]);

  const problem = repositoryNameProblem(name);
  useEffect(() => {
    if (problem) {
      setAvailability(undefined);
      return;
    }
    setAvailability({ owner, name, state: 'checking' });
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<Repository>(`/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`, { signal: controller.signal })
        .then(() => setAvailability({ owner, name, state: 'taken' }))
        .catch((e) => {
          if (e.name === 'AbortError') return;
          setAvailability({ owner, name, state: e instanceof ApiError && e.status === 404 ? 'available' : 'unknown' });
        });
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [owner, name, problem]);

  const { byField, general } = splitErrors(error);
  const current = availability && availability.owner === owner && availability.name === name ? availability.state : undefined;
  const nameMessage = touched && problem ? problem
    : current === 'taken' ? `The repository ${name} already exists on this account.`
    : byField.name;
  const suggestion = name && problem && !problem.startsWith('A name') ? suggestRepositoryName(name) : null;
  const usingTemplate = template !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || current === 'taken') {
      document.getElementById('repo-name')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      let created: Repository;
      if (usingTemplate) {
        created = await api<Repository>(`/repos/${encodePath(template)}/generate`, {
          method: 'POST',
          body: { owner, name, description: description || undefined, private: visibility === 'private', include_all_branches: allBranches },
        });
      } else {
        const body = {
          name,
          description: description || undefined,
          private: visibility === 'private',
          auto_init: readme || undefined,
          gitignore_template: gitignore || undefined,
          license_template: license || undefined,
        };
        const path = owner === user.login ? '/user/repos' : `/orgs/${encodeURIComponent(owner)}/repos`;
        created = await api<Repository>(path, { method: 'POST', body });
      }
      navigate(`/${created.full_name}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const fieldError = (field: string) => byField[field] && (
    <span className="field-error" id={`${field}-error`} role="alert">{byField[field]}</span>
  );

  return (
    <div className="new-repo">
      <h1>Create a new repository</h1>
      <p className="muted new-repo-lead">
        A repository holds a project's files and their history.
        {' '}Already have one elsewhere? Create an empty repository here and push it.
      </p>
      <form className="form new-repo-form" onSubmit={submit} aria-busy={busy} noValidate>
        <fieldset className="new-repo-section">
          <legend className="visually-hidden">Template</legend>
          <div className="field">
            <label htmlFor="repo-template">Repository template</label>
            <select id="repo-template" value={template} onChange={(e) => setTemplate(e.target.value)}
              disabled={mine.loading && !mine.data}>
              <option value="">No template</option>
              {templates.map((r) => <option key={r.id} value={r.full_name}>{r.full_name}</option>)}
            </select>
            <span className="hint">
              {templates.length === 0 && mine.data
                ? 'Start from a template: none of your repositories is marked as a template yet (Settings → General).'
                : 'Start with the files and folders of a template repository.'}
            </span>
            {mine.error && <InlineError error={mine.error} />}
          </div>
          {usingTemplate && (
            <label className="choice">
              <input type="checkbox" checked={allBranches} onChange={(e) => setAllBranches(e.target.checked)} />
              <span>Include all branches<br /><span className="hint">Copy every branch of the template, not only its default branch.</span></span>
            </label>
          )}
        </fieldset>

        <div className="new-repo-names">
          <div className="field new-repo-owner">
            <label htmlFor="repo-owner">Owner</label>
            <div className="owner-select">
              <Avatar user={[user, ...(orgs.data ?? [])].find((o) => o.login === owner) ?? user} size={20} />
              <select id="repo-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
                <option value={user.login}>{user.login}</option>
                {(orgs.data ?? []).map((o) => <option key={o.login} value={o.login}>{o.login}</option>)}
                {owner !== user.login && !orgs.data?.some((o) => o.login === owner) && <option value={owner}>{owner}</option>}
              </select>
            </div>
            {fieldError('owner')}
          </div>
          <span className="new-repo-slash" aria-hidden="true">/</span>
          <div className="field new-repo-name">
            <label htmlFor="repo-name">Repository name</label>
            <input id="repo-name" value={name} autoFocus required maxLength={200} autoComplete="off" spellCheck={false}
              onChange={(e) => {
                setName(e.target.value);
                setTouched(true);
              }}
              aria-invalid={!!nameMessage}
              aria-describedby="repo-name-status" />
          </div>
        </div>
        <div id="repo-name-status" className="name-status" aria-live="polite">
          {nameMessage ? (
            <span className="field-error" data-testid="name-error">{nameMessage}</span>
          ) : current === 'available' ? (
            <span className="name-ok">{name} is available.</span>
          ) : current === 'checking' ? (
            <span className="muted">Checking availability…</span>
          ) : (
            <span className="hint">Short and memorable: letters, digits, “.”, “-” and “_”.</span>
          )}
          {suggestion && suggestion !== name && (
            <span className="hint"> Your repository could be named <button type="button" className="link-button" onClick={() => setName(suggestion)}>{suggestion}</button>.</span>
          )}
        </div>

        <div className="field">
          <label htmlFor="repo-description">Description <span className="muted">(optional)</span></label>
          <input id="repo-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={350} />
          {fieldError('description')}
        </div>

        <fieldset className="new-repo-section">
          <legend className="label">Visibility</legend>
          <label className="choice visibility-choice">
            <input type="radio" name="visibility" value="public" checked={visibility === 'public'} onChange={() => setVisibility('public')} />
            <span><strong>Public</strong><br /><span className="hint">Anyone who can reach this Codara can see this repository. You choose who can push.</span></span>
          </label>
          <label className="choice visibility-choice">
            <input type="radio" name="visibility" value="private" checked={visibility === 'private'} onChange={() => setVisibility('private')} />
            <span><strong>Private</strong><br /><span className="hint">Only you{owner !== user.login ? `, members of ${owner} given access` : ''} and the people you add can see this repository.</span></span>
          </label>
          {fieldError('visibility')}
        </fieldset>

        {!usingTemplate && (
          <fieldset className="new-repo-section">
            <legend className="label">Initialize this repository with</legend>
            <label className="choice">
              <input type="checkbox" checked={readme} onChange={(e) => setReadme(e.target.checked)} />
              <span>Add a README file<br /><span className="hint">A long description of your project, shown on its home page.</span></span>
            </label>
            <div className="new-repo-selects">
              <div className="field">
                <label htmlFor="repo-gitignore">Add .gitignore</label>
                <select id="repo-gitignore" value={gitignore} onChange={(e) => setGitignore(e.target.value)} disabled={!gitignores.data}>
                  <option value="">None</option>
                  {(gitignores.data ?? []).map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
                <span className="hint">Files git should not track, by language or tool.</span>
                {gitignores.error && <span className="field-error">The templates could not be loaded: {gitignores.error.message}</span>}
                {fieldError('gitignore_template')}
              </div>
              <div className="field">
                <label htmlFor="repo-license">Choose a license</label>
                <select id="repo-license" value={license} onChange={(e) => setLicense(e.target.value)} disabled={!licenses.data}>
                  <option value="">None</option>
                  {(licenses.data ?? []).map((l) => <option key={l.key} value={l.key}>{l.name}</option>)}
                </select>
                <span className="hint">What others may do with your code.</span>
                {licenses.error && <span className="field-error">The licences could not be loaded: {licenses.error.message}</span>}
                {fieldError('license_template')}
              </div>
            </div>
            {(gitignore || license || readme) && (
              <p className="hint">
                The first commit on the default branch will add {[readme && 'README.md', gitignore && '.gitignore', license && 'LICENSE'].filter(Boolean).join(', ')}.
              </p>
            )}
          </fieldset>
        )}

        <InlineError error={general} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? (usingTemplate ? 'Generating repository…' : 'Creating repository…') : 'Create repository'}
          </button>
          <Link to="/" className="button">Cancel</Link>
        </div>
      </form>
    </div>
  );
}
