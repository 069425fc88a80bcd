// What component tests add to happy-dom where it does not do what browsers do with focus.
import { vi } from 'vitest';

/** What browsers do and happy-dom does not: closing a modal dialog gives focus back to the element
 * that had it when the dialog opened, if that element is still in the page. Undone with the test's
 * other mocks (`vi.restoreAllMocks`). */
export function giveFocusBackOnClose() {
  const opener = new WeakMap<HTMLDialogElement, Element | null>();
  const { showModal, close } = HTMLDialogElement.prototype;
  vi.spyOn(HTMLDialogElement.prototype, 'showModal').mockImplementation(function (this: HTMLDialogElement) {
    opener.set(this, document.activeElement);
    showModal.call(this);
  });
  vi.spyOn(HTMLDialogElement.prototype, 'close').mockImplementation(function (this: HTMLDialogElement, value?: string) {
    close.call(this, value);
    const back = opener.get(this);
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    if (this.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
  });
}
