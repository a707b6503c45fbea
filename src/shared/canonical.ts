// Canonical JSON: keys sorted at every level, no whitespace. Journal hashes, outbox payloads and the
// hub's copies of events all use it, so the same event compares byte for byte everywhere.
// Built with an explicit stack, not recursion: no input can overflow the call stack.
type Frame = { kind: 'value'; value: unknown } | { kind: 'text'; text: string };

export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const todo: Frame[] = [{ kind: 'value', value }];
  while (todo.length) {
    const f = todo.pop()!;
    if (f.kind === 'text') { out.push(f.text); continue; }
    const v = f.value;
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError('non-finite number in canonical JSON');
      out.push(JSON.stringify(v ?? null));
      continue;
    }
    // Frames are pushed in reverse, so they come off the stack in order.
    const parts: Frame[] = [];
    if (Array.isArray(v)) {
      parts.push({ kind: 'text', text: '[' });
      v.forEach((x, i) => { if (i) parts.push({ kind: 'text', text: ',' }); parts.push({ kind: 'value', value: x }); });
      parts.push({ kind: 'text', text: ']' });
    } else {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      parts.push({ kind: 'text', text: '{' });
      entries.forEach(([k, x], i) => { parts.push({ kind: 'text', text: `${i ? ',' : ''}${JSON.stringify(k)}:` }); parts.push({ kind: 'value', value: x }); });
      parts.push({ kind: 'text', text: '}' });
    }
    for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
  }
  return out.join('');
}
