// In Chromium, in English and Spanish (issue 10): a push the hub refuses for good shows SYNC STOPPED in
// the top bar and, with the hub's reason, on the Sync screen; an admin sends the events again from there.
// Against a real hub on loopback (PGlite): another PC with the station's identity took the next seq.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { syncOf } from '../../src/main/sync/service';
import { launchChromium, look, office, openTill, signIn, type Till } from './harness';
import { makeHub, type TestHub } from '../helpers/hub';
import { FAST } from '../helpers/syncOptions';
import { push } from '../hub/events';
import { STANDARD_FLOAT } from '../../src/shared/denominations';

let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

const WORDS = {
  en: { sync: 'Sync with the city hub', settings: 'Settings and users', stopped: 'SYNC STOPPED', title: 'SYNC STOPPED: the hub refused this station’s events', retry: 'Send the refused events again', drawer: 'Open the drawer' },
  es: { sync: 'Sincronización con la central', settings: 'Configuración y usuarios', stopped: 'SINCRONIZACIÓN DETENIDA', title: 'SINCRONIZACIÓN DETENIDA: la central rechazó los eventos de esta estación', retry: 'Volver a enviar los eventos rechazados', drawer: 'Abrir la caja' },
} as const;

for (const lang of ['en', 'es'] as const) {
  const w = WORDS[lang];
  describe(`SYNC STOPPED (${lang})`, () => {
    let till: Till;
    let hub: TestHub;
    beforeAll(async () => {
      hub = await makeHub();
      till = await openTill({ browser });
      syncOf(till.t.station, FAST);
      await till.page.locator('#signin-user').waitFor();
      await signIn(till.page, 'admin');
      await till.page.getByRole('heading', { name: WORDS.en.drawer }).waitFor();
      if (lang === 'es') {
        await till.page.keyboard.press('Alt+E');
        await till.page.getByRole('heading', { name: w.drawer }).waitFor();
      }
    }, 120_000);
    afterAll(async () => { await till?.close(); await hub?.cleanup(); });

    it('shows the hub’s refusal in words and lets an admin send again', async () => {
      const { page, t } = till;
      const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
      await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
      expect((await t.ok('sync.now', {})).state).not.toBe('refused');
      const link = t.station.st.sqlGet<{ secret: string }>('SELECT secret FROM hub_link WHERE id = 1')!;
      const auth = 'Basic ' + Buffer.from(`ST01:${link.secret}`).toString('base64');
      const next = (t.station.st.sqlGet<{ s: number | null }>('SELECT MAX(seq) AS s FROM outbox')!.s ?? 0) + 1;
      expect((await push(hub.url, auth, [{ eventId: randomUUID(), stationId: 'ST01', seq: next, kind: 'other.pc', at: '2026-11-20T17:00:00.000Z', data: {} }])).status).toBe(200);
      // The station's own event at that seq: a cashier opens a drawer session.
      await t.ok('session.open', { id: randomUUID(), floatCounts: STANDARD_FLOAT });
      expect(t.station.st.sqlGet<{ s: number }>('SELECT MAX(seq) AS s FROM outbox')!.s).toBeGreaterThanOrEqual(next);

      await office(page, '7', w.sync);
      await page.keyboard.press('F5');
      const box = page.getByTestId('sync-refused');
      await box.waitFor({ timeout: 30_000 });
      expect(await box.textContent()).toContain(w.title);
      expect(await page.getByTestId('sync-refused-reason').textContent()).toMatch(/409 SEQ_CONFLICT: seq \d+ of station ST01 already holds a different event/);
      await page.getByTestId('sync-state').filter({ hasText: w.stopped }).waitFor({ timeout: 30_000 });
      await page.locator('.pill.refused').filter({ hasText: w.stopped }).waitFor({ timeout: 30_000 });
      await box.scrollIntoViewIfNeeded();
      await look(page, `sync-stopped-${lang}`);

      // Settings says so too.
      await office(page, '8', w.settings);
      const notice = page.getByTestId('settings-sync-refused');
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.textContent()).toContain(w.title);
      expect(await notice.textContent()).toContain('SEQ_CONFLICT');
      await look(page, `settings-sync-stopped-${lang}`);
      await office(page, '7', w.sync);
      await box.waitFor({ timeout: 30_000 });

      const before = (await t.ok('sync.status', {})).refused!.at;
      t.clock.advance(1000);
      await box.getByRole('button', { name: w.retry }).click();
      await expect.poll(async () => (await t.ok('sync.status', {})).refused?.at, { timeout: 30_000 }).not.toBe(before);
      expect(t.station.st.sqlAll("SELECT 1 FROM journal WHERE kind = 'sync.refusalCleared'")).toHaveLength(1);
    }, 180_000);
  });
}
