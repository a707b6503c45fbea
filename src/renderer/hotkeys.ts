// Function keys and Alt shortcuts for a screen. They act only when no dialog is open (a dialog has its
// own keys), and the browser's own meaning of F1–F12 (help, find, reload…) is suppressed.
import { useEffect, useRef } from 'react';

export type HotkeyMap = Record<string, () => void>;

/** "F5", "Alt+L", "Escape" … from a keyboard event. */
export function keyName(e: KeyboardEvent): string {
  const k = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return `${e.ctrlKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${k}`;
}

export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const name = keyName(e);
      if (/^F\d{1,2}$/.test(e.key)) e.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const fn = ref.current[name];
      if (fn) { e.preventDefault(); e.stopPropagation(); fn(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
