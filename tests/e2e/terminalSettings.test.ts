// The card terminal set up by the IT person on the Devices screen (admin): a pin that is not a
// fingerprint refused beside its field, then saved and tested (a DiagnosisRequest over HTTPS to the
// emulator); the passphrase never comes back to the screen and is not in the database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { look, office, openTill, signIn, type Till } from './harness';
import { KEY, terminalRig } from '../hardware/terminal/fixtures';

let till: Till;
let rig: Awaited<ReturnType<typeof terminalRig>>;
beforeAll(async () => { till = await openTill(); rig = await terminalRig(); });
afterAll(async () => { await rig?.emu.kill(); await till?.close(); });

it('an admin sets up the card terminal and tests it', async () => {
  const { page, t } = till;
  await page.locator('#signin-user').waitFor();
  await signIn(page, 'admin');
  await page.getByRole('heading', { name: 'Open the drawer' }).waitFor();
  await office(page, '6', 'Printer and drawer');
  await page.getByTestId('terminal-status').filter({ hasText: 'No card terminal set up' }).waitFor();
  await page.locator('#term-url').fill(rig.emu.url);
  await page.locator('#term-poiid').fill(rig.emu.poiId);
  await page.locator('#term-keyid').fill(KEY.keyIdentifier);
  await page.locator('#term-pass').fill(KEY.passphrase);
  await page.locator('#term-pin').fill('not-a-fingerprint');
  await page.getByRole('button', { name: 'Save and use the terminal' }).click();
  await page.getByText("The certificate pin is the terminal certificate's SHA-256 fingerprint (64 hex digits).").waitFor();
  expect((await t.ok('card.settings', {})).enabled).toBe(false);

  await page.locator('#term-pin').fill(rig.fingerprint.toUpperCase().match(/../g)!.join(':'));
  await page.getByRole('button', { name: 'Save and use the terminal' }).click();
  await page.getByTestId('terminal-status').filter({ hasText: `Set up: terminal ${rig.emu.poiId}.` }).waitFor();
  await page.getByRole('button', { name: 'Test' }).last().click();
  await page.getByTestId('terminal-test').filter({ hasText: 'The terminal answered: ready.' }).waitFor();
  await look(page, 'terminal-settings');
  expect(await page.locator('#term-pass').inputValue()).toBe('');
  const s = await t.ok('card.settings', {});
  expect(s).toMatchObject({ enabled: true, certificatePin: rig.fingerprint, passphraseSet: true });
  expect(JSON.stringify(s)).not.toContain(KEY.passphrase);
  t.station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  expect(readFileSync(t.path).toString('latin1')).not.toContain(KEY.passphrase);
});
