// The customer display's screens as two lines of 20 characters, in English or Spanish.
import type { DisplayScreen } from '../../shared/devices';
import { formatCents } from '../../shared/money';
import { COLS } from './commands';

export type DisplayLanguage = 'en' | 'es';

const WORDS = {
  en: { welcome: 'Welcome', total: 'Total', due: 'Amount due', paid: 'Paid', change: 'Change', thanks: 'Thank you!', next: 'Have a good day' },
  es: { welcome: 'Bienvenido', total: 'Total', due: 'Total a pagar', paid: 'Pagado', change: 'Cambio', thanks: '¡Gracias!', next: 'Que tenga buen día' },
} as const;

const len = (s: string): number => [...s].length;
const cut = (s: string, n: number): string => [...s].slice(0, Math.max(0, n)).join('');

/** Text on the left, amount on the right; the text gives way when both do not fit. */
export function leftRight(left: string, right: string): string {
  const room = COLS - len(right) - 1;
  const l = cut(left, room);
  return l + ' '.repeat(Math.max(1, COLS - len(l) - len(right))) + right;
}

export function center(text: string): string {
  const t = cut(text.trim(), COLS);
  const pad = Math.floor((COLS - len(t)) / 2);
  return ' '.repeat(pad) + t;
}

export function screenLines(s: DisplayScreen, lang: DisplayLanguage = 'en', defaults: { welcome?: string } = {}): [string, string] {
  const w = WORDS[lang];
  switch (s.screen) {
    case 'welcome': return [center(w.welcome), center(s.message ?? defaults.welcome ?? '')];
    case 'item': return [leftRight(s.description, formatCents(s.amountCents)), leftRight(w.total, formatCents(s.totalCents))];
    case 'total': return [w.due, leftRight('', formatCents(s.totalCents))];
    case 'change': return [leftRight(w.paid, formatCents(s.tenderedCents)), leftRight(w.change, formatCents(s.changeCents))];
    case 'thanks': return [center(w.thanks), center(s.message ?? w.next)];
    case 'text': return [s.line1, s.line2 ?? ''];
    case 'clear': return ['', ''];
  }
}
