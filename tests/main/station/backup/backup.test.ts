// Backups of the ledger on real SQLite files: taken while receipts are being posted, verified, rotated,
// without the hub secret; a folder that cannot be written is shown in words and retried, and the till
// goes on taking payments.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../../src/shared/denominations';
import { openDb } from '../../../../src/main/db/open';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { listBackups, runBackup } from '../../../../src/main/station/backup/run';
import { BackupScheduler } from '../../../../src/main/station/backup/scheduler';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';

let t: TestStation;
let folder: string;
beforeEach(async () => {
  t = await makeStation({ accounts: 3000 });
  folder = mkdtempSync(join(tmpdir(), 'civictill-backups-'));
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
});
afterEach(() => { t.cleanup(); rmSync(folder, { recursive: true, force: true }); });

const pay = (cents: number) => t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });
const receiptCount = (s: Station) => s.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts')!.n;

async function openBackup(path: string): Promise<Station> {
  return new Station(await openDb(path, { readonly: true }));
}

describe('backups', () => {
  it('a backup taken while receipts are being posted verifies, holds no hub secret, and old ones rotate out', async () => {
    await t.ok('backup.updateSettings', { folder, intervalMinutes: 15, keep: 2 }, 'admin');
    // The hub secret the station would have after enrolment: it must never reach a backup file.
    t.station.st.sqlRun("INSERT INTO hub_link(id, hub_url, station_id, secret, enrolled_at) VALUES (1, 'https://hub.city.local', 'ST01', 'S3CRET-do-not-copy-7f3a', '2026-11-20T00:00:00Z')");
    for (let i = 0; i < 20; i++) await pay(1000 + i);

    let stop = false;
    let posted = 0;
    const counter = (async () => {
      while (!stop) {
        await pay(500 + posted);
        posted++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    let atFirstStep = -1;
    const run = await runBackup(t.station, 'manual', { progress: () => { if (atFirstStep < 0) atFirstStep = posted; } });
    stop = true;
    await counter;
    expect(run).toMatchObject({ ok: true, error: null, reason: 'manual' });
    expect(run.verified).toMatch(/^OK: .* every invariant holds$/);
    // The till answered during the copy: payments were posted between its first step and its end.
    expect(atFirstStep).toBeGreaterThanOrEqual(0);
    expect(posted).toBeGreaterThan(atFirstStep);

    const copy = await openBackup(run.file!);
    try {
      expect(verifyLedger(copy).ok).toBe(true);
      expect(receiptCount(copy)).toBeGreaterThanOrEqual(20);
      expect(copy.st.sqlGet<{ secret: string }>('SELECT secret FROM hub_link')!.secret).toBe('');
      expect(copy.db.sqlite.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally { copy.close(); }
    expect(readFileSync(run.file!).includes('S3CRET-do-not-copy')).toBe(false);
    expect(existsSync(`${run.file}-wal`)).toBe(false);

    for (let i = 0; i < 3; i++) { t.clock.advance(60_000); await pay(100); expect((await runBackup(t.station, 'interval')).ok).toBe(true); }
    const kept = listBackups(folder, 'ST01');
    expect(kept).toHaveLength(2);
    const status = await t.ok('backup.status', {}, 'supervisor');
    expect(kept[0]!.path).toBe(status.last!.file);
    expect(status).toMatchObject({ last: { ok: true, reason: 'interval' }, lastGood: { ok: true }, settings: { keep: 2, intervalMinutes: 15, folder } });
    expect(status.last!.bytes).toBe(kept[0]!.bytes);
  }, 120_000);

  it('refuses a folder the station cannot create or write, on the field, and only from an admin', async () => {
    const blocker = join(folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const bad = await t.call('backup.updateSettings', { folder: join(blocker, 'backups'), intervalMinutes: 15, keep: 5 }, 'admin');
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'BACKUP_FOLDER_UNWRITABLE', field: 'folder' });
    expect(bad.ok ? '' : bad.error.message).toMatch(/ENOTDIR|EEXIST/);
    const relative = await t.call('backup.updateSettings', { folder: 'backups', intervalMinutes: 15, keep: 5 }, 'admin');
    expect(relative.ok ? null : relative.error.field).toBe('folder');
    const tooOften = await t.call('backup.updateSettings', { folder, intervalMinutes: 1, keep: 5 }, 'admin');
    expect(tooOften.ok ? null : tooOften.error).toMatchObject({ code: 'INVALID_INPUT', field: 'intervalMinutes' });
    const cashier = await t.call('backup.updateSettings', { folder, intervalMinutes: 15, keep: 5 }, 'supervisor');
    expect(cashier.ok ? null : cashier.error.code).toBe('FORBIDDEN');
    const now = await t.call('backup.now', {}, 'admin');
    expect(now.ok ? null : now.error.code).toBe('BACKUP_NOT_SET_UP');
    // Nothing was set by the refusals.
    expect((await t.ok('backup.status', {}, 'supervisor')).settings.folder).toBeNull();
  });

  it('a folder that goes away is shown in words and retried, and the till keeps taking payments', async () => {
    const target = join(folder, 'share');
    await t.ok('backup.updateSettings', { folder: target, intervalMinutes: 15, keep: 5 }, 'admin');
    const scheduler = new BackupScheduler(t.station, { retryMs: 50 });
    t.station.extensions.backups = scheduler;
    // The share is gone: a file stands where the folder was.
    rmSync(target, { recursive: true });
    writeFileSync(target, 'share unmounted');
    const failed = await t.ok('backup.now', {}, 'admin');
    expect(failed.last).toMatchObject({ ok: false, file: null, errorMessage: { code: 'backup.folderUnwritable', params: { folder: target } } });
    expect(failed.last!.error).toMatch(/cannot be written/);
    expect(failed.lastGood).toBeNull();
    // The till does not wait on the backup folder.
    const r = await pay(1234);
    expect(r.receiptNumber).toMatch(/^ST01-/);
    // Retried by itself a minute (here 50 ms) later; it works once the share is back.
    const succeeded = new Promise<void>((resolve) => t.station.events.on('backup.run', (run: { ok: boolean }) => { if (run.ok) resolve(); }));
    scheduler.reschedule(true);
    rmSync(target);
    await succeeded;
    const status = await t.ok('backup.status', {}, 'supervisor');
    expect(status.last).toMatchObject({ ok: true });
    expect(listBackups(target, 'ST01')).toHaveLength(1);
    scheduler.stop();
  }, 60_000);

  it('backs up after each close-out', async () => {
    await t.ok('backup.updateSettings', { folder, intervalMinutes: 60, keep: 5 }, 'admin');
    const scheduler = new BackupScheduler(t.station, { afterCloseoutMs: 10 });
    t.station.extensions.backups = scheduler;
    scheduler.start();
    const ran = new Promise<{ reason: string; ok: boolean }>((resolve) => t.station.events.on('backup.run', resolve));
    t.station.publish('session.closed', { sessionId: 'x' });
    expect(await ran).toMatchObject({ reason: 'closeout', ok: true });
    scheduler.stop();
  }, 60_000);
});
