// Free text people type (payer names, descriptions, reasons, references, notes…): what the station
// takes, and how text from elsewhere (the hub, files, rows stored by older versions) is made safe.
// Text must reach a device as text, never as commands, and no card number is ever stored.
import { z } from 'zod';

/**
 * Control characters: C0 (except Tab, LF and CR, which are folded into spaces), DEL and C1, the
 * Unicode line and paragraph separators, and lone surrogates (not text at all).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

export const CONTROL_MESSAGE = 'This text has a control character (an invisible key code): retype it without it.';
export const CARD_NUMBER_MESSAGE = 'Never enter a card number here.';

/** Tab, CR, LF (and the Unicode line separators) become spaces: free text is one line. */
export function foldLines(s: string): string {
  return s.replace(/\r\n|[\t\r\n\u2028\u2029]/g, ' ');
}

export function hasControlChars(s: string): boolean {
  return CONTROL.test(s);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The first full card number in the text: 13 to 19 digits that pass the Luhn check, written in one
 * run or in groups split by spaces or dashes ("4111 1111 1111 1111"). Any run of whole groups is
 * tried, so digits typed before or after it (an invoice number) do not hide it. Returns the
 * characters' start and end in the text, or null.
 */
export function findCardNumber(s: string): { start: number; end: number } | null {
  for (const m of s.matchAll(/\d+(?:[ -]{1,3}\d+)*/g)) {
    const groups = [...m[0].matchAll(/\d+/g)];
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      let last = -1; // the longest run from group i: a number's first 13 digits may pass Luhn too
      for (let j = i; j < groups.length; j++) {
        digits += groups[j]![0];
        if (digits.length > 19) break;
        if (digits.length >= 13 && luhn(digits)) last = j;
      }
      if (last >= 0) return { start: m.index + groups[i]!.index, end: m.index + groups[last]!.index + groups[last]![0].length };
    }
  }
  return null;
}

export function hasCardNumber(s: string): boolean {
  return findCardNumber(s) !== null;
}

/** For a refine on a field with a format of its own (a user ID) that a card number could still fit. */
export const noCardNumber = (s: string): boolean => !hasCardNumber(s);

/** Every card number's digits but the last four become '*' (the only part ever kept). */
export function maskCardNumbers(s: string): string {
  let out = s;
  for (let hit = findCardNumber(out); hit; hit = findCardNumber(out)) {
    const run = out.slice(hit.start, hit.end);
    let cut = 0;
    for (let k = run.length - 1, seen = 0; k >= 0; k--) if (/\d/.test(run[k]!) && ++seen === 4) { cut = k; break; }
    out = out.slice(0, hit.start) + run.slice(0, cut).replace(/\d/g, '*') + run.slice(cut) + out.slice(hit.end);
  }
  return out;
}

/**
 * Text that did not come through the contract (the hub's directory, rows already stored): one line,
 * no control characters (each becomes '?', so something visibly stood there), card numbers masked.
 */
export function cleanText(s: string): string {
  return maskCardNumbers(foldLines(s).replace(CONTROL_ALL, '?'));
}

export interface FreeTextOptions {
  max: number;
  min?: number;
  /** Said when shorter than min (after trimming). */
  minMessage?: string;
  /** Refuse a card number in it [true]. Off only where a device, not a person, wrote the text. */
  cardCheck?: boolean;
}

/**
 * Every free-text field of the contract: Tab, CR and LF folded into spaces, trimmed, then refused
 * with a message on the field when it holds a control character or a full card number.
 */
export function freeText(opts: FreeTextOptions) {
  let s = z.string().overwrite(foldLines).trim();
  if (opts.min !== undefined) s = s.min(opts.min, opts.minMessage ? { message: opts.minMessage } : undefined);
  s = s.max(opts.max).refine((v) => !hasControlChars(v), { message: CONTROL_MESSAGE });
  if (opts.cardCheck !== false) s = s.refine(noCardNumber, { message: CARD_NUMBER_MESSAGE });
  return s;
}
