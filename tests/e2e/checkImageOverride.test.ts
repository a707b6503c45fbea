// Check images beyond the scan, in Chromium, in English and Spanish: a check whose image the quality
// checks refuse (the emulated scanner's too-dark front) cannot be added as it is; Rescan clears it; the
// second poor scan is taken by a supervisor's override (a wrong PIN comes back on its field), and the
// deposit then lists that check on paper and the good one as an image. An admin edits the bank profile
// (a routing number failing the ABA check digit refused on its field, a good one saved), and once the
// paper has been kept its days the Deposit screen lists the imaged check for shredding, not the paper one,
// until the supervisor records its bag as shredded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ImageScannerEmulator } from '../../src/hardware/checkScanner/emulator';
import { closeOutBalanced } from '../helpers/dayAtCounter';
import { ROUTING, uuid } from '../helpers/station';
import { completeWithEnter, payAccount } from './counterDay';
import { tillWithImageScanner } from './imageScannerTill';
import { look, office, signIn, PINS, type Till } from './harness';
import { unseen } from './unseen';

const WORDS = {
  en: {
    front: 'Front of the check', unusable: 'This check image is not usable', choose: 'Choose first', rescan: 'Rescan',
    override: 'Supervisor override — this check goes to the bank on paper', take: 'Take it for a paper deposit', taken: 'this check goes to the bank on paper',
    wrongPin: 'User ID or PIN is not right', signOut: 'Sign out', open: 'Open the drawer', deposit: 'Bank deposit', settings: 'Settings and users',
    image: 'image', paper: 'on paper, in the bag', badRouting: 'fails the ABA check digit', saved: 'Bank profile saved.', save: 'Save the bank profile',
    shred: 'Paper checks due for shredding', record: /bag B-7731 is shredded \(1 check\)/, adminOnly: 'Only an admin can change the bank profile.',
  },
  es: {
    front: 'Anverso del cheque', unusable: 'Esta imagen del cheque no sirve', choose: 'Elija primero', rescan: 'Volver a escanear',
    override: 'Autorización del supervisor — este cheque va al banco en papel', take: 'Aceptarlo para depósito en papel', taken: 'este cheque va al banco en papel',
    wrongPin: 'El usuario o el PIN no es correcto', signOut: 'Cerrar sesión', open: 'Abrir la caja', deposit: 'Depósito bancario', settings: 'Configuración y usuarios',
    image: 'imagen', paper: 'en papel, en la bolsa', badRouting: 'dígito de control ABA', saved: 'Perfil del banco guardado.', save: 'Guardar el perfil del banco',
    shred: 'Cheques en papel que se pueden destruir', record: /bolsa B-7731 está destruido \(1 cheque\)/, adminOnly: 'Solo un administrador puede cambiar el perfil del banco.',
  },
} as const;

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);

