// Main-side messages in the cashier's language: with the station switched to Spanish, a receipt printer
// pointed at a closed TCP port shows why it is offline in Spanish on the Devices screen (the OS error in
// small print for IT), and an unreachable hub shows its error in Spanish on the Sync screen. Switching
// back to English rewords the same messages at once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attachPrinting } from '../../src/main/devices/printing';
import { attachDevices } from '../../src/main/devices/devices';
import { startSync } from '../../src/main/sync/service';
import { saveLink } from '../../src/main/sync/state';
import { closedPort } from '../helpers/closedPort';
import { FAST } from '../helpers/syncOptions';
import { axeProblems, office, openTill, shot, signIn, type Till } from './harness';

let till: Till;
let printerPort: number;
let hubPort: number;
beforeAll(async () => {
  till = await openTill({ accounts: 50 });
  const { t } = till;
  printerPort = await closedPort();
  hubPort = await closedPort();
  // A printer nobody answers at: the device manager keeps retrying (seconds, so the wait shows).
  attachPrinting(t.station, { firstRetryMs: 1000, maxRetryMs: 5000 });
  attachDevices(t.station, { backoff: { initialMs: 3000, maxMs: 8000, jitter: 0 } });
  await t.ok('devices.updateSettings', { devices: [{ id: 'printer1', kind: 'printer', address: `tcp://127.0.0.1:${printerPort}`, options: { columns: 48 } }] }, 'admin');
  // Enrolled with a hub that is not there (the link as enrolment leaves it), then one sync attempt.
  saveLink(t.station.st, { hubUrl: `http://127.0.0.1:${hubPort}`, stationId: t.station.stationId, secret: 'not-used-hub-is-down' }, t.station.nowIso());
  startSync(t.station, { ...FAST, backoffBaseMs: 5000, backoffMaxMs: 10_000 });
  expect((await t.ok('sync.now', {})).state).toBe('offline');
});
afterAll(async () => { await till?.close(); });

it('an offline printer and an unreachable hub, in Spanish', async () => {
  const { page, t } = till;
  const printer = (await t.ok('devices.list', {})).find((d) => d.id === 'printer1')!;
  expect(printer.state).toBe('offline');
  expect(printer.message).toMatchObject({ code: 'link.unreachable', params: { address: `127.0.0.1:${printerPort}` } });

  await page.locator('#signin-user').waitFor();
  await page.keyboard.press('Alt+E');
  await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Abrir la caja' }).waitFor();

  await office(page, '6', 'Impresora y cajón');
  const row = page.locator('tr', { hasText: 'printer1' });
  await row.locator('.badge', { hasText: 'SIN CONEXIÓN' }).waitFor();
  const said = row.locator('.station-text');
  await expect.poll(() => said.textContent()).toMatch(new RegExp(
    `^No responde en 127\\.0\\.0\\.1:${printerPort}: revise que esté encendido y que su cable \\(o cable de red\\) esté conectado\\. Se vuelve a intentar en \\d+ s\\.$`));
  // The OS's own words stay, in small print, for IT.
  expect(await row.locator('.technical').textContent()).toContain(`ECONNREFUSED 127.0.0.1:${printerPort}`);
  await shot(page, 'messages-es-01-devices');
  expect(await axeProblems(page), 'accessibility of the Devices screen').toEqual([]);
  await page.keyboard.press('Escape');

  await office(page, '7', 'Sincronización con la central');
  expect(await page.getByTestId('sync-state').textContent()).toBe('SIN CONEXIÓN — los pagos se guardan y se envían después');
  const syncSaid = page.getByTestId('sync-error').locator('.station-text');
  await expect.poll(() => syncSaid.textContent()).toBe(
    `La central de la ciudad en 127.0.0.1:${hubPort} no responde. Los pagos se guardan aquí y se envían cuando vuelva; si sigue así, llame a soporte técnico (IT).`);
  expect(await page.getByTestId('sync-error').locator('.technical').textContent()).toContain('ECONNREFUSED');
  await shot(page, 'messages-es-02-sync');
  expect(await axeProblems(page), 'accessibility of the Sync screen').toEqual([]);

  // Switchable at any time: the same message, now in English.
  await page.keyboard.press('Alt+E');
  await expect.poll(() => syncSaid.textContent()).toBe(
    `The city hub at 127.0.0.1:${hubPort} does not answer. Payments are kept here and sent when it is back; if this lasts, call IT.`);
}, 120_000);
