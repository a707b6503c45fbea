// What never reaches a log: a PIN, a token, a secret, a card number. Fields are redacted by name;
// free text has card numbers masked to their last four and Basic/Bearer credentials dropped.
import { findCardNumber } from './text';

const SECRET_KEY = /^(pin|pins|pinhash|pin_hash|pinagain|secret|token|tokens|authorization|password|code|apikey|key)$/i;

export function scrub(text: string): string {
  let out = text.replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 [redacted]');
  for (let guard = 0; guard < 50; guard++) {
    const c = findCardNumber(out);
    if (!c) break;
    const digits = out.slice(c.start, c.end).replace(/\D/g, '');
    out = out.slice(0, c.start) + `[card …${digits.slice(-4)}]` + out.slice(c.end);
  }
  return out;
}

/** A copy of a value fit for a log: secret fields replaced, text scrubbed, depth and length bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value.length > 2000 ? value.slice(0, 2000) + '…' : value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return (depth < 0 ? value : value.slice(0, 20)).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}
