// The till shows what issue 15 added, driven in Chromium against browser mode (run in English and in
// Spanish by accountingGaps.*.test.ts): a cash sale rounded to 5¢ with its own line on the change screen;
// a drawer past the cut-off marked split in the daily summary and by business day in its report; a draft
// deposit given a second drawer (replaced by a new draft) and then discarded, each with a reason.
import { expect } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { money } from '../../src/renderer/format';
import { uuid } from '../helpers/station';
import { look, office, signIn, tenKey, type Till } from './harness';

type Lang = 'en' | 'es';
const WORDS = {
  en: { open: 'Open the drawer', till: 'Till', reports: 'Reports', deposit: 'Bank deposit', rounded: 'Cash rounded to 5¢: −$0.02 (cash due $10.00)', split: 'Past the cut-off: receipts on', byDay: 'By business day (past the cut-off)', replaces: 'Replaces a discarded draft.', discarded: 'Discarded by', discardedDone: 'Draft discarded: its drawers are free for another deposit.' },
  es: { open: 'Abrir la caja', till: 'Caja', reports: 'Informes', deposit: 'Depósito bancario', rounded: 'Efectivo redondeado a 5¢: −$0.02 (a pagar en efectivo $10.00)', split: 'Pasó la hora de cierre: recibos del', byDay: 'Por día contable (después de la hora de cierre)', replaces: 'Reemplaza un borrador descartado.', discarded: 'Descartado por', discardedDone: 'Borrador descartado: sus cajas quedan libres para otro depósito.' },
} as const;

const MIN = 60_000;

export async function accountingGaps(till: Till, lang: Lang): Promise<void> {
  const { page, t } = till;
  const w = WORDS[lang];
  const p = `gaps-${lang}-`;
  await t.ok('settings.update', { cashRounding: 'nearest_5' }, 'admin');
  // A drawer opened at 16:30 in Los Angeles, half an hour before the cut-off, that takes a payment on each side of it.
  t.clock.t = new Date('2026-11-21T00:30:00Z');
  const a = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 4000 }], tenders: [{ kind: 'cash', amountCents: 4000 }] });
  t.clock.advance(40 * MIN);
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1500 }], tenders: [{ kind: 'cash', amountCents: 1500 }] });
  await t.ok('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_2000: (STANDARD_FLOAT.bill_2000 ?? 0) + 2, bill_1000: (STANDARD_FLOAT.bill_1000 ?? 0) + 1, bill_500: (STANDARD_FLOAT.bill_500 ?? 0) + 1 } });
  const b = await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
  await t.ok('closeout.count', { id: uuid(), cash: { ...STANDARD_FLOAT, bill_500: (STANDARD_FLOAT.bill_500 ?? 0) + 1 } });
  const draft = await t.ok('deposit.create', { id: uuid(), sessionIds: [a.id] }, 'supervisor');

  // 1. A $10.02 payment in cash: $10.00 due in cash, the 2¢ its own line; a $20 note gives $10.00 change.
  await page.locator('#signin-user').waitFor();
  if (lang === 'es') {
    await page.keyboard.press('Alt+E');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  }
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: w.open }).waitFor();
  await page.keyboard.press('F4'); // the standard float
  await page.locator('#lookup').waitFor();
  await page.keyboard.press('F3');
  await page.locator('#fee-code').waitFor();
  await page.locator('#fee-code').selectOption('MISC');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fee-amount');
  await tenKey(page, '1002');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('total-due').textContent()).toBe(money(1002, lang));
  await page.keyboard.press('F5');
  await tenKey(page, '2000'); await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('complete');
  await page.keyboard.press('Enter');
  await page.locator('.change-due').waitFor();
  await expect.poll(() => page.getByTestId('change').textContent()).toBe(money(1000, lang));
  expect(await page.getByTestId('cash-rounding').textContent()).toBe(w.rounded);
  await look(page, `${p}01-cash-rounding`);
  expect(t.station.st.sqlGet('SELECT total_cents, tendered_cents, change_cents, cash_rounding_cents FROM receipts WHERE seq = 4')).toEqual({ total_cents: 1002, tendered_cents: 2000, change_cents: 1000, cash_rounding_cents: -2 });

  // 2. The split drawer in the daily summary of its first day (a supervisor's screen).
  await page.keyboard.press('F10'); // drawer menu: 9 signs out
  await page.keyboard.press('9');
  await page.locator('#signin-user').waitFor();
  await page.locator('#signin-user').fill('');
  await signIn(page, 'supervisor');
  await page.getByRole('heading', { name: w.open }).waitFor();
  await office(page, '5', w.reports);
  await page.locator('#rep-day').fill(a.businessDay);
  await page.keyboard.press('Enter');
  await page.getByTestId('split-session').waitFor();
  expect(await page.getByTestId('split-session').textContent()).toContain(w.split);
  expect(await page.getByTestId('split-session').textContent()).toContain(money(4000, lang));
  await look(page, `${p}02-split-session`);

  // 3. The draft deposit: the second drawer added (a new draft replaces it), then discarded.
  await page.keyboard.press('Escape');
  await office(page, '3', w.deposit);
  await page.getByRole('button', { name: new RegExp(money(draft.totalCents, lang).replace('$', '\\$')) }).click();
  await page.locator('#dep-edit-title').waitFor();
  const boxes = page.locator('[id^="dep-edit-"][type="checkbox"]');
  await expect.poll(() => boxes.count()).toBe(2);
  await boxes.nth(1).check();
  await page.locator('#dep-edit-reason').fill(lang === 'en' ? 'second drawer goes too' : 'va también la segunda caja');
  await page.locator('#dep-edit-change').click();
  await page.getByTestId('deposit-replaces').waitFor();
  expect(await page.getByTestId('deposit-replaces').textContent()).toBe(w.replaces);
  // Counted $205.00 in drawer A and $155.00 in B, less one $150.00 float kept back for the one station: $210.00.
  expect(draft.totalCents).toBe(5500);
  await expect.poll(() => page.getByTestId('deposit-total').textContent()).toBe(money(21000, lang));
  await look(page, `${p}03-deposit-changed`);
  await page.locator('#dep-edit-reason').fill(lang === 'en' ? 'recount the bag first' : 'recontar la bolsa primero');
  await page.locator('#dep-edit-discard').click();
  await page.getByTestId('deposit-discarded').waitFor();
  expect(await page.getByTestId('deposit-discarded').textContent()).toContain(w.discarded);
  await page.getByText(w.discardedDone).waitFor();
  await look(page, `${p}04-deposit-discarded`);
  expect(t.station.st.sqlAll<{ reason: string }>('SELECT reason FROM deposit_discards ORDER BY discarded_at, deposit_id').map((r) => r.reason).sort())
    .toEqual((lang === 'en' ? ['recount the bag first', 'second drawer goes too'] : ['recontar la bolsa primero', 'va también la segunda caja']).sort());
  expect((await t.ok('closeout.list', { undeposited: true, state: 'closed' }, 'supervisor')).map((s) => s.session.id).sort()).toEqual([a.id, b.id].sort());
}
