// Hub benchmarks (issue: sync). Prints `name: value unit` lines, on PostgreSQL when DATABASE_URL is
// set (in a schema of its own, dropped afterwards), else on PGlite in a temp folder.
//   hub_push_10k: a station's sync loop pushing 10,000 pending receipts to the hub over HTTP (s)
//   directory_pull_1m: a new station's first full directory pull of 1,000,000 accounts (s)
//   directory_delta_10k: the next sync after 10,000 accounts changed on the hub (s)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { benchHubDb } from './hubDb';
import { startHubServer } from '../src/hub/server';
import { ensureAdminToken, createEnrolmentCode } from '../src/hub/auth';
import { importCatalog } from '../src/hub/directory';
import { Station } from '../src/main/station/station';
import { DEMO_REVENUE_CODES } from '../src/main/station/demoData';
import { canonicalJson } from '../src/shared/canonical';
import { enrolWithHub } from '../src/main/sync/client';
import { saveLink } from '../src/main/sync/state';
import { syncOf } from '../src/main/sync/service';

const s = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fmt = (v: number) => v.toFixed(2); // eslint-disable-line no-restricted-syntax -- timings, not money

async function newStation(dir: string, name: string, hubUrl: string, code: string): Promise<Station> {
  const station = await Station.open(join(dir, `${name}.db`));
  station.updateConfig({ stationId: name });
  const res = await enrolWithHub(hubUrl, name, code, 30_000);
  station.st.tx(() => saveLink(station.st, { hubUrl, stationId: name, secret: res.secret }, station.nowIso()));
  return station;
}

/** 10,000 receipt events written straight into a station's outbox, as postings would have left them. */
function fillOutbox(station: Station, n: number): void {
  const insert = station.st.prepare('INSERT INTO outbox(seq, event_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)');
  station.st.tx(() => {
    for (let i = 1; i <= n; i++) {
      const at = new Date(Date.UTC(2026, 10, 20, 17, 0, i % 60)).toISOString();
      const cents = 500 + ((i * 7919) % 20000);
      const data = {
        id: randomUUID(), receiptNumber: `${station.stationId}-${String(i).padStart(6, '0')}`, stationId: station.stationId, seq: i, sessionId: 'S1', cashierId: 'cashier',
        businessDay: '2026-11-20', createdAt: at, payerName: null, totalCents: cents, tenderedCents: cents, changeCents: 0,
        lines: [{ lineNo: 1, revenueCode: 'WATER', accountNumber: `${String(i % 1000).padStart(7, '0')}-10`, amountCents: cents, feeInputs: null, description: null }],
        tenders: [{ tenderNo: 1, kind: 'cash', amountCents: cents, checkRouting: null, checkAccount: null, checkNumber: null, micrRaw: null, cardBrand: null, cardLast4: null, cardAuth: null, reference: null }],
      };
      const eventId = randomUUID();
      insert.run(i, eventId, 'receipt.posted', canonicalJson({ eventId, stationId: station.stationId, seq: i, kind: 'receipt.posted', at, data }), at);
    }
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-hubbench-'));
  const { db, drop } = await benchHubDb(dir);
  const hub = await startHubServer(db, { log: () => undefined });
  try {
    process.stdout.write(`hub_bench_database: ${db.engine}\n`);
    await ensureAdminToken(db, new Date().toISOString());
    await importCatalog(db, DEMO_REVENUE_CODES.map((c, i) => ({ ...c, category: c.category as never, active: true, sort: i })) as never);
    // 1,000,000 accounts, written by the database itself (setup, not timed).
    await db.kysely.transaction().execute(async (tx) => {
      await sql`INSERT INTO accounts (account_number, name, service_address, status, balance_cents, cash_only_until, version, updated_at)
        SELECT lpad(g::text, 7, '0') || '-10', 'Customer ' || g, g || ' Main St', 'active', (g * 37) % 50000, NULL, nextval('directory_version'), '2026-11-20T00:00:00Z'
        FROM generate_series(0, 999999) g`.execute(tx);
    });

    // hub_push_10k
    const pusher = await newStation(dir, 'PUSH', hub.url, (await createEnrolmentCode(db, 'PUSH', new Date(), 1)).code);
    fillOutbox(pusher, 10_000);
    // Only the push is timed: the directory is already the station's (cursor at the hub's latest).
    const latest = (await sql<{ v: number }>`SELECT max(version) AS v FROM accounts`.execute(db.kysely)).rows[0]!.v;
    pusher.st.tx(() => { pusher.st.sqlRun("INSERT INTO sync_state(key, value) VALUES ('directory_cursor', ?)", String(latest)); });
    const pushLoop = syncOf(pusher);
    let t0 = process.hrtime.bigint();
    const pushed = await pushLoop.syncNow();
    const push = s(t0);
    await pushLoop.stop();
    if (pushed.pendingCount !== 0) throw new Error(`push bench: ${pushed.pendingCount} left (${pushed.lastError})`);
    process.stdout.write(`hub_push_10k: ${fmt(push)} s\n`);
    pusher.close();

    // directory_pull_1m
    const fresh = await newStation(dir, 'PULL', hub.url, (await createEnrolmentCode(db, 'PULL', new Date(), 1)).code);
    const loop = syncOf(fresh);
    t0 = process.hrtime.bigint();
    const first = await loop.syncNow();
    const pull = s(t0);
    const n = fresh.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')!.n;
    if (!first.directory.complete || n !== 1_000_000) throw new Error(`pull bench: ${n} accounts (${first.lastError})`);
    process.stdout.write(`directory_pull_1m: ${fmt(pull)} s\n`);

    // directory_delta_10k: 10,000 balances change on the hub (as a CIS import would), then one sync.
    await db.kysely.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(7231001)`.execute(tx);
      await sql`UPDATE accounts SET balance_cents = balance_cents + 100, version = nextval('directory_version')
        WHERE account_number IN (SELECT lpad((g * 97)::text, 7, '0') || '-10' FROM generate_series(0, 9999) g)`.execute(tx);
    });
    t0 = process.hrtime.bigint();
    const delta = await loop.syncNow();
    const d = s(t0);
    const changed = fresh.st.sqlGet<{ b: number }>("SELECT balance_cents AS b FROM accounts WHERE account_number = '0000097-10'")!.b;
    const onHub = (await sql<{ b: number }>`SELECT balance_cents AS b FROM accounts WHERE account_number = '0000097-10'`.execute(db.kysely)).rows[0]!.b;
    if (delta.lastError || changed !== onHub) throw new Error(`delta bench: ${delta.lastError ?? `balance ${changed}`}`);
    process.stdout.write(`directory_delta_10k: ${fmt(d)} s\n`);
    await loop.stop();
    fresh.close();
  } finally {
    await hub.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
