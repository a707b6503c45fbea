// fast-check inputs for any contract operation, made from its zod schema: mostly well-formed (so the
// call gets past validation into the handler), with hostile values mixed in at every level, and
// known identifiers (receipt numbers, sessions) offered where a field names one.
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string; format?: string; checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: number } } }[];
  shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; options?: z.ZodType[]; keyType?: z.ZodType; valueType?: z.ZodType;
  in?: z.ZodType; entries?: Record<string, string | number>; values?: unknown[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Values that have broken servers: wrong types, edges of numbers, control bytes, huge and odd text. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 9007199254740993, 1e308, -1e308, '', ' ', '\u0000', 'Ann\x1bp\x00\x32\x64 Lee', 'x\x1dV\x00y',
    '4111 1111 1111 1111', '\ud800', '李小龍', 'e\u0301', '😀', '%s%n', '../../etc/passwd', '__proto__', 'constructor', 'x'.repeat(5000), [], {}, [null], { __proto__: { admin: true } }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

export interface Known { [field: string]: readonly string[] }

function stringArb(d: Def, field: string, known: Known): fc.Arbitrary<string> {
  const ids = known[field];
  let base: fc.Arbitrary<string>;
  if (d.format === 'uuid') base = fc.uuid();
  else if (d.format === 'date') base = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10));
  else if (d.format === 'datetime') base = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((x) => x.toISOString());
  // A hub that is not there: an enrolment fails at once, never waits on the network.
  else if (d.format === 'url') base = fc.constantFrom('http://127.0.0.1:9/', 'https://127.0.0.1:9/hub', 'ftp://x', 'not a url');
  else {
    const checks = (d.checks ?? []).map((c) => c._zod.def);
    const regex = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
    const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
    const max = Math.min(checks.find((c) => c.check === 'max_length')?.maximum ?? 64, 120);
    base = regex ? fc.stringMatching(regex) : fc.string({ minLength: min, maxLength: Math.max(min, max) });
  }
  return ids?.length ? fc.oneof(fc.constantFrom(...ids), base) : base;
}

function numberArb(d: Def): fc.Arbitrary<number> {
  const checks = (d.checks ?? []).map((c) => c._zod.def);
  const lo = checks.find((c) => c.check === 'greater_than')?.value ?? -5;
  const hi = checks.find((c) => c.check === 'less_than')?.value ?? 1_000_000;
  return fc.oneof(fc.integer({ min: Math.max(lo, -1_000_000), max: Math.min(hi, 1_000_000) }), fc.integer({ min: 0, max: 50 }));
}

/** An input for the schema; `field` is the key it sits under (to offer known identifiers). */
export function inputArb(schema: z.ZodType, known: Known = {}, field = ''): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const wellFormed = ((): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case 'object': {
        const shape = Object.fromEntries(Object.entries(d.shape!).map(([k, v]) => [k, inputArb(v, known, k)]));
        const required = Object.entries(d.shape!).filter(([, v]) => !['optional', 'default'].includes(defOf(v).type)).map(([k]) => k);
        return fc.record(shape, { requiredKeys: required });
      }
      case 'array': return fc.array(inputArb(d.element!, known, field.replace(/s$/, '')), { maxLength: 3 });
      case 'optional': case 'default': case 'nullable': case 'prefault': case 'readonly': return inputArb(d.innerType!, known, field);
      case 'union': return fc.oneof(...d.options!.map((o) => inputArb(o, known, field)));
      case 'record': {
        const k = defOf(d.keyType!);
        return fc.dictionary(k.type === 'string' ? stringArb(k, field, known) : fc.string(), inputArb(d.valueType!, known, field), { maxKeys: 3 });
      }
      case 'pipe': return inputArb(d.in!, known, field);
      case 'string': return stringArb(d, field, known);
      case 'number': return numberArb(d);
      case 'boolean': return fc.boolean();
      case 'enum': return fc.constantFrom(...Object.values(d.entries!));
      case 'literal': return fc.constantFrom(...d.values!);
      default: return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ arbitrary: wellFormed, weight: 12 }, { arbitrary: hostileValue, weight: 1 });
}
