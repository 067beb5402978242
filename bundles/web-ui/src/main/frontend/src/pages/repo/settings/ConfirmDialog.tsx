import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { InlineError } from '../../../components/Status';
import { confirmationMatches } from '../../repoNames';

/**
 * A modal confirmation (the native <dialog>: focus is kept inside, Escape cancels). With `expected`, the confirm
 * button stays disabled until exactly that text is typed, as GitHub does for deleting a repository.
 */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, expected, danger = true, onConfirm, onClose }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  expected?: string;
  danger?: boolean;
  /** Rejects with the error to show; the dialog stays open with what was typed. */
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const ready = expected === undefined || confirmationMatches(typed, expected);

  const confirm = async () => {
    if (!ready || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}>
      <form method="dialog" onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}>
        <div className="confirm-dialog-header">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose} disabled={busy}>×</button>
        </div>
        <div className="confirm-dialog-body">
          {children}
          {expected !== undefined && (
            <div className="field">
              <label htmlFor={`${id}-typed`}>To confirm, type <strong className="mono">{expected}</strong> in the box below</label>
              <input id={`${id}-typed`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off"
                autoCapitalize="none" spellCheck={false} autoFocus />
            </div>
          )}
          <InlineError error={error} />
        </div>
        <div className="confirm-dialog-footer">
          <button type="button" className="button" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="submit" className={danger ? 'button danger solid' : 'button primary'} disabled={!ready || busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
