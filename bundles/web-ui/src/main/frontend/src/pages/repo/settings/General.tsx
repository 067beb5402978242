import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { useApi } from '../../../lib/hooks';
import type { Branch, Repository } from '../../../lib/types';
import { parseTopics, repositoryNameProblem, topicProblem } from '../../repoNames';
import { useRepo } from '../RepoLayout';
import { SaveStatus } from './SaveStatus';
import { useSave } from './useSave';

/** The merge and feature settings PATCH takes, with GitHub's field names. */
type Features = Pick<Repository, never> & {
  allow_merge_commit?: boolean;
  allow_squash_merge?: boolean;
  allow_rebase_merge?: boolean;
  delete_branch_on_merge?: boolean;
};

export function General() {
  const { repo, base, reload } = useRepo();
  return (
    <>
      <h2 className="settings-title">General</h2>
      <RenameForm key={`name-${repo.full_name}`} />
      <AboutForm key={`about-${repo.id}`} />
      <TopicsForm key={`topics-${repo.id}`} />
      <DefaultBranchForm key={`branch-${repo.id}`} />
      <TemplateToggle key={`template-${repo.id}`} />
      <FeaturesForm key={`features-${repo.id}`} repo={repo as Repository & Features} base={base} reload={reload} />
    </>
  );
}

function RenameForm() {
  const { repo, base } = useRepo();
  const navigate = useNavigate();
  const [name, setName] = useState(repo.name);
  const save = useSave();
  const problem = repositoryNameProblem(name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem || name === repo.name) return;
    let renamed: Repository | undefined;
    const ok = await save.run(async () => {
      renamed = await api<Repository>(base, { method: 'PATCH', body: { name } });
    }, 'Renamed.');
    if (ok && renamed) navigate(`/${renamed.full_name}/settings`, { replace: true });
  };
  return (
    <form className="settings-section form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="settings-name">Repository name</label>
        <div className="inline-field">
          <input id="settings-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!problem}
            aria-describedby="settings-name-hint" spellCheck={false} autoComplete="off" />
          <button type="submit" className="button" disabled={!!problem || name === repo.name || save.saving}>
            {save.saving ? 'Renaming…' : 'Rename'}
          </button>
        </div>
        <span className="hint" id="settings-name-hint">
          {problem ?? 'Links to the old name redirect to the new one.'}
        </span>
      </div>
      <SaveStatus state={save.state} />
    </form>
  );
}

function AboutForm() {
  const { repo, base, reload } = useRepo();
  const [description, setDescription] = useState(repo.description ?? '');
  const [homepage, setHomepage] = useState(repo.homepage ?? '');
  const save = useSave();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save.run(() => api(base, { method: 'PATCH', body: { description, homepage } }), 'Description and website saved.')) reload();
  };
  return (
    <form className="settings-section form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="settings-description">Description</label>
        <input id="settings-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={350} />
      </div>
      <div className="field">
        <label htmlFor="settings-homepage">Website</label>
        <input id="settings-homepage" type="url" value={homepage} placeholder="https://example.com"
          onChange={(e) => setHomepage(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={save.saving}>{save.saving ? 'Saving…' : 'Save'}</button>
        <SaveStatus state={save.state} />
      </div>
    </form>
  );
}

function TopicsForm() {
  const { repo, base, reload } = useRepo();
  const [topics, setTopics] = useState<string[]>(repo.topics ?? []);
  const [draft, setDraft] = useState('');
  const save = useSave();
  const draftProblems = parseTopics(draft).map(topicProblem).filter(Boolean);

  const add = () => {
    const fresh = parseTopics(draft).filter((t) => !topicProblem(t) && !topics.includes(t));
    if (fresh.length) setTopics([...topics, ...fresh]);
    if (draftProblems.length === 0) setDraft('');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pending = parseTopics(draft).filter((t) => !topicProblem(t) && !topics.includes(t));
    const names = [...topics, ...pending];
    if (draftProblems.length) return;
    const ok = await save.run(async () => {
      const saved = await api<{ names: string[] }>(`${base}/topics`, { method: 'PUT', body: { names } });
      setTopics(saved.names);
    }, 'Topics saved.');
    if (ok) {
      setDraft('');
      reload();
    }
  };
  return (
    <form className="settings-section form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="settings-topics">Topics</label>
        <div className="topic-editor">
          {topics.map((t) => (
            <span key={t} className="topic topic-removable">
              {t}
              <button type="button" aria-label={`Remove topic ${t}`} onClick={() => setTopics(topics.filter((x) => x !== t))}>×</button>
            </span>
          ))}
          <input id="settings-topics" value={draft} placeholder={topics.length ? 'Add more…' : 'e.g. java, web, cli'}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if ((e.key === 'Enter' || e.key === ',') && draft.trim()) {
                e.preventDefault();
                add();
              } else if (e.key === 'Backspace' && !draft && topics.length) {
                setTopics(topics.slice(0, -1));
              }
            }}
            aria-describedby="settings-topics-hint" aria-invalid={draftProblems.length > 0} />
        </div>
        <span className="hint" id="settings-topics-hint">
          {draftProblems[0] ?? 'Help people find the repository: up to 20 topics, separated by spaces or commas.'}
        </span>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={save.saving || draftProblems.length > 0}>{save.saving ? 'Saving…' : 'Save topics'}</button>
        <SaveStatus state={save.state} />
      </div>
    </form>
  );
}

