// Calendar dates (YYYY-MM-DD) as the counter and the customer read them: no time of day, no zone.
// Arithmetic on whole days through the UTC calendar, so no daylight-saving change moves a date.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(s: string): [number, number, number] {
  const m = DATE.exec(s);
  if (!m) throw new RangeError(`not a calendar date: ${s}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const iso = (y: number, mo: number, d: number): string => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  const [y, mo, d] = parts(date);
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = parts(a), [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/**
 * `months` calendar months after `date`, on the day of month `anchorDay`, clamped to the length of that
 * month: anchored on the 31st, Jan 31 → Feb 28 (29 in a leap year) → Mar 31 → Apr 30. The anchor is the
 * first date's day, not the previous result's, so a short month never drags the later dates back.
 */
export function addMonthsAnchored(date: string, months: number, anchorDay: number): string {
  const [y, mo] = parts(date);
  const index = y * 12 + (mo - 1) + months;
  const ny = Math.floor(index / 12), nm = (index % 12) + 1;
  return iso(ny, nm, Math.min(anchorDay, daysInMonth(ny, nm)));
}

export function dayOfMonth(date: string): number {
  return parts(date)[2];
}

/** Months later, clamped the same way (e.g. "12 months after a break"). */
export function addMonths(date: string, months: number): string {
  return addMonthsAnchored(date, months, dayOfMonth(date));
}

/** The local calendar date of an instant in an IANA zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function localDate(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) { f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }); formatters.set(timeZone, f); }
  const p = f.formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
