/**
 * Keep a native <dialog> in step with an element's `open` state: showModal when it should be open, close when not.
 * @example protected override updated() { syncModal(this.dialog, this.open); }
 */
export function syncModal(dialog: HTMLDialogElement, open: boolean): void {
  if (open && !dialog.open) dialog.showModal();
  if (!open && dialog.open) dialog.close();
}
