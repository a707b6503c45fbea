// Cash-register amount entry: digits fill from the right (1 2 3 4 5 → $123.45), `00` is two zeros,
// a decimal point switches to dollars-and-cents keying (2 0 . → $20.00), Backspace undoes one key,
// Delete clears. The state is the keys typed; the value is always whole cents (no floats).
/** Same limit as MAX_CENTS in src/shared/money.ts (kept here so the renderer bundle carries no zod; a test checks they agree). */
export const MAX_CENTS = 1_000_000_000;

export interface AmountKeys { keys: string }

export const EMPTY: AmountKeys = { keys: '' };

/** Cents for the keys typed, or null when nothing is typed. */
export function amountOf(state: AmountKeys): number | null {
  const k = state.keys;
  if (k === '') return null;
  const dot = k.indexOf('.');
  if (dot < 0) return Number(k);
  const whole = k.slice(0, dot) === '' ? 0 : Number(k.slice(0, dot));
  const frac = Number(k.slice(dot + 1).padEnd(2, '0'));
  return whole * 100 + frac;
}

/** Applies one key; returns the same state when the key would make the amount invalid. */
export function press(state: AmountKeys, key: string): AmountKeys {
  const k = state.keys;
  if (key === 'Backspace') return { keys: k.slice(0, -1) };
  if (key === 'Delete' || key === 'Clear') return EMPTY;
  if (key === '.' || key === ',') {
    // The digits so far become dollars: refused when that passes the largest amount.
    if (k.includes('.') || (amountOf({ keys: k + '.' }) ?? 0) > MAX_CENTS) return state;
    return { keys: k + '.' };
  }
  if (!/^\d$|^00$/.test(key)) return state;
  const dot = k.indexOf('.');
  let next = k + key;
  if (dot >= 0 && next.length - dot - 1 > 2) return state; // two decimals at most
  if (dot < 0) next = next.replace(/^0+(?=\d)/, ''); // no leading zeros in cash-register mode
  const value = amountOf({ keys: next });
  if (value === null || value > MAX_CENTS) return state;
  return { keys: next };
}

/** The keys that give an amount (used when a field is pre-filled, e.g. the amount due). */
export function keysFor(cents: number): AmountKeys {
  return cents > 0 ? { keys: String(cents) } : EMPTY;
}