function DefaultBranchForm() {
  const { repo, base, reload } = useRepo();
  const branches = useApi<Branch[]>(`${base}/branches?per_page=100`);
  const [branch, setBranch] = useState(repo.default_branch);
  const save = useSave();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save.run(() => api(base, { method: 'PATCH', body: { default_branch: branch } }), `Default branch is now ${branch}.`)) reload();
  };
  const names = branches.data?.map((b) => b.name) ?? [];
  if (!names.includes(repo.default_branch)) names.unshift(repo.default_branch);
  return (
    <form className="settings-section form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="settings-default-branch">Default branch</label>
        <div className="inline-field">
          <select id="settings-default-branch" value={branch} onChange={(e) => setBranch(e.target.value)} disabled={!branches.data}>
            {names.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
          <button type="submit" className="button" disabled={branch === repo.default_branch || save.saving}>
            {save.saving ? 'Updating…' : 'Update'}
          </button>
        </div>
        <span className="hint">
          {branches.data && branches.data.length === 0
            ? 'The repository has no branches yet: push one first.'
            : 'The branch shown on the repository’s home page and checked out by a clone.'}
        </span>
      </div>
      <SaveStatus state={save.state} />
    </form>
  );
}

function TemplateToggle() {
  const { repo, base, reload } = useRepo();
  const [checked, setChecked] = useState(!!repo.is_template);
  const save = useSave();
  const toggle = async (value: boolean) => {
    setChecked(value);
    const ok = await save.run(() => api(base, { method: 'PATCH', body: { is_template: value } }),
      value ? 'This repository is now a template.' : 'This repository is no longer a template.');
    if (ok) reload();
    else setChecked(!value);
  };
  return (
    <div className="settings-section">
      <label className="choice">
        <input type="checkbox" checked={checked} disabled={save.saving} onChange={(e) => void toggle(e.target.checked)} />
        <span><strong>Template repository</strong><br />
          <span className="hint">Template repositories let people generate new repositories with the same files and folders (New repository → Repository template).</span>
        </span>
      </label>
      <SaveStatus state={save.state} />
    </div>
  );
}

function FeaturesForm({ repo, base, reload }: { repo: Repository & Features; base: string; reload(): void }) {
  const [values, setValues] = useState<Required<Features>>({
    allow_merge_commit: repo.allow_merge_commit ?? true,
    allow_squash_merge: repo.allow_squash_merge ?? true,
    allow_rebase_merge: repo.allow_rebase_merge ?? true,
    delete_branch_on_merge: repo.delete_branch_on_merge ?? false,
  });
  const save = useSave();
  const noMethod = !values.allow_merge_commit && !values.allow_squash_merge && !values.allow_rebase_merge;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save.run(() => api(base, { method: 'PATCH', body: values }), 'Merge settings saved.')) reload();
  };
  const box = (key: keyof Features, label: string, hint: string) => (
    <label className="choice">
      <input type="checkbox" checked={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.checked })} />
      <span>{label}<br /><span className="hint">{hint}</span></span>
    </label>
  );
  return (
    <form className="settings-section form" onSubmit={submit}>
      <h3>Pull requests</h3>
      {box('allow_merge_commit', 'Allow merge commits', 'Add all commits from the head branch to the base branch with a merge commit.')}
      {box('allow_squash_merge', 'Allow squash merging', 'Combine all commits from the head branch into a single commit in the base branch.')}
      {box('allow_rebase_merge', 'Allow rebase merging', 'Add all commits from the head branch onto the base branch individually.')}
      {box('delete_branch_on_merge', 'Automatically delete head branches', 'Delete the head branch after a pull request is merged.')}
      {noMethod && <p className="inline-error" role="alert">At least one merge method must stay allowed.</p>}
      <div className="actions">
        <button type="submit" className="button" disabled={save.saving || noMethod}>{save.saving ? 'Saving…' : 'Save'}</button>
        <SaveStatus state={save.state} />
      </div>
    </form>
  );
}
