import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { useApi } from '../../lib/hooks';
import type { Repository } from '../../lib/types';
import { InlineError, Loading } from '../../components/Status';

export const MAX_PINS = 6;

/** Choose up to six repositories for one's profile; saves with PUT /user/pinned_repositories, in the order chosen. */
export function PinsDialog({ pinned, onClose, onSaved }: {
  pinned: Repository[];
  onClose(): void;
  onSaved(repos: Repository[]): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const candidates = useApi<Repository[]>('/user/repos?sort=pushed&per_page=100');
  const [chosen, setChosen] = useState<string[]>(() => pinned.map((r) => r.full_name));
  const [filter, setFilter] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const element = dialog.current;
    // Removing the element on unmount ends the modal state; closing it here would report a close to the parent.
    if (element && !element.open) element.showModal();
  }, []);

  const repos = useMemo(() => {
    const all = [...pinned, ...(candidates.data ?? []).filter((r) => !pinned.some((p) => p.id === r.id))];
    const needle = filter.trim().toLowerCase();
    return needle ? all.filter((r) => r.full_name.toLowerCase().includes(needle)) : all;
  }, [pinned, candidates.data, filter]);

  const toggle = (name: string) =>
    setChosen((list) => (list.includes(name) ? list.filter((n) => n !== name) : list.length < MAX_PINS ? [...list, name] : list));

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      onSaved(await api<Repository[]>('/user/pinned_repositories', { method: 'PUT', body: { repositories: chosen } }));
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} className="pins-dialog" aria-labelledby="pins-title" onClose={onClose}>
      <form method="dialog" className="pins-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <div className="pins-header">
          <h2 id="pins-title">Edit pinned repositories</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>×</button>
        </div>
        <p className="muted small pins-hint">
          Choose up to {MAX_PINS} repositories to show on your profile, in the order you pick them.
        </p>
        <input type="search" placeholder="Filter repositories" aria-label="Filter repositories" value={filter}
          onChange={(e) => setFilter(e.target.value)} />
        <div className="pins-list" role="group" aria-label="Repositories">
          {candidates.error && <InlineError error={candidates.error} />}
          {candidates.data && repos.length === 0 && <p className="muted small">No repository matches.</p>}
          {repos.map((r) => {
            const position = chosen.indexOf(r.full_name);
            return (
              <label key={r.id} className="pins-choice">
                <input type="checkbox" checked={position >= 0} onChange={() => toggle(r.full_name)}
                  disabled={position < 0 && chosen.length >= MAX_PINS} />
                <span className="truncate">{r.full_name}</span>
                {r.private && <span className="badge">Private</span>}
                {position >= 0 && <span className="pins-position muted small" aria-label={`position ${position + 1}`}>{position + 1}</span>}
              </label>
            );
          })}
          {candidates.loading && !candidates.data && <Loading height={repos.length ? 48 : 120} />}
        </div>
        <InlineError error={error} />
        <div className="pins-actions">
          <span className="muted small" aria-live="polite">{MAX_PINS - chosen.length} remaining</span>
          <div className="actions">
            <button type="button" className="button" onClick={onClose}>Cancel</button>
            <button type="submit" className="button primary" disabled={saving}>{saving ? 'Saving…' : 'Save pins'}</button>
          </div>
        </div>
      </form>
    </dialog>
  );
}
