import { describe, expect, it } from 'vitest';
import { day } from '../../src/renderer/format';

describe('the business day in words', () => {
  it('reads as Intl’s full date style for en-US and es-US, every day of four years', () => {
    const intl = { en: new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }), es: new Intl.DateTimeFormat('es-US', { dateStyle: 'full', timeZone: 'UTC' }) };
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2030, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      for (const lang of ['en', 'es'] as const) expect(day(iso, lang), `${iso} ${lang}`).toBe(intl[lang].format(new Date(`${iso}T12:00:00Z`)));
    }
  });

  it('shows anything that is not a date as it is', () => {
    expect(day('tomorrow', 'en')).toBe('tomorrow');
  });
});
