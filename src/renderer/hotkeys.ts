// Function keys and Alt shortcuts for a screen. They act only when no dialog is open (a dialog has its
// own keys), and the browser's own meaning of F1–F12 (help, find, reload…) is suppressed.
import { useEffect, useRef } from 'react';

export type HotkeyMap = Record<string, () => void>;

/** "F5", "Alt+L", "Escape" … from a keyboard event. */
export function keyName(e: KeyboardEvent): string {
  const k = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return `${e.ctrlKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${k}`;
}

export const dialogOpen = (): boolean => document.querySelector('dialog[open]') !== null;

/** `blocked` says when a dialog of the screen is open (its state changes before React removes the dialog). */
export function useHotkeys(map: HotkeyMap, enabled = true, blocked: () => boolean = dialogOpen): void {
  const ref = useRef(map);
  ref.current = map;
  const isBlocked = useRef(blocked);
  isBlocked.current = blocked;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const name = keyName(e);
      if (/^F\d{1,2}$/.test(e.key)) e.preventDefault();
      if (isBlocked.current()) return;
      const fn = ref.current[name];
      if (fn) { e.preventDefault(); e.stopPropagation(); fn(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
