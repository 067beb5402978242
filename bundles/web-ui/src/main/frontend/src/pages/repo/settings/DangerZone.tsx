import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import type { Repository } from '../../../lib/types';
import { useRepo } from '../RepoLayout';
import { ConfirmDialog } from './ConfirmDialog';

type Open = 'visibility' | 'archive' | 'transfer' | 'delete' | null;

export function DangerZone() {
  const { repo, base, reload } = useRepo();
  const navigate = useNavigate();
  const [open, setOpen] = useState<Open>(null);
  const [newOwner, setNewOwner] = useState('');
  const [done, setDone] = useState<string>();
  const close = () => setOpen(null);
  const target = repo.private ? 'public' : 'private';

  const row = (title: string, text: string, label: string, which: Open) => (
    <div className="box-row danger-row">
      <div className="danger-text">
        <strong>{title}</strong>
        <div className="muted">{text}</div>
      </div>
      <button type="button" className="button danger" onClick={() => {
        setDone(undefined);
        setOpen(which);
      }} disabled={repo.archived && which === 'visibility'}>{label}</button>
    </div>
  );

  return (
    <>
      <h2 className="settings-title">Danger zone</h2>
      {done && <p className="notice success" role="status">{done}</p>}
      <div className="box danger-zone">
        {row('Change repository visibility',
          repo.archived ? 'An archived repository’s visibility cannot change; unarchive it first.'
            : `This repository is ${repo.visibility}.`,
          `Make ${target}`, 'visibility')}
        {row(repo.archived ? 'Unarchive this repository' : 'Archive this repository',
          repo.archived ? 'Make the repository writable again.' : 'Mark the repository archived and read-only: pushes are refused.',
          repo.archived ? 'Unarchive this repository' : 'Archive this repository', 'archive')}
        {row('Transfer ownership', 'Move the repository to another user or an organisation you administer.', 'Transfer', 'transfer')}
        {row('Delete this repository', 'Once you delete a repository, there is no going back. Please be certain.', 'Delete this repository', 'delete')}
      </div>

      {open === 'visibility' && (
        <ConfirmDialog title={`Make ${repo.full_name} ${target}`} confirmLabel={`I understand, make this repository ${target}`}
          busyLabel="Changing visibility…" expected={repo.full_name} onClose={close}
          onConfirm={async () => {
            await api(base, { method: 'PATCH', body: { visibility: target } });
            close();
            setDone(`The repository is now ${target}.`);
            reload();
          }}>
          {target === 'private'
            ? <p>Only people and teams given access will see it. Everyone else gets a 404.</p>
            : <p>Anyone who can reach this Codara will see the code and its whole history. Make sure no secrets are in it.</p>}
        </ConfirmDialog>
      )}

      {open === 'archive' && (
        <ConfirmDialog title={repo.archived ? `Unarchive ${repo.full_name}` : `Archive ${repo.full_name}`}
          confirmLabel={repo.archived ? 'I understand, unarchive this repository' : 'I understand, archive this repository'}
          busyLabel={repo.archived ? 'Unarchiving…' : 'Archiving…'} onClose={close}
          onConfirm={async () => {
            await api(base, { method: 'PATCH', body: { archived: !repo.archived } });
            close();
            setDone(repo.archived ? 'The repository is no longer archived.' : 'The repository is archived and read-only.');
            reload();
          }}>
          {repo.archived
            ? <p>People with write access will be able to push again.</p>
            : <p>The repository becomes read-only for everyone, administrators included, until it is unarchived. Its settings stay editable.</p>}
        </ConfirmDialog>
      )}

      {open === 'transfer' && (
        <ConfirmDialog title={`Transfer ${repo.full_name}`} confirmLabel="I understand, transfer this repository"
          busyLabel="Transferring…" expected={repo.full_name} onClose={close}
          onConfirm={async () => {
            if (!newOwner.trim()) throw new Error('Name the new owner.');
            const moved = await api<Repository>(`${base}/transfer`, { method: 'POST', body: { new_owner: newOwner.trim() } });
            close();
            navigate(`/${moved.full_name}`);
          }}>
          <p>The repository, its history and its settings move at once; the old URL redirects to the new one.</p>
          <div className="field">
            <label htmlFor="transfer-owner">New owner’s username or organisation name</label>
            <input id="transfer-owner" value={newOwner} onChange={(e) => setNewOwner(e.target.value)} autoComplete="off" autoCapitalize="none" />
          </div>
        </ConfirmDialog>
      )}

      {open === 'delete' && (
        <ConfirmDialog title={`Delete ${repo.full_name}`} confirmLabel="I understand the consequences, delete this repository"
          busyLabel="Deleting…" expected={repo.full_name} onClose={close}
          onConfirm={async () => {
            await api(base, { method: 'DELETE' });
            close();
            navigate('/', { replace: true });
          }}>
          <p className="notice warning">This cannot be undone.</p>
          <p>This permanently deletes <strong>{repo.full_name}</strong>: its code, branches, tags, settings and protection rules.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
