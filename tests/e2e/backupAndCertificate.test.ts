// In Chromium, in English and Spanish: Settings shows the last backup (time, size, verified) and a
// failed one in words; the Sync screen shows a hub certificate that changed, and an admin trusts the
// new one after confirming its fingerprint. Against a real HTTPS hub on loopback (PGlite).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { displayFingerprint, formatEnrolmentCode } from '../../src/shared/tlsFingerprint';
import { syncOf } from '../../src/main/sync/service';
import { backupsOf } from '../../src/main/station/backup/scheduler';
import { launchChromium, look, office, openTill, signIn, type Till } from './harness';
import { makeHub, type TestHub } from '../helpers/hub';
import { FAST } from '../helpers/syncOptions';
import { selfSignedCert, type TestCert } from '../helpers/certs';

let browser: Browser;
let certA: TestCert, certB: TestCert;
beforeAll(async () => {
  browser = await launchChromium();
  [certA, certB] = await Promise.all([selfSignedCert(), selfSignedCert()]);
});
afterAll(async () => { await browser?.close(); });

const WORDS = {
  en: {
    settings: 'Settings and users', sync: 'Sync with the city hub', off: 'Backups are off', now: 'Back up now', save: 'Save backup settings', lastGood: 'Last good backup',
    ok: 'written and verified', failed: 'The last backup failed', unwritable: 'cannot be written', changed: 'The hub’s certificate has changed', trust: 'Trust the new certificate…',
    confirm: 'Yes, trust this certificate', online: 'Online', drawer: 'Open the drawer',
  },
  es: {
    settings: 'Configuración y usuarios', sync: 'Sincronización con la central', off: 'Las copias están desactivadas', now: 'Hacer copia ahora', save: 'Guardar configuración de copias',
    lastGood: 'Última copia correcta', ok: 'escrita y verificada', failed: 'La última copia falló', unwritable: 'No se puede escribir en la carpeta de copias',
    changed: 'El certificado de la central ha cambiado', trust: 'Aceptar el certificado nuevo…', confirm: 'Sí, aceptar este certificado', online: 'En línea', drawer: 'Abrir la caja',
  },
} as const;

for (const lang of ['en', 'es'] as const) {
  const w = WORDS[lang];
  describe(`backups and the hub certificate (${lang})`, () => {
    let till: Till;
    let hub: TestHub;
    let folder: string;
    beforeAll(async () => {
      hub = await makeHub({ tls: certA });
      till = await openTill({ browser });
      syncOf(till.t.station, FAST);
      backupsOf(till.t.station);
      folder = mkdtempSync(join(tmpdir(), 'civictill-e2e-backups-'));
      await till.page.locator('#signin-user').waitFor();
      await signIn(till.page, 'admin');
      await till.page.getByRole('heading', { name: WORDS.en.drawer }).waitFor();
      if (lang === 'es') {
        await till.page.keyboard.press('Alt+E');
        await till.page.getByRole('heading', { name: w.drawer }).waitFor();
      }
    }, 120_000);
    afterAll(async () => { await till?.close(); await hub?.cleanup(); rmSync(folder, { recursive: true, force: true }); });

    it('Settings shows the last backup, and a failed one in words', async () => {
      const { page } = till;
      await office(page, '8', w.settings);
      const panel = page.getByTestId('backup-panel');
      await panel.getByText(w.off).waitFor();
      await page.locator('#bk-folder').fill(join(folder, 'share'));
      await page.locator('#bk-keep').fill('5');
      await page.getByRole('button', { name: w.save }).click();
      await expect.poll(async () => (await till.t.ok('backup.status', {}, 'admin')).settings.folder).toBe(join(folder, 'share'));
      await page.getByRole('button', { name: w.now }).click();
      await panel.getByText(w.ok).waitFor({ timeout: 60_000 });
      const facts = await page.getByTestId('backup-facts').textContent();
      expect(facts).toContain(w.lastGood);
      expect(facts).toMatch(/\d+(\.|,)?\d* (KB|MB)/);
      expect(facts).toMatch(/OK: .* every invariant holds/);
      await panel.scrollIntoViewIfNeeded();
      await look(page, `settings-backup-ok-${lang}`);

      // The share goes away: the next backup fails, and says so in the cashier's language.
      rmSync(join(folder, 'share'), { recursive: true });
      writeFileSync(join(folder, 'share'), 'unmounted');
      await page.getByRole('button', { name: w.now }).click();
      const failed = page.getByTestId('backup-failed');
      await failed.waitFor({ timeout: 60_000 });
      expect(await failed.textContent()).toContain(w.failed);
      expect(await failed.textContent()).toContain(w.unwritable);
      // The last good backup is still there to be seen.
      expect(await page.getByTestId('backup-facts').textContent()).toContain(w.ok);
      await panel.scrollIntoViewIfNeeded();
      await look(page, `settings-backup-failed-${lang}`);
    }, 180_000);

    it('the Sync screen shows a changed certificate, and an admin trusts the new one', async () => {
      const { page, t } = till;
      const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
      await t.ok('sync.enrol', { hubUrl: hub.url, code: formatEnrolmentCode(code, certA.fingerprint) }, 'admin');
      // The hub comes back with another certificate.
      hub.setTls(certB);
      await hub.restart();
      await office(page, '7', w.sync);
      await page.keyboard.press('F5');
      const changed = page.getByTestId('cert-changed');
      await changed.waitFor({ timeout: 30_000 });
      expect(await changed.textContent()).toContain(w.changed);
      expect(await changed.textContent()).toContain(displayFingerprint(certB.fingerprint));
      expect(await page.getByTestId('sync-error').textContent()).not.toBe('');
      await changed.scrollIntoViewIfNeeded();
      await look(page, `sync-certificate-changed-${lang}`);

      await changed.getByRole('button', { name: w.trust }).click();
      await page.getByTestId('trust-fingerprint').waitFor();
      expect(await page.getByTestId('trust-fingerprint').textContent()).toBe(displayFingerprint(certB.fingerprint));
      await look(page, `sync-certificate-trust-${lang}`);
      await page.getByRole('button', { name: w.confirm }).click();
      await page.getByTestId('sync-state').filter({ hasText: w.online }).waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('cert-changed').count()).toBe(0);
      expect((await t.ok('sync.status', {})).certificate.pinned).toBe(certB.fingerprint);
    }, 180_000);
  });
}
