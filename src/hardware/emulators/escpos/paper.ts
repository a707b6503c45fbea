// The decoded event stream as paper: slips between cuts, and plain text for assertions.
import type { EscPosEvent, Slip } from './events';

export function slips(events: readonly EscPosEvent[]): Slip[] {
  const out: Slip[] = [];
  let cur: Slip = { items: [], text: [], kicks: [], cut: false };
  for (const e of events) {
    switch (e.type) {
      case 'line': cur.items.push(e); cur.text.push(e.text); break;
      case 'feed': case 'barcode': case 'qr': case '2d': case 'image': cur.items.push(e); break;
      case 'drawer': cur.kicks.push(e); break;
      case 'cut':
        cur.cut = true;
        out.push(cur);
        cur = { items: [], text: [], kicks: [], cut: false };
        break;
      default: break;
    }
  }
  if (cur.items.length || cur.kicks.length) out.push(cur);
  return out;
}

/** A slip's text lines with trailing blanks trimmed, as one string (handy in test failure output). */
export function slipText(slip: Slip): string {
  return slip.text.map((l) => l.replace(/\s+$/, '')).join('\n');
}
