// E-13B MICR line parser. Reads a line as the reader sent it (any symbol set), finds the transit field
// (routing), the on-us field (account, and the check number on personal checks), the auxiliary on-us
// field left of the routing number (check number on business checks) and the amount field. Never throws:
// every line becomes a parsed check or a list of the fields that failed, with what was read of the rest.
import type { MicrCheck, MicrField, MicrFieldError, MicrRead } from '../../shared/micr';
import { isValidRouting } from '../../shared/domain';
import { SYMBOL_SETS, symbolMap, type Canon, type MicrSymbolSet } from './symbols';

const MAX_CHECK_NUMBER = 15;
const ACCOUNT_MIN = 4, ACCOUNT_MAX = 17;

export class MicrParser {
  private readonly map: Map<string, Canon>;

  constructor(symbols: MicrSymbolSet = SYMBOL_SETS.auto) {
    this.map = symbolMap(symbols);
  }

  parse(raw: string): MicrRead {
    try {
      return parseCanonical(this.canonical(raw), raw);
    } catch (e) {
      // A parser bug must not take the till down; the fuzz test asserts this branch is never taken.
      return fail(raw, {}, [{ field: 'line', fault: 'format', detail: `internal: ${(e as Error).message}` }]);
    }
  }

  /** The line in canonical letters (T U A D ? space digits), with junk trimmed from both ends; null marks noise. */
  private canonical(raw: string): (Canon | null)[] {
    const out: (Canon | null)[] = [];
    for (const ch of raw) out.push(this.map.get(ch) ?? (ch === '\t' ? ' ' : null));
    let a = 0, b = out.length;
    while (a < b && (out[a] === null || out[a] === ' ')) a++;
    while (b > a && (out[b - 1] === null || out[b - 1] === ' ')) b--;
    // Trimmed ends count as junk only if there is something left; a line of pure noise is reported as noise.
    if (a === b) return out.some((c) => c === null) ? [null] : [];
    return out.slice(a, b);
  }
}

function fail(raw: string, partial: Partial<MicrCheck>, errors: MicrFieldError[]): MicrRead {
  return { ok: false, errors: errors as [MicrFieldError, ...MicrFieldError[]], partial, raw };
}

const positionsOf = (s: string, ch: string): number[] => [...s].flatMap((c, i) => (c === ch ? [i] : []));

interface Digits { value: string; error?: MicrFieldError }

/** The digits of a field: spaces and dashes dropped, '?' reported as unreadable, stray symbols as format. */
function fieldDigits(field: MicrField, text: string, what: string): Digits {
  if (/[TUA]/.test(text)) return { value: '', error: { field, fault: 'format', detail: `The ${what} holds a misplaced MICR symbol.` } };
  const value = text.replace(/[ D]/g, '');
  if (value.includes('?')) return { value, error: { field, fault: 'unreadable', detail: `The reader could not read ${positionsOf(value, '?').length} digit(s) of the ${what}.`, positions: positionsOf(value, '?') } };
  return { value };
}

