// `civictill restore` as IT runs it on a new PC: real processes, real files. The backup is verified
// before anything is written; a ledger already there is kept unless --force; with --hub and --code the
// station is taken over at once (refused, exit 4, when the backup is older than the hub, until the hub
// admin's code allows the rewind).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../src/shared/denominations';
import { runBackup } from '../../src/main/station/backup/run';
import { syncOf } from '../../src/main/sync/service';
import { makeStation, uuid, type TestStation } from '../helpers/station';
import { makeHub, type TestHub } from '../helpers/hub';
import { FAST } from '../helpers/syncOptions';

const bin = fileURLToPath(new URL('../../bin/civictill.js', import.meta.url));
const run = promisify(execFile);
const civictill = (...args: string[]) => run(process.execPath, [bin, ...args], { timeout: 120_000 }).then(
  (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

let hub: TestHub;
let t: TestStation;
let dir: string;
let older: string, newer: string;
beforeAll(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
  dir = mkdtempSync(join(tmpdir(), 'civictill-restore-'));
  await t.ok('backup.updateSettings', { folder: join(dir, 'share'), intervalMinutes: 15, keep: 10 }, 'admin');
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
  await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  const pay = (c: number) => t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: c }], tenders: [{ kind: 'cash', amountCents: c }] });
  await pay(1100);
  await t.ok('sync.now', {});
  older = (await runBackup(t.station, 'manual')).file!;
  await pay(2200);
  await t.ok('sync.now', {});
  t.clock.advance(1000);
  newer = (await runBackup(t.station, 'manual')).file!;
  await pay(3300);
  await t.ok('sync.now', {});
  t.station.close(); // the PC died
}, 120_000);
afterAll(async () => { rmSync(t.dir, { recursive: true, force: true }); rmSync(dir, { recursive: true, force: true }); await hub?.cleanup(); });

describe('civictill restore', () => {
  it('restores a verified backup, keeps a ledger already there unless --force, and refuses a backup that does not verify', async () => {
    const db = join(dir, 'pc1', 'civictill.db');
    const ok = await civictill('restore', '--from', newer, '--db', db);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Restored station ST01');
    expect(ok.stdout).toMatch(/2 receipts \(last ST01-000002\)/);
    expect(ok.stdout).toContain('civictill hub enrolment-code ST01');
    expect((await civictill('verify', '--db', db)).code).toBe(0);

    const again = await civictill('restore', '--from', older, '--db', db);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a ledger');
    const forced = await civictill('restore', '--from', older, '--db', db, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/1 receipts \(last ST01-000001\)/);

    // A backup someone changed: the receipt total no longer matches what the journal recorded.
    const tampered = join(dir, 'tampered.db');
    copyFileSync(newer, tampered);
    const raw = new Database(tampered);
    raw.exec('DROP TRIGGER receipts_no_update; UPDATE receipts SET total_cents = total_cents + 100 WHERE seq = 1');
    raw.close();
    const before = readFileSync(db);
    const refused = await civictill('restore', '--from', tampered, '--db', db, '--force');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('does not verify, so nothing was restored');
    expect(readFileSync(db).equals(before)).toBe(true);
    const missing = await civictill('restore', '--from', join(dir, 'nope.db'), '--db', join(dir, 'x.db'));
    expect(missing.code).toBe(3);
  }, 120_000);

  it('takes the station over with --hub and --code: refused from an older backup until the code allows the rewind', async () => {
    const db = join(dir, 'pc2', 'civictill.db');
    const plain = (await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' })).code;
    const refused = await civictill('restore', '--from', newer, '--db', db, '--hub', hub.url, '--code', plain);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('the ledger is restored, but the takeover was refused');
    expect(refused.stderr).toContain('--allow-rewind');
    const allowed = (await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01', allowRewind: true })).code;
    const ok = await civictill('restore', '--from', newer, '--db', db, '--force', '--hub', hub.url, '--code', allowed);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Took station ST01 over at .*raised exception \d+ for them; this station carries on from seq \d+ and receipt number 4\./);
    const x = await hub.db.kysely.selectFrom('exceptions').selectAll().where('kind', '=', 'missing_at_station').executeTakeFirstOrThrow();
    expect(x.amount_cents).toBe(3300);
  }, 120_000);
});
