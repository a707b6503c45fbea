// First-run setup benchmark (issue 18). Prints `name: value unit` lines, on PostgreSQL when DATABASE_URL
// is set (in a schema of its own, dropped afterwards), else on PGlite in a temp folder.
//   enrol_to_sign_in_s: a new, empty station enrolled from its one-time code (setup.enrol, as the Setup
//     screen sends it) until the station says sign-in is open (setup.status.needed false), with a
//     100,000-account directory, the demo catalogue and 20 users on the hub, over HTTP on loopback.
//     The Setup screen asks for the status once a second, so the screen shows the sign-in at most 1 s later.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { benchHubDb } from './hubDb';
import { startHubServer } from '../src/hub/server';
import { createEnrolmentCode, ensureAdminToken } from '../src/hub/auth';
import { importCatalog, importUsers } from '../src/hub/directory';
import { Station } from '../src/main/station/station';
import { DEMO_REVENUE_CODES } from '../src/main/station/demoData';
import { dispatch } from '../src/main/dispatch';
import { syncOf } from '../src/main/sync/service';

const fmt = (v: number) => v.toFixed(2); // eslint-disable-line no-restricted-syntax -- timings, not money
const ACCOUNTS = 100_000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-setupbench-'));
  const { db, drop } = await benchHubDb(dir);
  const hub = await startHubServer(db, { log: () => undefined });
  try {
    process.stdout.write(`setup_bench_database: ${db.engine}\n`);
    await ensureAdminToken(db, new Date().toISOString());
    await importCatalog(db, DEMO_REVENUE_CODES.map((c, i) => ({ ...c, category: c.category as never, active: true, sort: i })) as never);
    await importUsers(db, Array.from({ length: 20 }, (_, i) => ({ id: `user${i}`, name: `User ${i}`, role: i === 0 ? 'admin' as const : 'cashier' as const, pin: String(100000 + i), active: true })), 1024);
    // The directory, written by the database itself (setup, not timed).
    await db.kysely.transaction().execute(async (tx) => {
      await sql`INSERT INTO accounts (account_number, name, service_address, status, balance_cents, cash_only_until, version, updated_at)
        SELECT lpad(g::text, 7, '0') || '-10', 'Customer ' || g, g || ' Main St', 'active', (g * 37) % 50000, NULL, nextval('directory_version'), '2026-11-20T00:00:00Z'
        FROM generate_series(0, ${ACCOUNTS - 1}) g`.execute(tx);
    });
    const { code } = await createEnrolmentCode(db, 'ST04', new Date(), 1);
    const station = await Station.open(join(dir, 'new.db'));
    const t0 = process.hrtime.bigint();
    const r = await dispatch(station, 'setup.enrol', { hubUrl: hub.url, code });
    if (!r.ok) throw new Error(`setup.enrol: ${r.error.message}`);
    for (;;) {
      const s = await dispatch(station, 'setup.status', {});
      if (s.ok && !s.value.needed) break;
      if (s.ok && s.value.lastError) throw new Error(`the directory did not arrive: ${JSON.stringify(s.value.lastError)}`);
      await new Promise((res) => setTimeout(res, 50));
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const n = station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')!.n;
    const signIn = await dispatch(station, 'auth.signIn', { userId: 'user1', pin: '100001' });
    if (n !== ACCOUNTS || !signIn.ok) throw new Error(`setup bench: ${n} accounts, sign-in ${signIn.ok ? 'ok' : signIn.error.message}`);
    process.stdout.write(`enrol_to_sign_in_s: ${fmt(secs)} s\n`);
    await syncOf(station).stop();
    station.close();
  } finally {
    await hub.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