describe.each(['en', 'es'] as const)('check image override, bank profile, shredding (%s)', (lang) => {
  let till: Till;
  let emu: ImageScannerEmulator;
  const w = WORDS[lang];
  beforeAll(async () => { ({ till, emu } = await tillWithImageScanner()); });
  afterAll(async () => { await till?.close(); await emu?.close(); });

  /** Signs out from wherever the page is (the till's drawer menu, the open-drawer screen, a screen beyond), then in as `who`. */
  async function signInAs(who: keyof typeof PINS): Promise<void> {
    const { page } = till;
    const out = page.getByRole('button', { name: w.signOut });
    const lookup = page.locator('#lookup');
    // A screen beyond the till: Esc goes back to it (or to the open-drawer screen, for a supervisor without a drawer).
    if (!(await out.count()) && !(await lookup.isVisible())) { await page.keyboard.press('Escape'); await lookup.or(out).first().waitFor(); }
    if (await out.count()) await out.first().click();
    else { await page.keyboard.press('F10'); await page.keyboard.press('9'); }
    await page.locator('#signin-user').waitFor();
    await page.locator('#signin-user').fill('');
    await signIn(page, who);
  }

  it('a poor image is refused, rescanned, then taken by a supervisor for paper; the deposit lists it on paper', async () => {
    const { page, t } = till;
    await page.locator('#signin-user').waitFor();
    if (lang === 'es') await page.keyboard.press('Alt+E');
    await signIn(page, 'cashier');
    await page.locator('#lookup').waitFor();
    const [good, poor] = await t.ok('accounts.search', { query: '100', limit: 2 });

    // A good check first: it goes as an image.
    await payAccount(page, good!.accountNumber, '4250');
    await emu.feed({ routing: ROUTING, account: '44556677', checkNumber: '5120', amountCents: 4250 });
    await page.getByRole('img', { name: w.front }).waitFor();
    await expect.poll(() => focused(page)).toBe('tender-amount');
    await page.keyboard.press('Enter');
    await completeWithEnter(page);

    // The poor one: the till says so, and Enter on the amount does not add it without a choice.
    await payAccount(page, poor!.accountNumber, '1875');
    await emu.feed({ routing: ROUTING, account: '99887766', checkNumber: '311', amountCents: 1875, poor: 'dark' });
    await page.getByRole('alert').filter({ hasText: w.unusable }).waitFor();
    await expect.poll(() => page.locator('#tender-routing').inputValue()).toBe(ROUTING);
    await expect.poll(() => focused(page)).toBe('tender-amount');
    await page.keyboard.press('Enter');
    await page.getByTestId('image-choose').filter({ hasText: w.choose }).waitFor();
    await expect.poll(() => focused(page)).toBe('image-rescan');
    expect(await page.locator('.tender-list').count()).toBe(0);
    // The panel shows its heading, the picture and both choices at once (it scrolled its heading away), and the line paid stays in sight.
    expect(await unseen(page, '.scanned-check h2, .scanned-check button, .scanned-check img, .receipt-lines td', ['.scanned-check', '.lines-scroll'])).toEqual([]);
    await look(page, `check-override-${lang}-01-poor`);

    // Rescan: the scan leaves the form; the check fed again is as poor, and the supervisor takes it.
    await page.getByRole('button', { name: w.rescan }).click();
    await expect.poll(() => page.locator('#tender-routing').inputValue()).toBe('');
    await emu.feed({ routing: ROUTING, account: '99887766', checkNumber: '311', amountCents: 1875, poor: 'dark' });
    await page.getByRole('alert').filter({ hasText: w.unusable }).waitFor();
    await page.getByRole('button', { name: w.override }).click();
    await expect.poll(() => focused(page)).toBe('io-sup-user');
    await page.keyboard.type('supervisor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await page.getByTestId('image-override-taken').filter({ hasText: w.taken }).waitFor();
    await expect.poll(() => focused(page)).toBe('tender-amount');
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-paper-only').waitFor();
    // The wrong PIN is the station's to refuse, when it posts: the tender comes back, the error on the PIN.
    await page.keyboard.press('F9');
    await page.locator('#io-sup-pin-err').filter({ hasText: w.wrongPin }).waitFor();
    await expect.poll(() => focused(page)).toBe('io-sup-pin');
    expect(t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts')!.n).toBe(1);
    await look(page, `check-override-${lang}-02-wrong-pin`);
    await page.keyboard.type(PINS.supervisor);
    await page.keyboard.press('Enter');
    await page.getByTestId('image-override-taken').waitFor();
    await look(page, `check-override-${lang}-03-taken`);
    await expect.poll(() => focused(page)).toBe('tender-amount');
    await page.keyboard.press('Enter');
    await completeWithEnter(page);
    const rows = t.station.st.sqlAll<{ check_number: string; paper_only: number; override_by: string | null }>(
      'SELECT t.check_number, ti.paper_only, ti.override_by FROM tender_images ti JOIN tenders t ON t.receipt_id = ti.receipt_id AND t.tender_no = ti.tender_no ORDER BY t.check_number');
    expect(rows).toEqual([{ check_number: '311', paper_only: 1, override_by: 'supervisor' }, { check_number: '5120', paper_only: 0, override_by: null }]);

    // The drawer closed and a deposit made; the supervisor sees the slip: one image, one on paper.
    await closeOutBalanced(t);
    const sessionId = t.station.st.sqlGet<{ id: string }>('SELECT id FROM drawer_sessions')!.id;
    const dep = await t.ok('deposit.create', { id: uuid(), sessionIds: [sessionId] }, 'supervisor');
    await t.ok('deposit.prepare', { depositId: dep.id!, bagNumber: 'B-7731' }, 'supervisor');
    await signInAs('supervisor');
    await page.getByRole('heading', { name: w.open }).waitFor();
    await office(page, '3', w.deposit);
    await page.getByRole('button', { name: /B-7731/ }).click();
    const slip = page.locator('.slip');
    await slip.getByRole('row', { name: /#5120/ }).getByTestId('sent-as-image').filter({ hasText: w.image }).waitFor();
    await slip.getByRole('row', { name: /#311/ }).getByTestId('sent-as-paper').filter({ hasText: w.paper }).waitFor();
    expect(await slip.getByRole('row', { name: /#311/ }).getByTestId('sent-as-image').count()).toBe(0);
    await look(page, `check-override-${lang}-04-deposit`);
  }, 120_000);

  it('the bank profile: a supervisor sees it, an admin saves it, a bad routing number refused on its field', async () => {
    const { page, t } = till;
    // The supervisor (still signed in): the profile read-only.
    await office(page, '8', w.settings);
    const form = page.getByTestId('bank-profile');
    await form.getByText(w.adminOnly).waitFor();
    expect(await page.locator('#bp-destinationRouting').isDisabled()).toBe(true);

    await signInAs('admin');
    await page.getByRole('heading', { name: w.open }).waitFor();
    await office(page, '8', w.settings);
    const routing = page.locator('#bp-destinationRouting');
    await routing.fill('021000022');
    await page.locator('#bp-destinationName').fill('Riverton Savings');
    await page.locator('#bp-paperRetentionDays').fill('30');
    await page.getByRole('button', { name: w.save }).click();
    await page.locator('#bp-destinationRouting-err').filter({ hasText: w.badRouting }).waitFor();
    await expect.poll(() => focused(page)).toBe('bp-destinationRouting');
    await form.scrollIntoViewIfNeeded();
    await look(page, `check-override-${lang}-05-bank-refused`);
    // Nothing was saved from the refused form.
    expect((await t.ok('checkImages.bankProfile', {}, 'supervisor')).destinationRouting).toBe('021000021');

    await routing.fill('011000015');
    await page.getByRole('button', { name: w.save }).click();
    await page.getByText(w.saved).first().waitFor();
    expect(await page.locator('#bp-destinationRouting-err').count()).toBe(0);
    expect(await t.ok('checkImages.bankProfile', {}, 'supervisor')).toMatchObject({ destinationRouting: '011000015', destinationName: 'RIVERTON SAVINGS', paperRetentionDays: 30 });
    await look(page, `check-override-${lang}-06-bank-saved`);
  }, 120_000);

  it('once the paper has been kept its days, the imaged check is listed for shredding, the paper one is not', async () => {
    const { page, t } = till;
    const depositId = t.station.st.sqlGet<{ id: string }>('SELECT id FROM deposits')!.id;
    const icl = await t.ok('checkImages.icl', { depositId }, 'supervisor');
    expect(icl.items).toBe(1);
    t.clock.advance(31 * 86_400_000);
    await signInAs('supervisor');
    await page.getByRole('heading', { name: w.open }).waitFor();
    await office(page, '3', w.deposit);
    const list = page.getByTestId('shred-list');
    await list.getByRole('heading', { name: w.shred }).waitFor();
    await list.getByRole('row', { name: /#5120/ }).waitFor();
    expect(await list.getByRole('row', { name: /#311/ }).count()).toBe(0);
    await expect.poll(() => list.getByRole('row', { name: /#5120/ }).innerText()).toContain('B-7731');
    await list.scrollIntoViewIfNeeded();
    await look(page, `check-override-${lang}-07-shred`);

    // Shredded: recorded for the bag, in the journal (who, which checks), and the list is empty.
    await list.getByRole('button', { name: w.record }).click();
    await list.getByTestId('shred-none').waitFor();
    const j = t.station.st.sqlGet<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'check.paperShredded' AND ref = ?", depositId)!;
    expect(JSON.parse(j.payload)).toMatchObject({ depositId, by: 'supervisor', checks: [{ checkNumber: '5120', amountCents: 4250 }] });
    expect(await t.ok('checkImages.paperToShred', {}, 'supervisor')).toEqual([]);
    const again = await t.call('checkImages.recordShredded', { depositId }, 'supervisor');
    expect(!again.ok && again.error.code).toBe('SHRED_NOTHING_DUE');
    await look(page, `check-override-${lang}-08-shredded`);
  }, 120_000);
});
