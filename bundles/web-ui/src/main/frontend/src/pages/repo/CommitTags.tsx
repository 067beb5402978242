import { useState } from 'react';
import { api, type ApiError } from '../../lib/api';
import { useApi } from '../../lib/hooks';

/** One of Codara's commit tags as `GET .../commits/{sha}/tags` answers it. */
export interface CommitTagJson {
  name: 'security' | 'performance' | 'refactor' | 'hotfix';
  state: 'suggested' | 'confirmed' | 'rejected';
  reason: string | null;
  confirmed_by: { login: string } | null;
  rejected_by: { login: string } | null;
}

/** The chip's tooltip: why it was suggested and who decided. */
export function tagTitle(tag: CommitTagJson): string {
  const parts = [tag.reason ? `Suggested: ${tag.reason}` : null,
    tag.confirmed_by ? `confirmed by ${tag.confirmed_by.login}` : null,
    tag.rejected_by ? `rejected by ${tag.rejected_by.login}` : null];
  return parts.filter(Boolean).join('; ');
}

/**
 * The commit's tags as chips: confirmed ones plain, suggested ones dashed (with confirm and reject buttons for
 * writers), rejected ones struck through and only for writers. Nothing when there are none (or the review
 * bundle is not there).
 */
export function CommitTags({ base, sha, canWrite }: { base: string; sha: string; canWrite: boolean }) {
  const path = `${base}/commits/${encodeURIComponent(sha)}/tags`;
  const loaded = useApi<CommitTagJson[]>(path);
  const [decided, setDecided] = useState<CommitTagJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tags = (decided ?? loaded.data ?? []).filter((t) => canWrite || t.state !== 'rejected');
  if (tags.length === 0) return null;

  const decide = (name: string, method: 'PUT' | 'DELETE') => {
    setError(null);
    api<CommitTagJson[]>(`${path}/${encodeURIComponent(name)}`, { method })
      .then(setDecided, (e: ApiError) => setError(e.message));
  };

  return (
    <div className="commit-tags" aria-label="Commit tags">
      {tags.map((t) => (
        <span key={t.name} className={`commit-tag commit-tag-${t.state}`} data-state={t.state} title={tagTitle(t) || undefined}>
          {t.name}
          {t.state === 'suggested' && <span className="muted small"> (suggested)</span>}
          {canWrite && t.state !== 'confirmed' && (
            <button type="button" className="button link" aria-label={`Confirm ${t.name}`} onClick={() => decide(t.name, 'PUT')}>✓</button>
          )}
          {canWrite && t.state !== 'rejected' && (
            <button type="button" className="button link danger" aria-label={`Reject ${t.name}`} onClick={() => decide(t.name, 'DELETE')}>✕</button>
          )}
        </span>
      ))}
      {error && <span role="alert" className="danger small">{error}</span>}
    </div>
  );
}
