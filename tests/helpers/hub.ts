// A real hub for tests: PGlite in a temp folder by default, or its own schema on the PostgreSQL server
// named by DATABASE_URL (so parallel runs never share tables). Seeded with the demo city's catalogue.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openHubDb, type HubDb } from '../../src/hub/db';
import { startHubServer, type HubServer } from '../../src/hub/server';
import { adminRequest } from '../../src/hub/adminClient';
import { ensureAdminToken } from '../../src/hub/auth';
import { DEMO_REVENUE_CODES, demoAccounts } from '../../src/main/station/demoData';

export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const ENGINE = DATABASE_URL ? 'postgresql' : 'pglite';

/** initdb and the migrations take seconds: do them once per machine (per migration text) and keep the
 * cluster as a folder (copied for hubs that restart from disk) and as a tarball (loaded into memory). */
async function pgliteTemplate(): Promise<{ dir: string; tar: string }> {
  const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@electric-sql/pglite').replace(/dist[/\\].*$/, 'package.json'), 'utf8')) as { version: string };
  const migDir = fileURLToPath(new URL('../../migrations/hub/', import.meta.url));
  const hash = createHash('sha256');
  for (const f of readdirSync(migDir).sort()) hash.update(f).update(readFileSync(join(migDir, f)));
  const dir = join(tmpdir(), `civictill-pglite-template-${pkg.version}-${hash.digest('hex').slice(0, 12)}`);
  const tar = `${dir}.tar`;
  if (existsSync(join(dir, 'PG_VERSION')) && existsSync(tar)) return { dir, tar };
  const work = mkdtempSync(join(tmpdir(), 'civictill-pglite-init-'));
  const db = await openHubDb({ dataDir: work });
  await db.close();
  const lite = await PGlite.create(work);
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  writeFileSync(`${tar}.${process.pid}`, Buffer.from(await dump.arrayBuffer()));
  try { renameSync(`${tar}.${process.pid}`, tar); } catch { /* another run made it */ }
  try { renameSync(work, dir); } catch { rmSync(work, { recursive: true, force: true }); }
  return { dir, tar };
}

export interface TestHub {
  db: HubDb;
  server: HubServer;
  url: string;
  port: number;
  adminToken: string;
  /** Calls the hub as its admin; throws unless 2xx. */
  admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, type?: string): Promise<T>;
  adminText(path: string): Promise<string>;
  /** Stops the server and the database, then brings both back on the same port and data. */
  restart(): Promise<void>;
  /** The certificate the hub serves from its next start (a renewed or a swapped one). */
  setTls(tls: { cert: string; key: string }): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  cleanup(): Promise<void>;
}

export const HUB_ACCOUNTS = 200;

/** After a restart, a kept-alive connection of fetch's pool is dead: one retry on a fresh one. */
async function retrying<R>(fn: () => Promise<R>): Promise<R> {
  try { return await fn(); } catch { return fn(); }
}

/**
 * `persistent`: PGlite on disk, and stop() closes the database too, so start() is a real restart from
 * disk. Otherwise PGlite lives in memory (much faster to make) and stop()/start() only take the
 * server down and up — the hub is unreachable, its data kept.
 */
/** `tls`: the hub serves HTTPS with this certificate (the admin calls pin it); `setTls` swaps it at the next start. */
export async function makeHub(opts: { accounts?: number; port?: number; seed?: boolean; persistent?: boolean; tls?: { cert: string; key: string }; now?: () => Date; log?: (line: string) => void } = {}): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-hub-'));
  const schema = DATABASE_URL ? `t_${process.pid}_${randomBytes(4).toString('hex')}` : undefined;
  const persistent = !!opts.persistent || !!DATABASE_URL;
  let dataDir = join(dir, 'pglite');
  let loadDataDir: Blob | undefined;
  if (!DATABASE_URL) {
    const template = await pgliteTemplate();
    if (persistent) cpSync(template.dir, dataDir, { recursive: true });
    else { dataDir = 'memory://'; loadDataDir = new Blob([readFileSync(template.tar)]); }
  }
  const open = () => openHubDb({ databaseUrl: DATABASE_URL, dataDir, schema, loadDataDir });
  let db = await open();
  let tls = opts.tls;
  let server = await startHubServer(db, { port: opts.port ?? 0, pinCost: 1024, log: opts.log ?? (() => undefined), tls, ...(opts.now ? { now: opts.now } : {}) });
  const port = server.port;
  const adminToken = (await ensureAdminToken(db, new Date().toISOString()))!;
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  /** fetch() for the admin's calls; over TLS pinned to the hub's certificate (it is self-signed). */
  const adminFetch = async (path: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<{ ok: boolean; status: number; text(): Promise<string> }> => {
    if (!tls) return fetch(url + path, init);
    const r = await adminRequest(url + path, init, server.tlsFingerprint);
    return { ok: r.status >= 200 && r.status < 300, status: r.status, text: async () => r.text };
  };
  let running = true;

  const t: TestHub = {
    get db() { return db; }, get server() { return server; }, url, port, adminToken,
    async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown, type = 'application/json'): Promise<T> {
      const res = await retrying(() => adminFetch(path, {
        method, headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined ? { 'content-type': type } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      }));
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    },
    async adminText(path: string): Promise<string> {
      const res = await retrying(() => adminFetch(path, { method: 'GET', headers: { authorization: `Bearer ${adminToken}` } }));
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text}`);
      return text;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.close();
      if (persistent) await db.close();
    },
    async start() {
      if (running) return;
      if (persistent) db = await open();
      server = await startHubServer(db, { port, pinCost: 1024, log: opts.log ?? (() => undefined), tls, ...(opts.now ? { now: opts.now } : {}) });
      running = true;
    },
    async restart() { await t.stop(); await t.start(); },
    setTls(next) { tls = next; },
    async cleanup() {
      await t.stop();
      if (!persistent) await db.close();
      if (schema) {
        const c = new pg.Client({ connectionString: DATABASE_URL });
        await c.connect();
        try { await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await c.end(); }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.seed !== false) await seedHub(t, opts.accounts ?? HUB_ACCOUNTS);
  return t;
}

/** The demo city's catalogue, accounts (same numbers as a test station's) and users. */
export async function seedHub(hub: TestHub, accounts: number): Promise<void> {
  await hub.admin('POST', '/v1/admin/directory/revenue-codes', DEMO_REVENUE_CODES.map((c, i) => ({ ...c, sort: i })));
  const rows = [...demoAccounts(accounts)];
  const csv = 'account_number,name,service_address,status,balance\n' + rows.map((a) =>
    [a.accountNumber, `"${a.name.replace(/"/g, '""')}"`, `"${a.serviceAddress}"`, a.status, dollars(a.balanceCents)].join(',')).join('\n');
  await hub.admin('POST', '/v1/admin/directory/accounts', csv, 'text/csv');
}

export function dollars(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Makes an enrolment code and spends it for a station: its Basic credentials. */
export async function enrolStation(hub: TestHub, stationId: string): Promise<{ secret: string; auth: string }> {
  const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId });
  const res = await fetch(`${hub.url}/v1/enrol`, { method: 'POST', headers: { authorization: `Bearer ${code}`, 'content-type': 'application/json' }, body: JSON.stringify({ stationId }) });
  if (!res.ok) throw new Error(`enrol ${stationId}: ${res.status} ${await res.text()}`);
  const { secret } = await res.json() as { secret: string };
  return { secret, auth: 'Basic ' + Buffer.from(`${stationId}:${secret}`).toString('base64') };
}
