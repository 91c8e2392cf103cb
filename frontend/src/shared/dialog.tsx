// Dialogs on the native <dialog> element: it keeps focus inside, closes on
// Escape and gives focus back to what opened it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

let dialogs = 0;

export function Dialog({
  title,
  open,
  onClose,
  children,
  wide,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [titleId] = useState(() => `dialog-title-${++dialogs}`);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} class={`dialog${wide ? ' wide' : ''}`} onClose={onClose} aria-labelledby={titleId}>
      <header class="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon-button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      {open && children}
    </dialog>
  );
}

/** Asks before a delete, saying what it removes with it. */
export function ConfirmDialog({
  title,
  open,
  consequence,
  confirmLabel = 'Delete',
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  open: boolean;
  consequence: ComponentChildren;
  confirmLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} open={open} onClose={onClose}>
      <div class="dialog-body">
        <p>{consequence}</p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer class="dialog-footer">
        <button type="button" class="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="button danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </footer>
    </Dialog>
  );
}
