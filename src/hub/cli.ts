// `civictill hub …`: run the city hub, and the admin commands that talk to a running hub.
// Reached through bin/civictill.js (src/main may not import the hub).
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureAdminToken } from './auth';
import { openHubDb } from './db';
import { certificateFingerprint, startHubServer } from './server';
import { adminRequest, type AdminResponse } from './adminClient';
import type { ReceiptCheckImage } from './checkImageLookup';
import { displayFingerprint, formatEnrolmentCode } from '../shared/tlsFingerprint';

export const DEFAULT_HUB_PORT = 8450;

const USAGE = `civictill hub [--database URL] [--data DIR] [--port N] [--host H] [--tls-cert FILE --tls-key FILE]
    Run the city hub. PostgreSQL when --database (or DATABASE_URL) is given, else PGlite in DIR/pglite
    (DIR defaults to ./.hub-data). On first start the admin token is written to DIR/admin-token.
    With --tls-cert/--tls-key (PEM) it serves HTTPS and writes the certificate's SHA-256 to DIR/tls-sha256;
    stations off the hub's machine accept https:// only.

Admin commands (to a running hub; --url defaults to http://127.0.0.1:${DEFAULT_HUB_PORT}, the token to
--token, CIVICTILL_HUB_TOKEN or DIR/admin-token):
  civictill hub enrolment-code STATION [--ttl HOURS] [--allow-rewind] [--cert FILE]
                                                        one-time code a station enrols with (or a replaced PC takes
                                                        the station over with); with the hub's TLS fingerprint when it
                                                        serves HTTPS (--cert: the certificate of a reverse proxy in front);
                                                        --allow-rewind: the station may come back from an older backup
  civictill hub set-city --name NAME [--address TEXT] [--time-zone ZONE]
                                                        the city's name, address and time zone: a station set up
                                                        with an enrolment code takes them
  civictill hub import-accounts FILE.csv                account directory from a CIS export (all or nothing)
  civictill hub import-catalog FILE.json                revenue codes with fee schedules:
        [{"code","nameEn","nameEs","gl":"fund-dept-object","category","requiresAccount","schedules":[{"from":"YYYY-MM-DD","rule":{…}}]}]
  civictill hub import-users FILE.json                  users: [{"id","name","role","pin"?,"active"?}]
  civictill hub export cis|gl|arrangements --day YYYY-MM-DD [--out FILE]
        CIS payment-import file, GL journal, or the payment arrangements (made, paid, kept, broken, cancelled) of a business day
  civictill hub totals --day YYYY-MM-DD                 the hub's totals for a business day
  civictill hub reconciliation --day YYYY-MM-DD         each closed day's figures, station against hub
  civictill hub exceptions [--open]                     exceptions raised by the stations' events
  civictill hub stations                                enrolled stations and how far each has pushed
  civictill hub check-images --receipt NUMBER [--station ST01] [--out DIR]
                                                        the check images of a receipt's check tenders; with --out,
                                                        each one the hub holds is written to DIR as a TIFF file
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`civictill hub: ${message}\n`);
  process.exit(code);
}

interface ServeOptions { database?: string | undefined; data: string; port: number; host: string; tlsCert?: string | undefined; tlsKey?: string | undefined }

function readTls(opts: ServeOptions): { cert: string; key: string } | undefined {
  if (!opts.tlsCert && !opts.tlsKey) return undefined;
  if (!opts.tlsCert || !opts.tlsKey) fail('give both --tls-cert FILE and --tls-key FILE (PEM)');
  const cert = readFile(opts.tlsCert, 'certificate'), key = readFile(opts.tlsKey, 'key');
  try { certificateFingerprint(cert); } catch (e) { fail(`${opts.tlsCert} is not a PEM certificate (${(e as Error).message})`); }
  return { cert, key };
}

async function serve(opts: ServeOptions): Promise<void> {
  const tls = readTls(opts);
  const db = await openHubDb({ databaseUrl: opts.database, dataDir: join(opts.data, 'pglite') });
  const token = await ensureAdminToken(db, new Date().toISOString());
  mkdirSync(opts.data, { recursive: true });
  if (token) {
    const file = join(opts.data, 'admin-token');
    writeFileSync(file, token + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    process.stdout.write(`New hub: admin token written to ${resolve(file)} (keep it secret).\n`);
  }
  let hub;
  try {
    hub = await startHubServer(db, { port: opts.port, host: opts.host, tls });
  } catch (e) {
    await db.close();
    fail(`the hub cannot listen on ${opts.host}:${opts.port} (${(e as Error).message})`);
  }
  // The admin commands on this machine pin the hub's certificate by this file (it is public, not a secret).
  const pinFile = join(opts.data, 'tls-sha256');
  if (hub.tlsFingerprint) writeFileSync(pinFile, hub.tlsFingerprint + '\n');
  else rmSync(pinFile, { force: true });
  process.stdout.write(`CivicTill hub on ${hub.url} (${db.engine === 'pglite' ? `PGlite in ${resolve(opts.data, 'pglite')}` : 'PostgreSQL'}); API description at ${hub.url}/v1/openapi.json\n`);
  if (hub.tlsFingerprint) process.stdout.write(`TLS certificate SHA-256 ${displayFingerprint(hub.tlsFingerprint)}: enrolment codes carry it, and stations pin it.\n`);
  else if (!['127.0.0.1', '::1', 'localhost'].includes(opts.host)) {
    process.stdout.write(`Warning: plain HTTP on ${opts.host}: stations off this machine refuse http:// (give --tls-cert and --tls-key, or put a TLS reverse proxy in front; see the README).\n`);
  }
  const stop = () => { void hub.close().then(() => db.close()).then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

interface AdminTarget { url: string; token: string; pin: string | null }

async function adminCall(t: AdminTarget, method: 'GET' | 'POST', path: string, body?: string, type = 'application/json'): Promise<string> {
  return (await adminFetch(t, method, path, body, type)).text;
}

async function adminFetch(t: AdminTarget, method: 'GET' | 'POST', path: string, body?: string, type = 'application/json'): Promise<AdminResponse> {
  let res;
  try {
    res = await adminRequest(t.url.replace(/\/+$/, '') + path, { method, headers: { authorization: `Bearer ${t.token}`, ...(body !== undefined ? { 'content-type': type } : {}) }, body }, t.url.startsWith('https:') ? t.pin : null);
  } catch (e) {
    fail(`the hub at ${t.url} cannot be reached (${(e as { code?: string }).code ?? (e as Error).message}); is it running?`);
  }
  if (res.status < 200 || res.status > 299) {
    let reason = res.text;
    try { reason = (JSON.parse(res.text) as { error: { message: string } }).error.message; } catch { /* not JSON */ }
    fail(`${reason} (HTTP ${res.status})`, 2);
  }
  return res;
}

function readFile(path: string | undefined, what: string): string {
  if (!path) fail(`give the ${what} file`);
  if (!existsSync(path)) fail(`${path}: no such file`);
  return readFileSync(path, 'utf8');
}

/** A receipt's check images: listed, and with `out` written there as TIFF files named for the receipt. */
async function checkImages(t: AdminTarget, receipt: string | undefined, station: string | undefined, out: string | undefined): Promise<void> {
  if (!receipt) fail('usage: civictill hub check-images --receipt NUMBER [--station ST01] [--out DIR]');
  const q = new URLSearchParams({ receipt, ...(station ? { station } : {}) });
  const images = JSON.parse(await adminCall(t, 'GET', `/v1/admin/check-images?${q}`)) as ReceiptCheckImage[];
  if (!images.length) fail(`receipt ${receipt} has no check images at the hub (no check tender of it was scanned, or its station has not sent its events yet)`, 2);
  if (!out) { show(JSON.stringify(images)); return; }
  mkdirSync(out, { recursive: true });
  for (const im of images) {
    const name = `${im.receiptNumber}-${im.stationId}-tender${im.tenderNo}-${im.side}.tif`.replace(/[^A-Za-z0-9._-]/g, '_');
    if (!im.held) { process.stdout.write(`${name}: not at the hub yet (station ${im.stationId} has not sent it)\n`); continue; }
    const res = await adminFetch(t, 'GET', `/v1/admin/check-images/file?sha256=${im.sha256}`);
    writeFileSync(join(out, name), res.bytes);
    process.stdout.write(`${join(out, name)}: ${res.bytes.length} bytes, check ${im.checkNumber ?? '?'} ${im.side}\n`);
  }
}

const show = (text: string) => process.stdout.write(JSON.stringify(JSON.parse(text), null, 2) + '\n');

export async function hubMain(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      database: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' },
      ttl: { type: 'string' }, day: { type: 'string' }, out: { type: 'string' }, receipt: { type: 'string' }, station: { type: 'string' }, open: { type: 'boolean' }, help: { type: 'boolean' },
      'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'allow-rewind': { type: 'boolean' }, cert: { type: 'string' }, name: { type: 'string' }, address: { type: 'string' }, 'time-zone': { type: 'string' },
    },
  });
  if (values.help) { process.stdout.write(USAGE); return; }
  const data = values.data ?? '.hub-data';
  const port = values.port ? Number(values.port) : DEFAULT_HUB_PORT;
  if (!(Number.isInteger(port) && port > 0 && port < 65536)) fail(`--port ${values.port} is not a port number`);
  const [command, ...args] = positionals;
  if (!command || command === 'serve') {
    await serve({ database: values.database ?? process.env.DATABASE_URL, data, port, host: values.host ?? '127.0.0.1', tlsCert: values['tls-cert'], tlsKey: values['tls-key'] });
    return;
  }
  const tokenFile = join(data, 'admin-token');
  const token = values.token ?? process.env.CIVICTILL_HUB_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  if (!token) fail(`no admin token: give --token, set CIVICTILL_HUB_TOKEN, or run where ${tokenFile} is`);
  // A hub serving TLS wrote its fingerprint here: talk https to it, pinned.
  const pinFile = join(data, 'tls-sha256');
  const pin = existsSync(pinFile) ? readFileSync(pinFile, 'utf8').trim() : null;
  const t: AdminTarget = { url: values.url ?? `${pin ? 'https' : 'http'}://127.0.0.1:${port}`, token, pin };
  const day = () => {
    if (!values.day || !/^\d{4}-\d{2}-\d{2}$/.test(values.day)) fail('give --day YYYY-MM-DD');
    return values.day;
  };
  switch (command) {
    case 'enrolment-code': {
      const stationId = args[0];
      if (!stationId) fail('usage: civictill hub enrolment-code STATION [--ttl HOURS] [--allow-rewind] [--cert FILE]');
      const r = JSON.parse(await adminCall(t, 'POST', '/v1/admin/enrolment-codes', JSON.stringify({
        stationId, ...(values.ttl ? { ttlHours: Number(values.ttl) } : {}), ...(values['allow-rewind'] ? { allowRewind: true } : {}),
      }))) as { code: string; expiresAt: string; tlsFingerprint: string | null };
      // The certificate stations will see: a reverse proxy's (--cert), else the hub's own.
      let fp = r.tlsFingerprint;
      if (values.cert) {
        try { fp = certificateFingerprint(readFile(values.cert, 'certificate')); } catch (e) { fail(`${values.cert} is not a PEM certificate (${(e as Error).message})`); }
      }
      const code = formatEnrolmentCode(r.code, fp);
      process.stdout.write(`Enrolment code for station ${stationId}: ${code}\nIt works once, until ${r.expiresAt}. Enter it at the station (Sync → Enrol, or civictill restore … --code).\n`);
      if (fp) process.stdout.write(`It carries the hub's TLS fingerprint (SHA-256 ${displayFingerprint(fp)}): the station pins that certificate.\n`);
      if (values['allow-rewind']) process.stdout.write(`It allows a takeover from an older backup: the hub keeps every event it has, and raises an exception for those the station lacks.\n`);
      return;
    }
    case 'import-accounts': {
      const r = JSON.parse(await adminCall(t, 'POST', '/v1/admin/directory/accounts', readFile(args[0], 'CSV'), 'text/csv')) as { accounts: number; changed: number };
      process.stdout.write(`Imported ${r.accounts} accounts from ${args[0]} (${r.changed} new or changed).\n`);
      return;
    }
    case 'set-city': {
      if (!values.name) fail('usage: civictill hub set-city --name NAME [--address TEXT] [--time-zone ZONE]');
      show(await adminCall(t, 'POST', '/v1/admin/city', JSON.stringify({ name: values.name, address: values.address ?? '', timeZone: values['time-zone'] ?? null })));
      return;
    }
    case 'import-catalog': show(await adminCall(t, 'POST', '/v1/admin/directory/revenue-codes', readFile(args[0], 'JSON'))); return;
    case 'import-users': show(await adminCall(t, 'POST', '/v1/admin/directory/users', readFile(args[0], 'JSON'))); return;
    case 'export': {
      const kind = args[0];
      const paths: Record<string, string> = { cis: 'cis-payments', gl: 'gl-journal', arrangements: 'arrangements' };
      if (!kind || !paths[kind]) fail('usage: civictill hub export cis|gl|arrangements --day YYYY-MM-DD [--out FILE]');
      const d = day();
      const text = await adminCall(t, 'GET', `/v1/admin/exports/${paths[kind]}?day=${d}`);
      if (values.out) {
        writeFileSync(values.out, text);
        process.stdout.write(`Wrote ${values.out}.\n`);
      } else process.stdout.write(text);
      return;
    }
    case 'totals': show(await adminCall(t, 'GET', `/v1/admin/totals?day=${day()}`)); return;
    case 'reconciliation': show(await adminCall(t, 'GET', `/v1/admin/reconciliations?day=${day()}`)); return;
    case 'exceptions': show(await adminCall(t, 'GET', `/v1/admin/exceptions${values.open ? '?open=true' : ''}`)); return;
    case 'stations': show(await adminCall(t, 'GET', '/v1/admin/stations')); return;
    case 'check-images': await checkImages(t, values.receipt, values.station, values.out); return;
    default: fail(`unknown hub command "${command}"\n\n${USAGE}`);
  }
}

hubMain(process.argv.slice(3)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
