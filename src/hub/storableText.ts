// What a station already holds may carry characters PostgreSQL text cannot store: NUL, and lone UTF-16
// surrogates (no UTF-8 form). The event is kept exactly (its canonical JSON escapes both); the copy the
// hub applies to its tables has each replaced by U+FFFD, so something visibly stood there.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const storable = (s: string): string => s.replace(UNSTORABLE, '\ufffd');
export const isStorable = (s: string): boolean => !new RegExp(UNSTORABLE.source).test(s);

/** A copy of a JSON value with every string (keys too) storable, and how many strings changed. */
export function storableCopy(value: unknown): { value: unknown; changed: number } {
  let changed = 0;
  const fix = (s: string) => { const t = storable(s); if (t !== s) changed++; return t; };
  const root: { v: unknown } = { v: undefined };
  const stack: { from: unknown; set: (x: unknown) => void }[] = [{ from: value, set: (x) => { root.v = x; } }];
  while (stack.length) {
    const { from, set } = stack.pop()!;
    if (typeof from === 'string') { set(fix(from)); continue; }
    if (from === null || typeof from !== 'object') { set(from); continue; }
    if (Array.isArray(from)) {
      const arr: unknown[] = new Array(from.length);
      set(arr);
      from.forEach((x, i) => stack.push({ from: x, set: (y) => { arr[i] = y; } }));
      continue;
    }
    const obj: Record<string, unknown> = {};
    set(obj);
    for (const [k, x] of Object.entries(from as Record<string, unknown>)) { const key = fix(k); stack.push({ from: x, set: (y) => { obj[key] = y; } }); }
  }
  return { value: root.v, changed };
}
