// The stub scanner in the e2e page. A keyboard-wedge scanner types its characters as one fast burst
// and its suffix: here real key events (CDP Input.dispatchKeyEvent, as trusted as a keyboard's), sent
// all at once so they reach the page at the pace the browser takes them, as a scanner's do — not one
// round trip per key, which on a busy machine spaces them like a person's typing. A person types with pauses.
import type { CDPSession, Page } from 'playwright-core';

const sessions = new WeakMap<Page, CDPSession>();

async function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) { s = await page.context().newCDPSession(page); sessions.set(page, s); }
  return s;
}

/** The key event fields Chromium needs for a character a scanner sends. */
function keyOf(ch: string): { key: string; code: string; text?: string; windowsVirtualKeyCode: number } {
  if (ch === 'Enter') return { key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 };
  if (ch === 'Tab') return { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 };
  if (/\d/.test(ch)) return { key: ch, code: `Digit${ch}`, text: ch, windowsVirtualKeyCode: 48 + Number(ch) };
  if (/[A-Za-z]/.test(ch)) return { key: ch, code: `Key${ch.toUpperCase()}`, text: ch, windowsVirtualKeyCode: ch.toUpperCase().charCodeAt(0) };
  const punct: Record<string, [string, number]> = { '|': ['Backslash', 220], '-': ['Minus', 189], '.': ['Period', 190], ';': ['Semicolon', 186], ',': ['Comma', 188], '~': ['Backquote', 192], '^': ['Digit6', 54] };
  const [code, vk] = punct[ch] ?? ['Unidentified', 0];
  return { key: ch, code, text: ch, windowsVirtualKeyCode: vk };
}

/** A scanner's pace: a key every 4 ms (USB HID reports, press and release). */
export const SCANNER_KEY_MS = 4;

/**
 * Key events for each character, sent without waiting between them, each stamped with the moment the
 * scanner would have sent it (CDP's timestamp: the event's timeStamp in the page, as the OS stamps a
 * real keyboard's). The page may be busy when they arrive; their times are the scanner's, as at a counter.
 */
async function burst(page: Page, keys: string[], keyMs = SCANNER_KEY_MS): Promise<void> {
  const s = await cdp(page);
  const sent: Promise<unknown>[] = [];
  const t0 = Date.now() / 1000;
  keys.forEach((k, i) => {
    const e = keyOf(k);
    const shift = e.key.length === 1 && (/[A-Z|~^]/.test(e.key)) ? 8 : 0;
    const timestamp = t0 + (i * keyMs) / 1000;
    sent.push(s.send('Input.dispatchKeyEvent', { type: e.text ? 'keyDown' : 'rawKeyDown', modifiers: shift, timestamp, ...e }));
    sent.push(s.send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers: shift, timestamp: timestamp + 0.001, key: e.key, code: e.code, windowsVirtualKeyCode: e.windowsVirtualKeyCode }));
  });
  await Promise.all(sent);
}

/** A scan: the characters at scanner speed, then the suffix (Enter by default). */
export async function wedgeScan(page: Page, text: string, suffix: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  await burst(page, [...text, suffix]);
}


/** A scan cut short: the start of it, fast, and no suffix (the scanner lost the code). */
export async function cutShortScan(page: Page, text: string): Promise<void> {
  await burst(page, [...text]);
}

/** A person keying the same characters (quick for a person: 200 ms a key), then Enter. */
export async function personTypes(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 200 });
  await page.keyboard.press('Enter');
}
