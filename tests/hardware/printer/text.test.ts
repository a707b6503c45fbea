// Text on paper, decoded by the ESC/POS emulator's decoder from the bytes the renderer sends:
// whatever a name or description holds (control bytes stored by an older version, CJK, Vietnamese,
// a decomposed accent, emoji), it is printed as text in the one code page the job selected, each
// character as itself, transliterated or '?', no line wider than the paper, no command in a text run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EscPosDecoder } from '../../../src/hardware/emulators/escpos/decoder';
import { codePage } from '../../../src/hardware/emulators/escpos/codepages';
import type { EscPosEvent } from '../../../src/hardware/emulators/escpos/events';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import type { PrintDoc } from '../../../src/hardware/forms/doc';
import { renderEscPos, type CodePageName } from '../../../src/hardware/printer/render';
import { ctxFor, sampleReceipt } from '../fixtures';

const PAGES: { name: CodePageName; n: number }[] = [
  { name: 'PC850_MULTILINGUAL', n: 2 }, { name: 'PC437_USA', n: 0 }, { name: 'PC858_EURO', n: 19 }, { name: 'WPC1252', n: 16 },
];

function decode(bytes: Buffer, columns: number): EscPosEvent[] {
  const d = new EscPosDecoder(columns);
  const events: EscPosEvent[] = [];
  for (let at = 0; at < bytes.length;) {
    const r = d.step(bytes, at);
    if (!r) throw new Error(`incomplete command at byte ${at}`);
    events.push(...r.events);
    at += r.used;
  }
  return events;
}

/** What the page can print, by the emulator's own tables (not the encoder's). */
function pageChars(n: number): Set<string> {
  const p = codePage(n);
  const s = new Set<string>();
  for (let b = 0x20; b <= 0xff; b++) if (b !== 0x7f) s.add(p.decode(b));
  return s;
}

/** Close enough to stand for the character: its letter without accents, or the nearest punctuation. */
const NEAREST: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u02bc': "'", '\u00b4': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '.', '\u2022': '*', '\u00b7': '.', '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u202f': ' ', '\u3000': ' ',
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't', Ø: 'O', ø: 'o', Æ: 'A', æ: 'a', Œ: 'O', œ: 'o', ß: 's', Þ: 'T', þ: 't', Ð: 'D', ð: 'd',
};
function standsFor(src: string, got: string): boolean {
  if (got === src || got === '?') return true;
  const strip = (s: string) => s.replace(/\p{M}/gu, '');
  const plain = [strip(src.normalize('NFD')), strip(src.normalize('NFKD')), NEAREST[src]].filter((p): p is string => !!p && p.length === 1);
  return plain.includes(got) || plain.some((p) => NEAREST[p] === got);
}

function printed(doc: PrintDoc, page: { name: CodePageName; n: number }) {
  const events = decode(renderEscPos(doc, { codePage: page.name }), doc.columns);
  const lines = events.filter((e): e is Extract<EscPosEvent, { type: 'line' }> => e.type === 'line');
  return { events, lines };
}

function payerReceipt(payerName: string, description: string, columns: 32 | 48, lang: 'en' | 'es') {
  const r = sampleReceipt({ payerName, cashierName: description.slice(0, 12) || 'Casey' });
  r.lines[1]!.description = description;
  return receiptForm(ctxFor(lang, columns), { receipt: r, balances: [], duplicate: false });
}

