// The keyboard-wedge scanner on the page: a capture listener on window sees every key before the
// focused field does, holds back or undoes what belongs to a scan (wedgeCore.ts), and hands the scan on.
import { flushSync } from 'react-dom';
import { WedgeCore, type WedgeTiming } from './wedgeCore';

/** How a field looked when a burst began, to put it back if the burst was a scan. */
interface Snapshot { el: HTMLElement | null; value: string | null; keys: string | null }

const replaying = new WeakSet<Event>();

/** A key delivered as if typed on the element (the serial ten-key does the same). */
export function typeKey(target: HTMLElement, key: string): void {
  const down = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  replaying.add(down);
  if (!target.dispatchEvent(down)) return; // handled (e.g. an amount field keys it itself)
  if (key.length !== 1 || !(target instanceof HTMLInputElement)) return;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const at = target.selectionStart ?? target.value.length;
  const end = target.selectionEnd ?? at;
  setter.call(target, target.value.slice(0, at) + key + target.value.slice(end));
  target.setSelectionRange(at + 1, at + 1);
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

function snapshot(el: Element | null): Snapshot {
  if (!(el instanceof HTMLInputElement) && !(el instanceof HTMLTextAreaElement)) return { el: null, value: null, keys: null };
  return { el, value: el.value, keys: el.dataset.keys ?? null };
}

/** Puts a field back as it was: an amount field gets its keys back, a text field its value. */
function restore(s: Snapshot): void {
  const el = s.el;
  if (!el || !el.isConnected) return;
  if (s.keys !== null) { el.dispatchEvent(new CustomEvent('civictill:restore-keys', { detail: s.keys })); return; }
  if (!(el instanceof HTMLInputElement) || s.value === null || el.value === s.value) return;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(el, s.value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** What a burst says: a stub of one of the formats (readable or not), one of our receipt numbers, or nothing known. */
export type BurstKind = 'stub' | 'receipt' | 'none';

export interface WedgeHandlers {
  classify(text: string): BurstKind;
  /** A whole scan (without its suffix), wherever the focus was. */
  onScan(text: string, at: number): void;
  /** A burst at scanner speed that never got its suffix: a scan cut short. */
  onCutShort(text: string): void;
  /** A burst at scanner speed, with its suffix, that is no stub and no receipt: noise or another code. */
  onNoise(text: string): void;
}

/** Installs the listener; returns the uninstall. */
export function installWedge(timing: WedgeTiming, h: WedgeHandlers): () => void {
  const core = new WedgeCore(timing);
  let start: Snapshot = { el: null, value: null, keys: null };
  let timer: number | undefined;
  /** Where each held key was typed: it goes back to the field that had the focus then. */
  let heldAt: (HTMLElement | null)[] = [];

  const giveBack = (held: string[]) => {
    const at = heldAt;
    heldAt = [];
    held.forEach((k, i) => {
      const to = at[i]?.isConnected ? at[i]! : (document.activeElement as HTMLElement | null);
      // Each key rendered before the next: a field that keys itself (an amount) must see its last key.
      if (to) flushSync(() => typeKey(to, k));
    });
  };
  const onTimer = () => {
    timer = undefined;
    const r = core.timeout(performance.now());
    if (!r) return;
    if ('cutShort' in r) { heldAt = []; restore(start); h.onCutShort(r.cutShort); } else giveBack(r.held);
  };

  const onKey = (e: KeyboardEvent) => {
    if (replaying.has(e) || e.isComposing) return;
    const printable = e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey;
    const v = core.key(e.key, e.timeStamp, printable);
    window.clearTimeout(timer);
    // The burst's end is decided by the keys' own times; the timer only notices that no key came at all
    // (a scan without its suffix, rollover keys to hand back). It waits longer than the gap: keys of one
    // burst can reach a busy page later than they were typed.
    if (core.burstLength > 0) timer = window.setTimeout(onTimer, Math.max(250, timing.maxGapMs * 5));
    switch (v.act) {
      case 'pass':
        if (v.startsBurst) start = snapshot(document.activeElement);
        return;
      case 'hold':
        e.preventDefault(); e.stopImmediatePropagation();
        heldAt.push(document.activeElement as HTMLElement | null);
        return;
      case 'release':
        giveBack(v.held);
        if (printable && core.burstLength === 1) start = snapshot(document.activeElement);
        return;
      case 'burst': {
        const kind = h.classify(v.text);
        if (kind === 'none' && !v.fast) { giveBack(v.held); return; } // a person (or a program) typing: the suffix does its own thing
        e.preventDefault(); e.stopImmediatePropagation();
        heldAt = [];
        restore(start);
        if (kind === 'none') h.onNoise(v.text); else h.onScan(v.text, e.timeStamp);
        return;
      }
    }
  };
  window.addEventListener('keydown', onKey, true);
  return () => { window.removeEventListener('keydown', onKey, true); window.clearTimeout(timer); };
}
