// Money and numbers for the cashier's locale with Intl, from integer cents: the dollars are formatted
// as a whole number and the two cent digits are put in place, so no float ever touches an amount.
import type { Language } from '../shared/errors';

export const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US' };

const cache = new Map<string, Intl.NumberFormat>();
function currency(lang: Language): Intl.NumberFormat {
  let f = cache.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    cache.set(lang, f);
  }
  return f;
}

export function money(cents: number, lang: Language): string {
  const neg = cents < 0;
  const abs = Math.abs(cents);
  const dollars = (abs - (abs % 100)) / 100;
  const rest = String(abs % 100).padStart(2, '0');
  const parts = currency(lang).formatToParts(dollars);
  let out = '';
  for (const p of parts) {
    if (p.type === 'fraction') out += rest;
    else if (p.type === 'minusSign') continue;
    else out += p.value;
  }
  return neg ? `−${out}` : out;
}

// Formatters are made once per language and kept: making one costs milliseconds (the first one in a
// page tens of milliseconds), and these are called on every render.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) { f = make(); formatters.set(key, f); }
  return f;
}

export function count(n: number, lang: Language): string {
  return cached(`count:${lang}`, () => new Intl.NumberFormat(LOCALES[lang])).format(n);
}

export function dateTime(iso: string, lang: Language): string {
  return cached(`dateTime:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
}

export function time(iso: string, lang: Language): string {
  return cached(`time:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeStyle: 'short' })).format(new Date(iso));
}

// The business day in words, as Intl's full date style words it for en-US and es-US, from tables:
// the first Intl date or number format in a page loads the locale's data (40–70 ms measured in
// Chromium), and the business day is on the sign-in screen, which should be up before that is paid.
const WEEKDAYS: Record<Language, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  es: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
};
const MONTHS: Record<Language, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};

export function day(isoDate: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A business day is a calendar date, not an instant: its weekday from the UTC calendar, no zone shifts it.
  const weekday = WEEKDAYS[lang][new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]!;
  const month = MONTHS[lang][mo - 1]!;
  return lang === 'es' ? `${weekday}, ${d} de ${month} de ${y}` : `${weekday}, ${month} ${d}, ${y}`;
}