function parseCanonical(c: (Canon | null)[], raw: string): MicrRead {
  if (c.length === 0) return fail(raw, {}, [{ field: 'line', fault: 'empty', detail: 'The line is empty.' }]);
  const noise = c.filter((x) => x === null).length;
  if (noise > 0) return fail(raw, {}, [{ field: 'line', fault: 'noise', detail: `The line holds ${noise} character(s) no MICR font has (noise or wrong baud rate).` }]);
  const s = (c as Canon[]).join('');

  const errors: MicrFieldError[] = [];
  const partial: Partial<MicrCheck> = {};
  const warnings: string[] = [];

  // Transit field: the routing number between two transit symbols.
  const transits = positionsOf(s, 'T');
  if (transits.length === 0) {
    return fail(raw, {}, [{ field: 'routing', fault: 'missing', detail: 'No transit symbols: this is not a check MICR line, or it was read upside down.' }]);
  }
  if (transits.length !== 2) {
    return fail(raw, {}, [{ field: 'routing', fault: 'format', detail: `Expected two transit symbols around the routing number, found ${transits.length}.` }]);
  }
  const [t1, t2] = transits as [number, number];
  const left = s.slice(0, t1);
  const transit = s.slice(t1 + 1, t2);
  let right = s.slice(t2 + 1);

  const r = fieldDigits('routing', transit, 'routing number');
  if (r.error) errors.push(r.error);
  else if (transit.includes('D')) errors.push({ field: 'routing', fault: 'format', detail: 'The routing number has a dash: not a US (ABA) routing number.' });
  else if (r.value.length !== 9) errors.push({ field: 'routing', fault: 'format', detail: `A routing number has 9 digits, this one ${r.value.length}.` });
  else if (!isValidRouting(r.value)) errors.push({ field: 'routing', fault: 'checkDigit', detail: 'The routing number fails the ABA check digit (3-7-1).' });
  else partial.routing = r.value;

  // Amount field (encoded by a bank after deposit): at the right end, between amount symbols.
  const amountAt = right.indexOf('A');
  if (amountAt >= 0) {
    const amountText = right.slice(amountAt);
    right = right.slice(0, amountAt);
    const m = /^A([0-9]{10})A$/.exec(amountText.replace(/ /g, ''));
    if (m) partial.amountCents = Number(m[1]);
    else warnings.push('The amount field could not be read; it is not needed for the tender.');
  }

  // Auxiliary on-us field (business checks): [EPC] ⑈ serial ⑈ left of the transit field.
  const leftOnUs = positionsOf(left, 'U');
  let checkFromAux: Digits | undefined;
  let leftover = '';
  if (leftOnUs.length === 2) {
    const [u1, u2] = leftOnUs as [number, number];
    const epc = left.slice(0, u1).trim();
    if (epc) {
      if (/^\d$/.test(epc)) partial.epc = epc;
      else warnings.push('Unexpected characters left of the auxiliary on-us field.');
    }
    if (left.slice(u2 + 1).trim()) warnings.push('Unexpected characters between the auxiliary on-us field and the routing number.');
    const aux = left.slice(u1 + 1, u2);
    checkFromAux = fieldDigits('checkNumber', aux, 'check number (auxiliary on-us field)');
    partial.auxOnUs = checkFromAux.value;
  } else if (leftOnUs.length > 0) {
    errors.push({ field: 'checkNumber', fault: 'format', detail: `The auxiliary on-us field needs two on-us symbols, found ${leftOnUs.length}.` });
  } else {
    const bare = left.trim();
    if (/^\d$/.test(bare)) partial.epc = bare;
    else if (bare) leftover = bare;
  }
  const layout = leftOnUs.length > 0 ? 'business' : 'personal';
  partial.layout = layout;

  // On-us field: account, then (personal layout) the check number.
  const onUs = right;
  const segments = onUs.split('U').map((x) => x.trim());
  const closed = onUs.trimEnd().endsWith('U');
  const filled = segments.filter(Boolean);
  let accountText: string | undefined;
  let checkText: string | undefined;
  if (!onUs.includes('U')) {
    if (filled.length === 0) errors.push({ field: 'account', fault: 'missing', detail: 'Nothing after the routing number: the account is missing.' });
    else errors.push({ field: 'account', fault: 'format', detail: 'The on-us symbol after the account is missing.' });
  } else if (filled.length === 0) {
    errors.push({ field: 'account', fault: 'missing', detail: 'The on-us field is empty: the account is missing.' });
  } else if (filled.length > 2) {
    errors.push({ field: 'account', fault: 'format', detail: `The on-us field has ${filled.length} parts; expected the account and the check number.` });
  } else if (layout === 'business') {
    accountText = filled[0];
    if (filled.length === 2) partial.tranCode = filled[1]!.replace(/[ D]/g, '');
  } else if (filled.length === 2 && !closed) {
    // "account ⑈ serial": the common personal layout.
    [accountText, checkText] = filled as [string, string];
  } else if (filled.length === 2) {
    // "serial ⑈ account ⑈" on some personal checks: the shorter part is the serial.
    const [a, b] = filled as [string, string];
    const len = (x: string) => x.replace(/[ D]/g, '').length;
    if (len(a) <= 6 && len(b) > len(a)) { checkText = a; accountText = b; } else { accountText = a; checkText = b; }
  } else {
    // One part "serial account ⑈" (serial set off by a space) or the account alone.
    const groups = filled[0]!.split(/ +/);
    if (groups.length === 2 && groups[0]!.replace(/D/g, '').length <= 6 && groups[1]!.length > groups[0]!.length) {
      [checkText, accountText] = groups as [string, string];
    } else {
      accountText = filled[0];
    }
  }

  if (accountText !== undefined) {
    const a = fieldDigits('account', accountText, 'account number');
    if (a.error) errors.push(a.error);
    else if (a.value.length < ACCOUNT_MIN || a.value.length > ACCOUNT_MAX) errors.push({ field: 'account', fault: 'format', detail: `An account number has ${ACCOUNT_MIN} to ${ACCOUNT_MAX} digits, this one ${a.value.length}.` });
    else {
      partial.account = a.value;
      partial.accountRaw = accountText.replace(/ /g, '').replace(/D/g, '-');
    }
  }

  // Check number: from the auxiliary on-us field (business) or the on-us field (personal).
  const chk = checkFromAux ?? (checkText !== undefined ? fieldDigits('checkNumber', checkText, 'check number') : undefined);
  if (chk === undefined) {
    if (!errors.some((e) => e.field === 'checkNumber')) {
      if (leftover && /^\d{2,15}$/.test(leftover)) {
        partial.checkNumber = stripZeros(leftover);
        warnings.push('Check number taken from the digits left of the routing number.');
      } else if (!errors.some((e) => e.field === 'account')) {
        errors.push({ field: 'checkNumber', fault: 'missing', detail: 'The line carries no check number.' });
      }
    }
  } else if (chk.error) errors.push(chk.error);
  else if (chk.value.length === 0) errors.push({ field: 'checkNumber', fault: 'missing', detail: 'The check number field is empty.' });
  else if (chk.value.length > MAX_CHECK_NUMBER) errors.push({ field: 'checkNumber', fault: 'format', detail: `A check number has at most ${MAX_CHECK_NUMBER} digits, this one ${chk.value.length}.` });
  else partial.checkNumber = stripZeros(chk.value);
  if (leftover && partial.checkNumber !== undefined && !warnings.some((w) => w.startsWith('Check number taken'))) {
    warnings.push('Unexpected characters left of the routing number.');
  }

  if (errors.length > 0) return fail(raw, partial, errors);
  const { routing, account, checkNumber } = partial;
  if (routing === undefined || account === undefined || checkNumber === undefined) {
    return fail(raw, partial, [{ field: 'line', fault: 'format', detail: 'internal: a field was neither read nor reported' }]);
  }
  return { ok: true, check: { ...partial, layout, routing, account, checkNumber }, raw, warnings };
}

function stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}
