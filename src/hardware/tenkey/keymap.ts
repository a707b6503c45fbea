// Which bytes a serial keypad sends for which key. Key names are KeyboardEvent.key values ('7', 'Enter',
// 'Backspace', 'Escape', 'F1') so the till treats them like a USB ten-key; keypads with extra keys map
// them to names of their own ('00', 'Subtotal', 'Tender').

export type Keymap = ReadonlyMap<string, string>; // hex byte sequence → key

const ASCII: [string, string][] = [
  ...'0123456789.+-*/='.split('').map((c): [string, string] => [hex([c.charCodeAt(0)]), c]),
  ['0d', 'Enter'], ['0a', 'Enter'], ['08', 'Backspace'], ['7f', 'Backspace'], ['1b', 'Escape'], ['09', 'Tab'],
  ['1b4f50', 'F1'], ['1b4f51', 'F2'], ['1b4f52', 'F3'], ['1b4f53', 'F4'],
];

export const KEYMAPS: Record<string, Keymap> = {
  /** Keypads that type ASCII: digits, . + - * / =, CR/LF Enter, BS/DEL Backspace, ESC, and ESC O P..S for F1–F4. */
  ascii: new Map(ASCII),
};

export class KeymapError extends Error {}

export function hex(bytes: Iterable<number>): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A named keymap, or "ascii" extended/overridden by "hex=Key;hex=Key" pairs, e.g. "ascii;1b5b41=Tender;3030=00". */
export function resolveKeymap(spec: string | undefined): Keymap {
  const parts = (spec ?? 'ascii').split(';').map((p) => p.trim()).filter(Boolean);
  const map = new Map<string, string>();
  for (const p of parts) {
    const named = KEYMAPS[p];
    if (named) { for (const [k, v] of named) map.set(k, v); continue; }
    const m = /^([0-9a-fA-F]{2}(?:[0-9a-fA-F]{2}){0,7})=(.{1,24})$/.exec(p);
    if (!m) throw new KeymapError(`Keymap entry "${p}" should look like 1b4f50=F1 (hex bytes = key name) or name a keymap (${Object.keys(KEYMAPS).join(', ')}).`);
    map.set(m[1]!.toLowerCase(), m[2]!);
  }
  if (map.size === 0) throw new KeymapError('The keymap is empty.');
  return map;
}

export interface KeyHit { key: string; raw: string }

/**
 * Turns a byte stream into keys: the longest sequence in the map wins; a sequence cut short is resolved
 * when the next byte cannot continue it, or by flush() after a pause. CR LF counts as one Enter.
 */
export class KeyDecoder {
  private pending: number[] = [];
  private lastWasCr = false;
  private readonly prefixes = new Set<string>();
  unknown = 0;

  constructor(private readonly map: Keymap) {
    for (const k of map.keys()) for (let i = 2; i < k.length; i += 2) this.prefixes.add(k.slice(0, i));
  }

  push(bytes: Iterable<number>): KeyHit[] {
    const out: KeyHit[] = [];
    for (const b of bytes) {
      if (b === 0x0a && this.lastWasCr && this.pending.length === 0) { this.lastWasCr = false; continue; }
      this.pending.push(b);
      this.resolve(out, false);
    }
    return out;
  }

  get waiting(): boolean { return this.pending.length > 0; }

  /** After a pause: whatever is pending is as long as it will get. */
  flush(): KeyHit[] {
    const out: KeyHit[] = [];
    this.resolve(out, true);
    return out;
  }

  private resolve(out: KeyHit[], final: boolean): void {
    while (this.pending.length > 0) {
      const h = hex(this.pending);
      if (!final && this.prefixes.has(h)) return; // could still grow into a longer key
      // Longest known key at the front of the pending bytes.
      let n = this.pending.length;
      while (n > 0 && !this.map.has(hex(this.pending.slice(0, n)))) n--;
      if (n === 0) { this.unknown++; this.pending.shift(); this.lastWasCr = false; continue; }
      const raw = hex(this.pending.slice(0, n));
      out.push({ key: this.map.get(raw)!, raw });
      this.lastWasCr = raw === '0d';
      this.pending.splice(0, n);
    }
  }
}
