// The till's notices of a condition go when the condition clears, in Chromium against the ESC/POS
// emulator: a receipt waiting on paper, then printed; the printer gone, then back; the drawer left
// open, then shut. A notice of a thing that no longer holds would send the cashier after nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { en } from '../../src/renderer/i18n/en';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { savePrintSettings } from '../../src/main/devices/printSettings';
import { uuid } from '../helpers/station';
import { openTill, shot, signIn, type Till } from './harness';

let till: Till;
beforeAll(async () => { till = await openTill({ devices: true }); }, 120_000);
afterAll(async () => { await till?.close(); });

const fill = (template: string, params: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');
const notices = () => till.page.locator('.notices');

it('a receipt waiting on paper, the printer gone, the drawer left open: each notice goes when it clears', async () => {
  const { page, t } = till;
  const emu = till.rig!.printer;
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'cashier');
  await page.locator('#lookup').waitFor();

  // Out of paper: the receipt waits, and the till says so…
  emu.setStatus({ paperEnd: true });
  const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1200 }], tenders: [{ kind: 'check', amountCents: 1200, routing: '121000358', account: '55501234', checkNumber: '4101' }] });
  const waiting = fill(en.events.printWaiting, { label: `Receipt ${r.receiptNumber}`, why: en.devices.waitReasons.paperOut });
  await notices().getByText(waiting).waitFor();
  await shot(page, 'en-notice-paper-out');
  // …paper in: it prints, and the notice goes.
  emu.setStatus({ paperEnd: false });
  await expect.poll(() => t.station.st.sqlGet<{ state: string }>("SELECT state FROM print_jobs WHERE form = 'receipt' ORDER BY seq DESC LIMIT 1")?.state, { timeout: 20_000 }).toBe('printed');
  await notices().getByText(waiting).waitFor({ state: 'detached' });

  // The drawer (opened for the check, then shut) open again past the warning time: a notice; shut: gone.
  emu.shutDrawer();
  await expect.poll(async () => (await t.ok('drawer.state', {})).open, { timeout: 10_000 }).toBe(false);
  savePrintSettings(t.station, { drawerOpenWarnSeconds: 1 });
  emu.setStatus({ drawerOpen: true });
  await notices().getByText(en.events.drawerLeftOpen).waitFor({ timeout: 20_000 });
  emu.shutDrawer();
  await notices().getByText(en.events.drawerLeftOpen).waitFor({ state: 'detached', timeout: 20_000 });
  // The printer loses power: a notice of it; power back, the printer ready: gone.
  await emu.powerOff();
  const gone = notices().getByText(en.devices.kinds.printer + ':', { exact: false });
  await gone.waitFor({ timeout: 20_000 });
  await emu.plugIn();
  await gone.waitFor({ state: 'detached', timeout: 20_000 });

  expect(await notices().textContent()).toBe('');
});