/** Every printed line fits, no command came out of the text, and each character stands for its source. */
function checkSlip(doc: PrintDoc, page: { name: CodePageName; n: number }): void {
  const { events, lines } = printed(doc, page);
  const kinds = events.map((e) => e.type);
  expect(kinds.filter((k) => k === 'drawer' || k === 'unknown' || k === 'image' || k === '2d')).toEqual([]);
  expect(kinds.filter((k) => k === 'cut')).toHaveLength(1);
  expect(events.filter((e) => e.type !== 'init').at(-1)?.type).toBe('cut'); // the engine re-initialises after its cut
  expect(events.filter((e) => e.type === 'codepage')).toEqual([{ type: 'codepage', n: page.n, name: codePage(page.n).name }]);
  // Collected, then asserted once: thousands of characters per slip.
  const problems: string[] = [];
  for (const l of lines) {
    if (l.wrapped) problems.push(`wrapped by the printer: ${l.text}`);
    if (l.runs.reduce((w, r) => w + [...r.text].length * r.width, 0) > doc.columns) problems.push(`wider than the paper: ${l.text}`);
  }
  const has = pageChars(page.n);
  const sources = doc.lines.flatMap((l) => (l.kind === 'text' && l.text.trim() ? [l.text] : []));
  const got = lines.map((l) => l.text).filter((t) => t.trim());
  expect(got).toHaveLength(sources.length);
  sources.forEach((src, i) => {
    const out = got[i]!;
    if (out.length !== src.length) problems.push(`${JSON.stringify(src)} printed as ${JSON.stringify(out)}`);
    [...src].forEach((ch, k) => {
      const o = out[k] ?? '';
      // Never transliterated where the page has the character; otherwise something that stands for it.
      if (has.has(ch) ? o !== ch : !standsFor(ch, o)) problems.push(`${JSON.stringify(ch)} printed as ${JSON.stringify(o)} in ${JSON.stringify(src)}`);
    });
  });
  expect(problems).toEqual([]);
}

describe('text reaches the printer as text', () => {
  it('control characters in a stored payer name and description send no command: no kick, no cut, no mode change', () => {
    const doc = payerReceipt('Ann\x1bp\x00\x32\x64 Lee', 'x\x1dV\x00y', 48, 'en');
    for (const page of PAGES) checkSlip(doc, page);
    const { lines } = printed(doc, PAGES[0]!);
    expect(lines.map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Payer +Ann\?p\?2d Lee$/), '  x?V?y']));
  });

  it('李小龍 prints as ??? and leaves the next line in the page the job chose', () => {
    const r = sampleReceipt({ payerName: '李小龍' });
    r.lines[1]!.description = "Peña O'Brien Zoë";
    const doc = receiptForm(ctxFor('en', 48), { receipt: r, balances: [], duplicate: false });
    const { lines, events } = printed(doc, PAGES[0]!);
    expect(events.filter((e) => e.type === 'codepage')).toHaveLength(1);
    const text = lines.map((l) => l.text);
    expect(text).toEqual(expect.arrayContaining([expect.stringMatching(/^Payer +\?\?\?$/), "  Peña O'Brien Zoë"]));
  });

  it('Nguyễn Văn An is transliterated, a decomposed José is four columns, ’ is an apostrophe', () => {
    const r = sampleReceipt({ payerName: 'Nguyễn Văn An', cashierName: 'Jose\u0301 O\u2019Neil' });
    const doc = receiptForm(ctxFor('en', 32), { receipt: r, balances: [], duplicate: false });
    const text = printed(doc, PAGES[0]!).lines.map((l) => l.text);
    expect(text).toEqual(expect.arrayContaining([expect.stringMatching(/^Payer +Nguyen Van An$/), expect.stringMatching(/^Cashier +José O'Neil$/)]));
    expect(text.find((l) => l.startsWith('Cashier'))).toHaveLength(32); // José is four columns: the line is the paper's width
    for (const page of PAGES) checkSlip(doc, page);
  });

  it('property: random Unicode names and descriptions, every page and paper width: lines fit and each character stands for its source', () => {
    const unicode = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.normalize('NFD')),
      fc.constantFrom('李小龍', 'Nguyễn Văn An', 'Jose\u0301', 'Peña O\u2019Brien Zoë', 'Łukasz Żółć', 'Ærøskøbing', '😀👍🏽', 'a\u200bb\u202ec'),
    );
    fc.assert(fc.property(unicode, unicode, fc.constantFrom(32, 48) as fc.Arbitrary<32 | 48>, fc.constantFrom('en', 'es') as fc.Arbitrary<'en' | 'es'>, fc.constantFrom(...PAGES),
      (payer, description, columns, lang, page) => checkSlip(payerReceipt(payer, description, columns, lang), page)), { numRuns: 200 });
  });
});
