/**
 * Claimlight's own "are you sure?": a modal <dialog> in the page's look, whose question and buttons
 * say exactly what will happen ("Delete “Ferry notes” and its 2 claims?" / "Delete pack"), unlike the
 * browser's confirm(), which cannot be styled or labelled. The browser's modal dialog gives focus
 * to it, keeps Tab inside it, and cancels it on Escape.
 */
import { useEffect, useId, useRef } from 'preact/hooks';

export interface ConfirmRequest {
  question: string;
  /** The label of the button that goes ahead ("Delete pack"). */
  confirmLabel: string;
  onConfirm(): void;
}

export function ConfirmDialog({ request, onCancel }: { request: ConfirmRequest | null; onCancel(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Each dialog its own id: the settings page has one for packs and one for feeds.
  const questionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) dialog.showModal?.() ?? dialog.setAttribute('open', '');
    if (!request && dialog.open) dialog.close?.() ?? dialog.removeAttribute('open');
  }, [request]);
  return (
    <dialog
      ref={ref}
      class="confirm"
      aria-labelledby={questionId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <p id={questionId}>{request?.question}</p>
      <div class="confirm__actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            const go = request?.onConfirm;
            // Closed now rather than on the next render, so that the browser gives focus back to the
            // button that opened the dialog before the action can take that button away.
            const dialog = ref.current;
            if (dialog?.open) dialog.close?.() ?? dialog.removeAttribute('open');
            onCancel();
            go?.();
          }}
        >
          {request?.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
