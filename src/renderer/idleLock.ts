// Locks the till after a spell with no key, click or touch (station setting idleLockMinutes; 0 = never),
// as Alt+L does: the sale in progress waits, the token is given up, and the cashier's PIN unlocks.
// A cashier called away from the counter leaves no signed-in till behind.
import { useEffect } from 'react';
import { useApp } from './store/app';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function useIdleLock(active: boolean, minutes: number): void {
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => { void useApp.getState().lock(); }, minutes * 60_000);
    };
    arm();
    // Capture: a key a screen handles and stops still counts as someone at the till (serial ten-key too).
    for (const e of ACTIVITY) window.addEventListener(e, arm, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, arm, { capture: true });
    };
  }, [active, minutes]);
}
