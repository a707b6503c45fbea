// The printer screen (Alt+O, 6) with a job the printer never confirmed: the job list says it prints as a
// copy (English, Spanish), and Retry prints "COPY — REPRINT OF AN UNCONFIRMED PRINT" at the emulator.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { en } from '../../src/renderer/i18n/en';
import { es } from '../../src/renderer/i18n/es';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { uuid } from '../helpers/station';
import { look, office, openTill, signIn, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true }); }, 120_000);
afterAll(async () => { await till?.close(); });

const job = () => till.t.station.st.sqlGet<{ state: string; unconfirmed: number }>('SELECT state, unconfirmed FROM print_jobs ORDER BY seq DESC LIMIT 1');

it('a receipt lost mid-job: marked in the job list, and its retry prints as a copy', async () => {
  const { page, t } = till;
  const emu = till.rig!.printer;
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  // The printer takes part of the receipt, stops on its cover, and loses power: sent, never confirmed.
  emu.failAfterLines(5, { coverOpen: true });
  await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 800 }], tenders: [{ kind: 'card', amountCents: 800, brand: 'visa', last4: '4242', authCode: 'A1' }] });
  await emu.waitFor(() => emu.events.some((e) => e.type === 'line'), 10_000, 'the first lines');
  await emu.powerOff();
  await expect.poll(() => job()?.state, { timeout: 20_000 }).toBe('failed');
  expect(job()!.unconfirmed).toBe(1);
  emu.setStatus({ coverOpen: false });
  await emu.plugIn();

  await page.locator('#signin-user').waitFor();
  await signIn(page, 'cashier');
  await page.locator('#lookup').waitFor();
  await office(page, '6', en.devices.title);
  await page.getByText(en.devices.unconfirmedCopy).waitFor();
  await look(page, 'en-print-job-unconfirmed');
  await page.keyboard.press('Alt+E');
  await page.getByText(es.devices.unconfirmedCopy).waitFor();
  await look(page, 'es-print-job-unconfirmed');
  await page.getByRole('button', { name: es.devices.retry }).first().click();
  await expect.poll(() => job()?.state, { timeout: 20_000 }).toBe('printed');
  const copy = emu.slips().filter((s) => s.cut).at(-1)!;
  expect(copy.text.join(' ').replace(/\s+/g, ' ')).toContain('*** COPY - REPRINT OF AN UNCONFIRMED PRINT ***');
});
