// Fixed-width text layout: every line a form makes fits its paper exactly.
import type { Align, DocLine } from './doc';
import { printable } from './printable';

/** Breaks text into lines of at most `width` characters (printed columns), at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of printable(para).split(/\s+/).filter(Boolean)) {
      let w = word;
      while (w.length > width) { // a word longer than the line: cut it
        if (line) { out.push(line); line = ''; }
        out.push(w.slice(0, width));
        w = w.slice(width);
      }
      if (!line) line = w;
      else if (line.length + 1 + w.length <= width) line += ' ' + w;
      else { out.push(line); line = w; }
    }
    out.push(line);
  }
  return out;
}

/**
 * `left ……… right` on one line. When both do not fit, the left side wraps with a hanging indent
 * and the right side goes on its last line. Leading spaces of `left` are kept as an indent.
 */
export function pair(rawLeft: string, rawRight: string, width: number): string[] {
  const left = printable(rawLeft), right = printable(rawRight);
  const indent = /^ */.exec(left)![0];
  const room = width - right.length - 1;
  if (room < indent.length + 4) return [...wrap(left, width), right.padStart(width)];
  const first = wrap(left.trimStart(), room - indent.length);
  const out = [indent + first[0]!];
  if (first.length > 1) {
    const hang = indent + '  ';
    out.push(...wrap(first.slice(1).join(' '), room - hang.length).map((l) => hang + l));
  }
  const last = out.pop()!;
  return [...out, last.padEnd(room) + ' ' + right];
}

export const rule = (width: number, ch = '-'): string => ch.repeat(width);

/** Text lines helper: many lines with one style. */
export function text(lines: string[], style: { align?: Align; bold?: boolean; big?: boolean } = {}): DocLine[] {
  return lines.map((t) => ({ kind: 'text' as const, text: t, ...style }));
}

/** Centered, wrapped, optionally bold or big. */
export function centered(s: string, width: number, style: { bold?: boolean; big?: boolean } = {}): DocLine[] {
  return text(wrap(s, style.big ? Math.floor(width / 2) : width), { align: 'center', ...style });
}

/** Last `n` characters, the rest masked: bank account numbers on paper. */
export function lastDigits(s: string, n = 4): string {
  return s.length <= n ? s : '****' + s.slice(-n);
}

/** Local date and time, unambiguous in both languages: 2026-11-20 09:30. */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
