// A serial ten-key on a socat pty pair: the bytes the keypad sends reach the till as keys (through
// the device manager and the event stream), key in an amount like a cash register and complete a
// cash payment that the ledger then holds.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { attachDevices } from '../../src/main/devices/devices';
import { verifyLedger } from '../../src/main/station/verify';
import { SerialLink } from '../../src/hardware/serial/link';
import { parseSerialAddress } from '../../src/hardware/serial/settings';
import { money } from '../../src/renderer/format';
import { ptyPair, type PtyPair } from '../helpers/pty';
import { openTill, shot, signIn, type Till } from './harness';

let till: Till;
let pty: PtyPair;
let keypad: SerialLink; // the keypad's end of the wire
beforeAll(async () => {
  till = await openTill();
  const { t } = till;
  attachDevices(t.station, { backoff: { initialMs: 50, maxMs: 300, jitter: 0 } });
  pty = await ptyPair(join(t.dir, 'tenkey-host'), join(t.dir, 'tenkey-dev'));
  keypad = new SerialLink(parseSerialAddress(`serial:${pty.device}`));
  await keypad.open();
  await t.ok('devices.updateSettings', { devices: [{ id: 'tenkey1', kind: 'tenkey', address: `serial:${pty.host}?baud=9600` }] }, 'admin');
  for (let i = 0; i < 200; i++) {
    if ((await t.ok('devices.list', {})).find((d) => d.id === 'tenkey1')?.state === 'ready') break;
    await new Promise((r) => setTimeout(r, 25));
  }
});
afterAll(async () => {
  await keypad?.close();
  await till?.close();
  await pty?.stop();
});

const focused = () => till.page.evaluate(() => document.activeElement?.id ?? '');
const press = (bytes: string) => keypad.write(Buffer.from(bytes, 'latin1'));

it('types an amount and completes a cash payment from the serial keypad', async () => {
  const { page, t } = till;
  expect((await t.ok('devices.list', {})).find((d) => d.id === 'tenkey1')?.state).toBe('ready');
  await page.locator('#signin-user').waitFor();
  await signIn(page);
  await page.locator('#float-bill_10000').waitFor();
  await page.keyboard.press('F4'); // the standard float
  await expect.poll(focused).toBe('lookup');
  const account = (await t.ok('accounts.search', { query: '1002', limit: 1 }))[0]!;
  await page.keyboard.type(account.accountNumber);
  await page.locator('#acct-opt-0', { hasText: account.accountNumber }).waitFor();
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('pay-amount');

  // From here on only the keypad: 1 2 3 4 5 is $123.45, as on a cash register.
  await press('12345');
  await expect.poll(() => page.locator('#pay-amount').inputValue()).toBe('$123.45');
  await press('\r');
  await expect.poll(focused).toBe('tender-amount');
  // Cash tendered: $150.00, a mistaken key taken back with the keypad's backspace (DEL).
  await press('1500');
  await press('9\x7f');
  await press('0');
  await expect.poll(() => page.locator('#tender-amount').inputValue()).toBe('$150.00');
  await press('\r');
  await expect.poll(focused).toBe('complete');
  await press('\r\n'); // CR LF is one Enter: completes once
  await expect.poll(() => page.getByTestId('change').textContent()).toBe(money(15000 - 12345, 'en'));
  await shot(page, 'serial-tenkey-change');

  const st = t.station.st;
  expect(st.sqlAll('SELECT total_cents, tendered_cents, change_cents FROM receipts')).toEqual([{ total_cents: 12345, tendered_cents: 15000, change_cents: 2655 }]);
  expect(st.sqlAll('SELECT kind, amount_cents FROM tenders')).toEqual([{ kind: 'cash', amount_cents: 15000 }]);
  expect(st.sqlAll('SELECT account_number, amount_cents FROM receipt_lines')).toEqual([{ account_number: account.accountNumber, amount_cents: 12345 }]);
  expect(verifyLedger(t.station).ok).toBe(true);
});
