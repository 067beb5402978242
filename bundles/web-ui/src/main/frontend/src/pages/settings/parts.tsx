// Building blocks the settings pages share: a confirmation dialog for destructive actions and field errors.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../lib/api';
import { InlineError } from '../../components/Status';

/**
 * A button that asks before it acts: a modal dialog (the browser's own <dialog>, so focus is trapped and Escape
 * cancels) says what will happen; the action's failure shows inside the dialog.
 */
export function ConfirmButton({ label, title, children, confirmLabel, onConfirm, className = 'button danger small', ariaLabel }: {
  label: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  className?: string;
  ariaLabel?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className={className} aria-label={ariaLabel} onClick={() => { setError(undefined); setOpen(true); }}>
        {label}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        {open && (
          <form method="dialog" onSubmit={(event) => { event.preventDefault(); void confirm(); }}>
            <h2 id={titleId}>{title}</h2>
            <div className="confirm-body">{children}</div>
            <InlineError error={error} />
            <div className="actions confirm-actions">
              <button type="button" className="button" onClick={() => setOpen(false)} disabled={busy}>Cancel</button>
              <button type="submit" className="button danger solid" disabled={busy} autoFocus>
                {busy ? 'Working…' : confirmLabel}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}

/** The messages of an API error that concern `field`. */
export function fieldErrors(error: unknown, field: string): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.filter((e) => e.field === field).map((e) => e.message ?? `${field} is ${e.code ?? 'invalid'}`);
}

/** Every message of a failed API call, the field errors one by one (a form may have several things to fix). */
export function errorMessages(error: unknown): string[] {
  if (!error) return [];
  if (error instanceof ApiError) {
    const messages = error.errors.map((e) => e.message ?? (e.field ? `${e.field} is ${e.code ?? 'invalid'}` : '')).filter(Boolean);
    return messages.length > 0 ? messages : [error.message];
  }
  return [error instanceof Error ? error.message : String(error)];
}

/** The errors of a failed form submission, as a list when there are several. */
export function FormErrors({ error }: { error: unknown }) {
  const messages = errorMessages(error);
  if (messages.length === 0) return null;
  if (messages.length === 1) return <p className="inline-error" role="alert">{capitalize(messages[0])}</p>;
  return (
    <div className="inline-error" role="alert">
      <ul className="error-list">{messages.map((m) => <li key={m}>{capitalize(m)}</li>)}</ul>
    </div>
  );
}

export function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** A short "Saved" that fades after a moment, announced to screen readers. */
export function SavedNote({ show, children = 'Saved' }: { show: boolean; children?: ReactNode }) {
  return <span className="saved-note" role="status" aria-live="polite">{show ? <>✓ {children}</> : null}</span>;
}
