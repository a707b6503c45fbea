// Device settings as the IT person sets them up in the till (admin): the receipt printer's address and
// options, a mistake refused beside the device it concerns, then saved, opened and tested — the test
// page decoded by the ESC/POS emulator at that address.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attachPrinting } from '../../src/main/devices/printing';
import { attachDevices } from '../../src/main/devices/devices';
import { EscPosEmulator } from '../../src/hardware/emulators/escpos/emulator';
import { look, office, openTill, signIn, type Till } from './harness';

let till: Till;
let printer: EscPosEmulator;
beforeAll(async () => {
  till = await openTill();
  // As `civictill serve` runs it: printing and the device manager, nothing configured yet.
  attachPrinting(till.t.station, { firstRetryMs: 50, maxRetryMs: 500 });
  attachDevices(till.t.station, { backoff: { initialMs: 50, maxMs: 300, jitter: 0 } });
  printer = new EscPosEmulator({ columns: 32 });
  await printer.listen();
});
afterAll(async () => { await till?.close(); await printer?.close(); });

it('an admin points the receipt printer at its address, with options, and tests it', async () => {
  const { page, t } = till;
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await office(page, '8', 'Settings and users');
  await page.locator('#dev-0-address').waitFor();
  // A new station lists every kind of device, not configured.
  expect(await page.locator('#dev-0-legend').textContent()).toBe('Receipt printer — printer1');
  expect(await page.locator('#dev-0-address').inputValue()).toBe('none');
  await page.getByTestId('dev-ports').waitFor();

  // Options that are not name=value: said beside the field, nothing sent.
  await page.locator('#dev-0-address').fill(printer.address);
  await page.locator('#dev-0-options').fill('columns=32, 48');
  await page.locator('#dev-save').click();
  await page.getByText('“48” is not name=value').waitFor();
  expect((await t.ok('devices.settings', {}, 'admin'))[0]!.address).toBe('none');

  // An address the station cannot use: its words, beside that device.
  await page.locator('#dev-0-options').fill('columns=32');
  await page.locator('#dev-0-address').fill('lpt1');
  await page.locator('#dev-save').click();
  await page.locator('#dev-0-address-err').waitFor();
  expect(await page.locator('#dev-0-address-err').textContent()).toContain('printer1');
  expect((await t.ok('devices.settings', {}, 'admin'))[0]!.address).toBe('none');

  await page.locator('#dev-0-address').fill(printer.address);
  await page.locator('#dev-receipt-code').selectOption('barcode');
  await page.locator('#dev-save').click();
  await page.getByText('Saved.').waitFor();
  const saved = await t.ok('devices.settings', {}, 'admin');
  expect(saved[0]).toMatchObject({ id: 'printer1', kind: 'printer', address: printer.address, options: { columns: 32 }, enabled: true });
  expect((await t.ok('printing.settings', {})).receiptCode).toBe('barcode');
  await expect.poll(async () => (await t.ok('devices.list', {})).find((d) => d.id === 'printer1')?.state, { timeout: 10_000 }).toBe('ready');
  await page.locator('#dev-0-legend').scrollIntoViewIfNeeded();
  await look(page, 'admin-devices-saved');

  // Tested from the Devices screen: the test page arrives at the address, 32 columns wide.
  await page.keyboard.press('Escape');
  await office(page, '6', 'Printer and drawer');
  await page.getByRole('row', { name: /Receipt printer/ }).getByRole('button', { name: 'Test' }).click();
  await printer.waitFor(() => printer.slips().some((s) => s.text.join('\n').includes('CIVICTILL TEST PAGE')), 10_000, 'the test page');
  const slip = printer.slips().find((s) => s.text.join('\n').includes('CIVICTILL TEST PAGE'))!;
  expect(Math.max(...slip.text.map((l) => l.length))).toBeLessThanOrEqual(32);
});
