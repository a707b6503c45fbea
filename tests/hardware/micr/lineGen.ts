// Seeded generators of MICR lines for the fuzz test and the parser benchmark: random junk, and real
// check lines mutated the ways a reader gets them wrong (dropped, doubled, swapped, misread characters).
import { micrLine } from '../../../src/hardware/micr/emulator';
import { SYMBOL_SETS, type MicrSymbolSet } from '../../../src/hardware/micr/symbols';
import { prng as rng } from '../../../src/shared/prng';

export { rng };


const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');

/** A routing number whose ABA check digit holds. */
export function validRouting(r: () => number): string {
  const d = [...digits(r, 8)].map(Number);
  const s = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]!);
  return d.join('') + String((10 - (s % 10)) % 10);
}

const SETS: MicrSymbolSet[] = [SYMBOL_SETS.magtek, SYMBOL_SETS['magtek-lower'], SYMBOL_SETS['magtek-letters'], SYMBOL_SETS.upos, SYMBOL_SETS.unicode];
const MICR_CHARS = [...'0123456789TtUuOoAaDd$-?  ⑆⑈⑇⑉'];
const NOISE = [...'\u0000\u0001\u001b\u007f\u0080\u00ff\u00fe#*!@&%^~`|\\/<>{}[]xyzZ\t\r\n\uFFFD\u2028\uD83D\uDE00'];

export function validLine(r: () => number): string {
  const layout = r() < 0.5 ? 'personal' : 'business';
  return micrLine({
    routing: validRouting(r), account: digits(r, int(r, 4, 17)), checkNumber: String(int(r, 1, 999999)), layout,
    ...(r() < 0.2 ? { amountCents: int(r, 1, 99_999_999) } : {}),
    ...(layout === 'business' && r() < 0.3 ? { epc: String(int(r, 0, 9)) } : {}),
  }, pick(r, SETS));
}

export function randomLine(r: () => number): string {
  const n = int(r, 0, 120);
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.8 ? pick(r, MICR_CHARS) : pick(r, NOISE);
  return s;
}

export function mutate(line: string, r: () => number): string {
  const cs = [...line];
  const times = int(r, 1, 4);
  for (let k = 0; k < times; k++) {
    const i = int(r, 0, Math.max(0, cs.length - 1));
    switch (int(r, 0, 7)) {
      case 0: cs.splice(i, 1); break; // dropped character
      case 1: cs.splice(i, 0, cs[i] ?? '?'); break; // doubled
      case 2: cs[i] = '?'; break; // unreadable digit
      case 3: cs[i] = pick(r, MICR_CHARS); break; // misread
      case 4: cs[i] = pick(r, NOISE); break; // line noise
      case 5: { const j = int(r, 0, cs.length - 1); const t = cs[i]!; cs[i] = cs[j]!; cs[j] = t; break; } // swapped
      case 6: cs.length = int(r, 0, cs.length); break; // cut short
      default: cs.splice(i, 0, ...randomLine(r).slice(0, 8)); break; // burst of junk
    }
  }
  return cs.join('');
}

/** The fuzz corpus: a third random, two thirds mutated real lines, reproducible from the seed. */
export function* fuzzLines(count: number, seed: number): Generator<string> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) yield r() < 1 / 3 ? randomLine(r) : mutate(validLine(r), r);
}
