// Fuzz: 100,000+ random and mutated MICR lines never throw out of the parser, and every result is either
// a well-formed parsed check or a structured error naming a known field and fault.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MicrParser } from '../../../src/hardware/micr/parse';
import { SYMBOL_SETS } from '../../../src/hardware/micr/symbols';
import { micrLine } from '../../../src/hardware/micr/emulator';
import { isValidRouting } from '../../../src/shared/domain';
import { MICR_FAULTS, MICR_FIELDS, type MicrCheck, type MicrRead } from '../../../src/shared/micr';
import { fuzzLines, rng, validRouting } from './lineGen';

const FIELDS = new Set<string>(MICR_FIELDS);
const FAULTS = new Set<string>(MICR_FAULTS);

/** Returns a description of what is wrong with a result, or null when it is well-formed. */
function malformed(line: string, r: MicrRead): string | null {
  if (r === null || typeof r !== 'object') return 'not an object';
  if (r.raw !== line) return 'raw line not kept';
  const fieldsOk = (c: Partial<MicrCheck>): string | null => {
    if (c.routing !== undefined && !isValidRouting(c.routing)) return `bad routing ${c.routing}`;
    if (c.account !== undefined && !/^\d{4,17}$/.test(c.account)) return `bad account ${c.account}`;
    if (c.checkNumber !== undefined && !/^(0|[1-9]\d{0,14})$/.test(c.checkNumber)) return `bad check number ${c.checkNumber}`;
    if (c.amountCents !== undefined && !(Number.isSafeInteger(c.amountCents) && c.amountCents >= 0)) return 'bad amount';
    if (c.layout !== undefined && c.layout !== 'personal' && c.layout !== 'business') return 'bad layout';
    return null;
  };
  if (r.ok === true) {
    if (!Array.isArray(r.warnings)) return 'no warnings array';
    if (r.check.routing === undefined || r.check.account === undefined || r.check.checkNumber === undefined) return 'incomplete check';
    return fieldsOk(r.check);
  }
  if (r.ok !== false) return 'ok is not boolean';
  if (!Array.isArray(r.errors) || r.errors.length === 0) return 'error without errors';
  for (const e of r.errors) {
    if (!FIELDS.has(e.field) || !FAULTS.has(e.fault)) return `unknown field/fault ${e.field}/${e.fault}`;
    if (typeof e.detail !== 'string' || !e.detail || e.detail.startsWith('internal')) return `detail: ${e.detail}`;
  }
  return fieldsOk(r.partial);
}

describe('MICR parser fuzz', () => {
  it('120,000 seeded random and mutated lines: no throw, every result well-formed', () => {
    const parsers = [new MicrParser(), new MicrParser(SYMBOL_SETS.upos), new MicrParser(SYMBOL_SETS.magtek)];
    let n = 0, ok = 0;
    const faults = new Map<string, number>();
    for (const line of fuzzLines(120_000, 20261120)) {
      const p = parsers[n++ % parsers.length]!;
      let r: MicrRead;
      try { r = p.parse(line); } catch (e) { throw new Error(`parser threw on ${JSON.stringify(line)}: ${(e as Error).message}`); }
      const why = malformed(line, r);
      if (why) throw new Error(`${why} for ${JSON.stringify(line)}: ${JSON.stringify(r)}`);
      if (r.ok) ok++;
      else for (const e of r.errors) faults.set(`${e.field}/${e.fault}`, (faults.get(`${e.field}/${e.fault}`) ?? 0) + 1);
    }
    expect(n).toBe(120_000);
    // The corpus exercises both outcomes and the main kinds of failure.
    expect(ok).toBeGreaterThan(1000);
    for (const k of ['line/noise', 'routing/unreadable', 'routing/checkDigit', 'account/unreadable', 'checkNumber/unreadable', 'routing/missing']) {
      expect(faults.get(k) ?? 0, k).toBeGreaterThan(0);
    }
  });

  it('fast-check: arbitrary strings never throw and are well-formed', () => {
    const p = new MicrParser();
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => malformed(s, p.parse(s)) === null), { numRuns: 3_000 });
  });

  it('fast-check: every valid check round-trips through its MICR line in every symbol set', () => {
    const sets = [SYMBOL_SETS.magtek, SYMBOL_SETS['magtek-lower'], SYMBOL_SETS['magtek-letters'], SYMBOL_SETS.upos, SYMBOL_SETS.unicode];
    const check = fc.record({
      seed: fc.integer(), account: fc.stringMatching(/^\d{4,17}$/), checkNumber: fc.integer({ min: 1, max: 999_999 }),
      layout: fc.constantFrom('personal' as const, 'business' as const), set: fc.constantFrom(...sets),
    });
    fc.assert(fc.property(check, (c) => {
      const routing = validRouting(rng(c.seed));
      const r = new MicrParser(c.set).parse(micrLine({ routing, account: c.account, checkNumber: String(c.checkNumber), layout: c.layout }, c.set));
      return r.ok && r.check.routing === routing && r.check.account === c.account && r.check.checkNumber === String(c.checkNumber) && r.check.layout === c.layout;
    }), { numRuns: 5_000 });
  });

  it('a single unreadable digit in the routing number never yields a check', () => {
    const r = rng(7);
    const p = new MicrParser();
    for (let i = 0; i < 2000; i++) {
      const routing = validRouting(r);
      const k = Math.floor(r() * 9);
      const res = p.parse(`T${routing.slice(0, k)}?${routing.slice(k + 1)}T 12345678U 1001`);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.errors[0]).toMatchObject({ field: 'routing', fault: 'unreadable', positions: [k] });
    }
  });
});
