// The catalogue file (revenue codes with their fee schedules), the format of `civictill hub import-catalog`:
// read with the same rules by the hub and by a station set up on its own. All or nothing; a refusal
// names the line and the reason.
//   [{"code","nameEn","nameEs","gl":"fund-dept-object","category","requiresAccount","schedules":[{"from":"YYYY-MM-DD","rule":{…}}]}]
import { z } from 'zod';
import { feeScheduleSchema, revenueCodeSchema } from './hubProtocol';
import { freeText } from './text';

/** Names from an import file are free text: printed on receipts, so no control characters and no card number. */
export const catalogSchema = z.array(revenueCodeSchema.extend({
  nameEn: freeText({ min: 1, max: 120 }), nameEs: freeText({ min: 1, max: 120 }),
  schedules: z.array(feeScheduleSchema.omit({ revenueCode: true })).default([]),
})).min(1).max(1000);
export type CatalogFile = z.infer<typeof catalogSchema>;

export class CatalogFileError extends Error {
  constructor(readonly line: number, readonly reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = 'CatalogFileError';
  }
}

const lineAt = (text: string, offset: number): number => {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

/** Where each element of the top-level array starts (offsets), found by walking the JSON text. */
function elementStarts(text: string): number[] {
  const out: number[] = [];
  let depth = 0, inString = false, expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; continue; }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectValue && c !== ']') { out.push(i); expectValue = false; }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') { depth++; if (depth === 1) expectValue = true; }
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return out;
}

/** The line of the field an issue names: within its entry, where `"key"` first appears, else the entry's first line. */
function lineOfPath(text: string, path: PropertyKey[]): number {
  const idx = typeof path[0] === 'number' ? path[0] : -1;
  const starts = elementStarts(text);
  if (idx < 0 || idx >= starts.length) return 1;
  const from = starts[idx]!, to = starts[idx + 1] ?? text.length;
  let at = from;
  for (const key of path.slice(1)) {
    if (typeof key !== 'string') continue;
    const found = text.indexOf(JSON.stringify(key), at);
    if (found >= 0 && found < to) at = found;
  }
  return lineAt(text, at);
}

/**
 * Where JSON text stops being JSON (an offset), and why: a small recursive-descent check, because the
 * JavaScript engine's message does not always say where (V8 names no position for a trailing comma).
 */
export function jsonErrorAt(text: string): { offset: number; why: string } | null {
  let i = 0;
  const fail = (why: string): never => { throw { offset: i, why }; };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const lit = (w: string) => { if (text.startsWith(w, i)) i += w.length; else fail('a value was expected here'); };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('a line break inside a quoted text');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('a quoted text is not closed');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before the closing brace' : 'a quoted field name was expected here');
        str(); ws();
        if (text[i] !== ':') fail('a colon was expected after the field name');
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail('a comma or a closing brace was expected here');
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        ws();
        if (text[i] === ']') fail('a comma before the closing bracket');
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail('a comma or a closing bracket was expected here');
      }
    }
    if (c === '"') return str();
    if (c === 't') return lit('true');
    if (c === 'f') return lit('false');
    if (c === 'n') return lit('null');
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 40));
    if (!m) fail(i >= text.length ? 'the file ends too soon' : 'a value was expected here');
    i += m![0].length;
  };
  try {
    value(); ws();
    if (i < text.length) fail('something follows the end of the list');
    return null;
  } catch (e) {
    return e as { offset: number; why: string };
  }
}

export function parseCatalogText(text: string): CatalogFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    const at = jsonErrorAt(text.replace(/^\uFEFF/, '')) ?? { offset: 0, why: 'not JSON' };
    throw new CatalogFileError(lineAt(text, at.offset), `not readable as JSON: ${at.why}`);
  }
  const r = catalogSchema.safeParse(raw);
  if (r.success) {
    const codes = new Set<string>();
    for (const [i, c] of r.data.entries()) {
      if (codes.has(c.code)) throw new CatalogFileError(lineOfPath(text, [i, 'code']), `revenue code ${c.code} is listed twice`);
      codes.add(c.code);
    }
    return r.data;
  }
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? ` (entry ${typeof issue.path[0] === 'number' ? issue.path[0] + 1 : '?'}${issue.path.length > 1 ? ', ' + issue.path.slice(1).join('.') : ''})` : '';
  const reason = !Array.isArray(raw) ? 'the catalogue is a JSON list of revenue codes: [{"code": …}, …]' : raw.length === 0 ? 'the catalogue has no revenue codes' : `${issue.message}${where}`;
  throw new CatalogFileError(lineOfPath(text, issue.path), reason);
}
