import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { InlineError } from '../../../components/Status';
import { api, query } from '../../../lib/api';
import { useApi } from '../../../lib/hooks';
import { summary } from '../../../lib/format';
import type { PullRequest } from '../../../lib/pulls';
import type { Commit } from '../../../lib/types';

/** A title for a new pull request: the one commit's summary, or the branch name in words, as GitHub proposes. */
export function proposedTitle(head: string, commits: Commit[]): string {
  if (commits.length === 1) return summary(commits[0].commit.message);
  const branch = head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
  const words = branch.split('/').pop()!.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : branch;
}

/**
 * The form under a comparison that proposes head's commits for base as a pull request; when one is already open for
 * the same branches, a link to it instead.
 */
export function OpenPull({ api: base, home, baseRef, headRef, commits }: {
  api: string;
  home: string;
  baseRef: string;
  headRef: string;
  commits: Commit[];
}) {
  const navigate = useNavigate();
  const existing = useApi<PullRequest[]>(`${base}/pulls${query({ state: 'open', base: baseRef, head: headRef.includes(':') ? headRef : undefined })}`);
  const [title, setTitle] = useState(() => proposedTitle(headRef, commits));
  const [body, setBody] = useState(() => (commits.length === 1 ? commits[0].commit.message.split('\n').slice(1).join('\n').trim() : ''));
  const [draft, setDraft] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const open = existing.data?.find((p) => p.head.ref === headRef || p.head.label === headRef);
  if (open) {
    return (
      <div className="box box-body open-pull" data-testid="existing-pull">
        A pull request for these branches is open: <Link to={`${home}/pull/${open.number}`}>{open.title} #{open.number}</Link>
      </div>
    );
  }
  return (
    <form className="box box-body open-pull form" aria-label="Open a pull request" aria-busy={busy} onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true);
      setError(undefined);
      try {
        const created = await api<PullRequest>(`${base}/pulls`, { method: 'POST', body: { title, body, base: baseRef, head: headRef, draft } });
        navigate(`${home}/pull/${created.number}`);
      } catch (err) {
        setError(err);
        setBusy(false);
      }
    }}>
      <h3>Open a pull request</h3>
      <label htmlFor="pull-title">Title</label>
      <input id="pull-title" type="text" value={title} required onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="pull-body">Description</label>
      <textarea id="pull-body" rows={6} value={body} placeholder="What does this change, and why? (Markdown)" onChange={(e) => setBody(e.target.value)} />
      <label className="checkbox"><input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Open as a draft</label>
      <InlineError error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy || !title.trim()}>{draft ? 'Open draft pull request' : 'Open pull request'}</button>
      </div>
    </form>
  );
}
