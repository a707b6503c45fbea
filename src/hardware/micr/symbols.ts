// The E-13B special symbols as check readers transliterate them. A reader is set to one symbol set;
// 'auto' accepts every common one at once (their letters do not overlap between symbols).

export interface MicrSymbolSet {
  /** Characters that stand for each E-13B symbol (⑆ transit, ⑈ on-us, ⑇ amount, ⑉ dash). */
  transit: string;
  onUs: string;
  amount: string;
  dash: string;
  /** Characters the reader sends for a digit it could not read. */
  unreadable: string;
}

const UNICODE = { transit: '⑆', onUs: '⑈', amount: '⑇', dash: '⑉' };

export const SYMBOL_SETS = {
  /** MagTek raw format 00: T U $ - */
  magtek: { transit: 'T⑆', onUs: 'U⑈', amount: '$⑇', dash: '-⑉', unreadable: '?' },
  /** MagTek raw format 01 (lower case): t o a d */
  'magtek-lower': { transit: 't⑆', onUs: 'o⑈', amount: 'a⑇', dash: 'd⑉', unreadable: '?' },
  /** MagTek raw format 02: T O A D */
  'magtek-letters': { transit: 'T⑆', onUs: 'O⑈', amount: 'A⑇', dash: 'D⑉', unreadable: '?' },
  /** UPOS / OPOS MICR RawData: t o a - */
  upos: { transit: 't⑆', onUs: 'o⑈', amount: 'a⑇', dash: '-⑉', unreadable: '?' },
  /** The Unicode OCR symbols themselves. */
  unicode: { transit: UNICODE.transit, onUs: UNICODE.onUs, amount: UNICODE.amount, dash: UNICODE.dash, unreadable: '?' },
  /** Every set above at once, plus T/U/A/D upper and lower case. */
  auto: { transit: 'Tt⑆', onUs: 'UuOo⑈', amount: 'Aa$⑇', dash: 'Dd-⑉', unreadable: '?' },
} as const satisfies Record<string, MicrSymbolSet>;

export type SymbolSetName = keyof typeof SYMBOL_SETS;

/** Canonical one-letter forms the parser works on. */
export type Canon = 'T' | 'U' | 'A' | 'D' | '?' | ' ' | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

export class SymbolSetError extends Error {}

/**
 * Builds the character → canonical map of a symbol set, refusing sets that would make a read ambiguous
 * (a character for two symbols, or a digit or a space used as a symbol).
 */
export function symbolMap(set: MicrSymbolSet): Map<string, Canon> {
  const map = new Map<string, Canon>();
  for (let d = 0; d <= 9; d++) map.set(String(d), String(d) as Canon);
  map.set(' ', ' ');
  const add = (chars: string, canon: Canon, what: string): void => {
    if (chars.length === 0) throw new SymbolSetError(`The ${what} symbol needs at least one character.`);
    for (const ch of chars) {
      const had = map.get(ch);
      if (had !== undefined && had !== canon) throw new SymbolSetError(`'${ch}' cannot stand for the ${what} symbol: it already means '${had}'.`);
      map.set(ch, canon);
    }
  };
  add(set.transit, 'T', 'transit');
  add(set.onUs, 'U', 'on-us');
  add(set.amount, 'A', 'amount');
  add(set.dash, 'D', 'dash');
  add(set.unreadable, '?', 'unreadable-digit');
  return map;
}

/** A named set, or a custom one written "transit,onUs,amount,dash[,unreadable]" e.g. "<,:,;,=" or "T,U,A,D,*". */
export function resolveSymbolSet(spec: string | undefined): MicrSymbolSet {
  const s = (spec ?? 'auto').trim();
  if (s in SYMBOL_SETS) return SYMBOL_SETS[s as SymbolSetName];
  const parts = s.split(',');
  if (parts.length < 4 || parts.length > 5) {
    throw new SymbolSetError(`Unknown symbol set "${s}": use one of ${Object.keys(SYMBOL_SETS).join(', ')} or "transit,onUs,amount,dash[,unreadable]".`);
  }
  const [transit, onUs, amount, dash, unreadable] = parts as [string, string, string, string, string | undefined];
  const set = { transit, onUs, amount, dash, unreadable: unreadable ?? '?' };
  symbolMap(set);
  return set;
}
