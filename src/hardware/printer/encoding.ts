// Text to printer bytes in the one code page the job selected (ESC t n at its start), done here and
// not by node-thermal-printer: it would switch the printer to another page (Japanese for 李) for one
// character and leave it there for the lines after, and it sends control characters as they are.
// Here every character is one byte: itself where the page has it, else transliterated (ễ → e,
// ’ → '), else '?'; nothing below 0x20 and no 0x7F ever leaves as text.
import * as nodeModule from 'node:module';
import { printable } from '../forms/printable';

export type CodePageName = 'PC437_USA' | 'PC850_MULTILINGUAL' | 'PC858_EURO' | 'WPC1252';

/** ESC t n of each page (Epson numbering, as the emulator decodes it). */
export const CODE_PAGE_NUMBER: Record<CodePageName, number> = { PC437_USA: 0, PC850_MULTILINGUAL: 2, PC858_EURO: 19, WPC1252: 16 };
const ICONV_NAME: Record<CodePageName, string> = { PC437_USA: 'cp437', PC850_MULTILINGUAL: 'cp850', PC858_EURO: 'cp858', WPC1252: 'cp1252' };

/** Punctuation people type (or paste) that the pages lack, as the nearest one-column ASCII. */
const NEAREST: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u02bc': "'", '\u00b4': "'", '`': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '.', '\u2022': '*', '\u00b7': '.', '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u202f': ' ', '\u3000': ' ',
  '\u0141': 'L', '\u0142': 'l', '\u0110': 'D', '\u0111': 'd', '\u0126': 'H', '\u0127': 'h', '\u0131': 'i', '\u0166': 'T', '\u0167': 't',
  '\u00d8': 'O', '\u00f8': 'o', '\u00c6': 'A', '\u00e6': 'a', '\u0152': 'O', '\u0153': 'o', '\u00df': 's', '\u00de': 'T', '\u00fe': 't', '\u00d0': 'D', '\u00f0': 'd',
};

type Iconv = { decode(b: Buffer, enc: string): string };
let iconv: Iconv | undefined;
const tables = new Map<CodePageName, Map<string, number>>();

/** Character → byte of the page's upper half (the lower half is ASCII on every page here). */
function tableOf(page: CodePageName): Map<string, number> {
  let t = tables.get(page);
  if (!t) {
    // Loaded on first print, like node-thermal-printer (which depends on it): never at start-up.
    iconv ??= nodeModule.createRequire(import.meta.url)('iconv-lite') as Iconv;
    t = new Map();
    for (let b = 0x80; b <= 0xff; b++) {
      const ch = iconv.decode(Buffer.of(b), ICONV_NAME[page]);
      if (ch.length === 1 && ch !== '\ufffd' && !/[\u0000-\u001f\u007f-\u009f]/.test(ch) && !t.has(ch)) t.set(ch, b);
    }
    tables.set(page, t);
  }
  return t;
}

const QUESTION = 0x3f;

/** One character (already printable: one column) as one byte of the page. */
function byteOf(ch: string, table: Map<string, number>): number {
  const c = ch.charCodeAt(0);
  if (c >= 0x20 && c < 0x7f) return c;
  const own = table.get(ch);
  if (own !== undefined) return own;
  for (const alt of [NEAREST[ch], ch.normalize('NFD').replace(/\p{M}/gu, ''), ch.normalize('NFKD').replace(/\p{M}/gu, '')]) {
    if (!alt || alt.length !== 1) continue;
    const a = alt.charCodeAt(0);
    if (a >= 0x20 && a < 0x7f) return a;
    const inPage = table.get(alt);
    if (inPage !== undefined) return inPage;
    const near = NEAREST[alt];
    if (near) return near.charCodeAt(0);
  }
  return QUESTION;
}

/** A line of text as bytes of the page, at most `columns` characters: nothing ever wider than the paper. */
export function encodeLine(text: string, page: CodePageName, columns: number): Buffer {
  const chars = printable(text).slice(0, Math.max(0, columns));
  const table = tableOf(page);
  const out = Buffer.alloc(chars.length);
  for (let i = 0; i < chars.length; i++) out[i] = byteOf(chars[i]!, table);
  return out;
}
