import { flushSync } from 'react-dom';
// Focus is never lost: when it falls to the page (an element vanished, a click on blank space), it
// goes back to the field marked data-autofocus in the top-most open layer (a dialog, else the screen).
export function primaryField(): HTMLElement | null {
  const dialogs = document.querySelectorAll<HTMLDialogElement>('dialog[open]');
  const layer: ParentNode = dialogs.length ? dialogs[dialogs.length - 1]! : document.querySelector('main') ?? document;
  return layer.querySelector<HTMLElement>('[data-autofocus]:not([disabled])')
    ?? layer.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), button:not([disabled])');
}

export function restoreFocus(): void {
  const a = document.activeElement;
  if (a && a !== document.body && a.isConnected) return;
  primaryField()?.focus();
}

export function installFocusKeeper(): () => void {
  let timer: number | undefined;
  const check = () => {
    window.clearTimeout(timer);
    // After the event settles: React may be replacing the element that had focus.
    timer = window.setTimeout(restoreFocus, 0);
  };
  const onFocusOut = (e: FocusEvent) => { if (!e.relatedTarget) check(); };
  document.addEventListener('focusout', onFocusOut);
  document.addEventListener('mouseup', check);
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true });
  return () => {
    document.removeEventListener('focusout', onFocusOut);
    document.removeEventListener('mouseup', check);
    observer.disconnect();
  };
}

/** A new screen takes the focus to its first field, wherever focus was before. */
export function focusScreen(): void {
  requestAnimationFrame(() => primaryField()?.focus());
}

/**
 * Moves focus to an element by id. Pending store updates are rendered first (flushSync), so the
 * next key the cashier presses — however fast — lands in the field that was meant for it.
 */
export function focusId(id: string): void {
  flushSync(() => undefined);
  const el = document.getElementById(id);
  if (el) { el.focus(); return; }
  // Not rendered yet (an update from an answer the station just gave): try again for a few frames.
  let tries = 0;
  const again = () => {
    const e = document.getElementById(id);
    if (e) e.focus();
    else if (++tries < 30) requestAnimationFrame(again);
  };
  requestAnimationFrame(again);
}
