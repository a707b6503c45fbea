// The sign-in screen comes up with only the code it needs; the other screens load in the background
// from the first key or click on it (a PIN takes far longer to type than they take to load), so that
// nothing competes with the sign-in screen coming up. Until they are here, the app shows "loading"
// where it would show one of them (as it does while the session is being asked for).
import { useSyncExternalStore } from 'react';
import type * as AfterSignIn from './afterSignIn';

type Screens = typeof AfterSignIn;

let loaded: Screens | null = null;
let loading: Promise<Screens> | null = null;
const listeners = new Set<() => void>();

export function loadScreens(): Promise<Screens> {
  loading ??= import('./afterSignIn').then((m) => {
    loaded = m;
    for (const l of listeners) l();
    return m;
  }, (e: unknown) => {
    loading = null; // asked again on the next try (sign-in also asks)
    throw e;
  });
  return loading;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

/** The screens module once loaded, else null (re-renders when it arrives). */
export function useScreens(): Screens | null {
  return useSyncExternalStore(subscribe, () => loaded);
}

/** Starts loading the screens at the first key or pointer press; returns the unsubscribe. */
export function prefetchScreensOnFirstInput(): () => void {
  const start = () => { stop(); void loadScreens().catch(() => undefined); };
  const stop = () => {
    window.removeEventListener('keydown', start, true);
    window.removeEventListener('pointerdown', start, true);
  };
  window.addEventListener('keydown', start, true);
  window.addEventListener('pointerdown', start, true);
  return stop;
}
