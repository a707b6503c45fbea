// The new refusals of issue 17 as a cashier and a supervisor see them, in English and in Spanish:
// a control character in a reason (the drawer menu), a card number in a money order's reference
// (the till), and a float that no choice of the notes and coins makes exactly (the Deposit screen,
// where the supervisor must accept it). Nothing is written until the refusal is dealt with.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderError } from '../../src/shared/errors';
import { formatCents } from '../../src/shared/money';
import { CARD_NUMBER_MESSAGE, CONTROL_MESSAGE } from '../../src/shared/text';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { DETAILS_ES } from '../../src/renderer/i18n/details.es';
import { en } from '../../src/renderer/i18n/en';
import { es } from '../../src/renderer/i18n/es';
import { money } from '../../src/renderer/format';
import { verifyLedger } from '../../src/main/station/verify';
import { uuid } from '../helpers/station';
import { look, office, shot, signIn, tenKey, type Till, openTill } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill(); }, 120_000);
afterAll(async () => { await till?.close(); });

type Lang = 'en' | 'es';
const CAT = { en, es } as const;
const fill = (template: string, params: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
const detail = (lang: Lang, english: string) => renderError('INVALID_INPUT', { detail: lang === 'es' ? DETAILS_ES[english]! : english }, lang);
const count = (table: string) => till.t.station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)!.n;

/** A drawer closed out with nothing but $20 notes in it: $150.00 cannot be kept back exactly. */
async function closedWithTwenties(): Promise<void> {
  const { t } = till;
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 5000 }], tenders: [{ kind: 'cash', amountCents: 5000 }] });
  await t.ok('closeout.start', {});
  const v = await t.ok('closeout.count', { id: uuid(), cash: { bill_2000: 10 } });
  expect(v.session.state).toBe('closed');
}

async function impossibleFloat(page: Page, lang: Lang): Promise<void> {
  const w = CAT[lang].deposit;
  await page.locator('#dep-session-0').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('#dep-float-warn').waitFor();
  const difference = fill(w.floatShort, { amount: money(1000, lang) });
  await expect.poll(() => page.locator('#dep-float-warn').textContent()).toContain(fill(w.floatImpossible, { target: money(15000, lang), kept: money(14000, lang), difference }));
  await look(page, `${lang}-deposit-no-exact-float`);
  // Not accepted yet: refused beside the acceptance, in words, and no deposit is made.
  await page.keyboard.press('F9');
  await expect.poll(() => page.locator('#dep-float-accept-err').textContent())
    .toContain(renderError('FLOAT_NOT_EXACT', { target: formatCents(15000), kept: formatCents(14000), difference: formatCents(-1000) }, lang));
  expect(await page.locator('#dep-float-accept').getAttribute('aria-describedby')).toContain('dep-float-accept-err');
  await shot(page, `${lang}-deposit-float-not-accepted`);
  const before = count('deposits');
  await page.locator('#dep-float-accept').check();
  await page.keyboard.press('F9');
  await page.locator('#dep-bag').waitFor();
  expect(count('deposits')).toBe(before + 1);
  const d = (await till.t.ok('deposit.list', { state: 'draft' }, 'supervisor'))[0]!;
  expect(d.float).toMatchObject({ targetCents: 15000, keptCents: 14000, differenceCents: -1000, exactPossible: false, acceptedBy: { id: 'supervisor' } });
  await expect.poll(() => page.getByTestId('float-accepted').textContent()).toBe(fill(w.floatAccepted, { kept: money(14000, lang), difference, name: d.float!.acceptedBy!.name }));
  await look(page, `${lang}-deposit-float-accepted`);
}

it('the Deposit screen: a float no choice of pieces makes is said in words, refused until accepted (en, es)', async () => {
  const { page } = till;
  await closedWithTwenties();
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'supervisor');
  await page.getByRole('heading', { name: en.open.title }).waitFor();
  await office(page, '3', en.deposit.title);
  await impossibleFloat(page, 'en');

  await closedWithTwenties();
  await page.keyboard.press('Alt+E');
  await page.getByRole('heading', { name: es.deposit.title }).waitFor();
  await page.getByRole('button', { name: es.deposit.another }).click();
  await impossibleFloat(page, 'es');
  expect(verifyLedger(till.t.station).ok).toBe(true);
}, 180_000);

it('the till: a control character in a reason, a card number in a reference, refused on the field (es, en)', async () => {
  const { page } = till;
  await office(page, '1', es.open.title); // the supervisor has no drawer: the till opens on "open the drawer"
  await page.getByRole('button', { name: es.app.signOut }).first().click();
  await page.locator('#signin-user').waitFor();
  await page.locator('#signin-user').fill('');
  await signIn(page, 'cashier');
  await page.getByRole('heading', { name: es.open.title }).waitFor();
  await page.keyboard.press('F4');
  await page.locator('#lookup').waitFor();
  const movements = count('drawer_movements');
  const receipts = count('receipts');

  for (const lang of ['es', 'en'] as const) {
    if (lang === 'en') { await page.keyboard.press('Alt+E'); await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en'); }
    // No-sale with ESC p inside the reason (pasted, or from a scanner): refused, the drawer stays shut.
    await page.keyboard.press('F10');
    await page.keyboard.press('4');
    await page.locator('#ns-reason').waitFor();
    await page.locator('#ns-reason').fill('Ann\x1bp\x00\x32\x64 Lee');
    await page.locator('#ns-reason').press('Enter');
    await expect.poll(() => page.locator('#ns-reason-err').textContent()).toContain(detail(lang, CONTROL_MESSAGE));
    expect(await page.locator('#ns-reason').getAttribute('aria-invalid')).toBe('true');
    await look(page, `${lang}-no-sale-control-character`);
    await page.keyboard.press('Escape');

    // A card number typed as a money order's reference: the tender comes back, the error beside the reference.
    await page.keyboard.press('F3');
    await page.locator('#fee-code').selectOption('MISC');
    await page.keyboard.press('Enter');
    await tenKey(page, '2500'); await page.keyboard.press('Enter');
    await page.locator('#fee-dialog').waitFor({ state: 'detached' });
    await page.keyboard.press('F7');
    await page.locator('#tender-reference').fill('4111 1111 1111 1111');
    await page.locator('#tender-reference').press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F9');
    await expect.poll(() => page.locator('#tender-reference-err').textContent()).toContain(detail(lang, CARD_NUMBER_MESSAGE));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tender-reference');
    await look(page, `${lang}-reference-card-number`);
    // Corrected, it posts.
    await page.locator('#tender-reference').fill('MO-778');
    await page.locator('#tender-reference').press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F9');
    await page.locator('.change-due').waitFor();
  }
  expect(count('drawer_movements')).toBe(movements);
  expect(count('receipts')).toBe(receipts + 2);
  const refs = till.t.station.st.sqlAll<{ reference: string | null }>("SELECT reference FROM tenders WHERE kind = 'money_order'").map((r) => r.reference);
  expect(refs).toEqual(['MO-778', 'MO-778']);
  expect(till.t.station.st.sqlAll<{ payload: string }>('SELECT payload FROM journal').some((j) => /4111/.test(j.payload))).toBe(false);
}, 180_000);
