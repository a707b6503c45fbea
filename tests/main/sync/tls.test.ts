// The hub over TLS, on real HTTPS on loopback: a self-signed hub pinned at enrolment (the code carries
// its fingerprint) syncs; a different certificate is refused in words and nothing is sent, credentials
// included (a raw TLS server sees the handshake and no byte after it); only an admin re-pins, and only
// the certificate confirmed; a city CA file lets a CA-signed hub through; http:// off this machine is
// refused before any connection.
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { displayFingerprint, formatEnrolmentCode } from '../../../src/shared/tlsFingerprint';
import { syncOf } from '../../../src/main/sync/service';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { FAST } from '../../helpers/syncOptions';
import { cityCa, selfSignedCert, type TestCert } from '../../helpers/certs';

let certA: TestCert, certB: TestCert;
let ca: Awaited<ReturnType<typeof cityCa>>;
beforeAll(async () => { [certA, certB, ca] = await Promise.all([selfSignedCert(), selfSignedCert(), cityCa()]); });

let hub: TestHub | null = null;
let t: TestStation | null = null;
let raw: TlsServer | TcpServer | null = null;
afterEach(async () => {
  t?.cleanup(); t = null;
  if (raw) await new Promise((r) => raw!.close(r));
  raw = null;
  await hub?.cleanup(); hub = null;
});

/**
 * A TLS server that completes handshakes and records every byte a client sends after one; `closed()`
 * resolves once every connection it accepted has closed (so a late byte would have been counted).
 */
function rawTlsServer(cert: TestCert, port: number): Promise<{ connections: () => number; bytes: () => number; closed: () => Promise<void> }> {
  let connections = 0, bytes = 0;
  const open = new Set<Promise<void>>();
  const server = createTlsServer({ cert: cert.cert, key: cert.key }, (sock) => {
    sock.on('data', (d: Buffer) => { bytes += d.length; });
    sock.on('error', () => undefined);
  });
  server.on('connection', (sock) => {
    connections++;
    open.add(new Promise((r) => sock.once('close', () => r())));
  });
  server.on('tlsClientError', () => undefined);
  raw = server;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({
    connections: () => connections, bytes: () => bytes, closed: async () => { await Promise.all([...open]); },
  })));
}

const pay = (s: TestStation, cents: number) => s.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: cents }], tenders: [{ kind: 'cash', amountCents: cents }] });

describe(`the hub over TLS (${ENGINE})`, () => {
  it('a self-signed hub pinned at enrolment syncs; a different certificate is refused and nothing is sent; an admin re-pins', async () => {
    hub = await makeHub({ tls: certA, persistent: true });
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    t = await makeStation();
    syncOf(t.station, FAST);
    // The hub hands out the code with its fingerprint when it runs TLS itself.
    const made = await hub.admin<{ code: string; tlsFingerprint: string; codeWithFingerprint: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    expect(made.tlsFingerprint).toBe(certA.fingerprint);
    expect(made.codeWithFingerprint).toBe(formatEnrolmentCode(made.code, certA.fingerprint));
    expect(made.codeWithFingerprint).toMatch(/^([A-Z2-9]{4}-){8}[A-Z2-9]{4}$/);
    const enrolled = await t.ok('sync.enrol', { hubUrl: hub.url, code: made.codeWithFingerprint }, 'admin');
    expect(enrolled.certificate).toEqual({ pinned: certA.fingerprint, problem: null, seen: null });
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    await pay(t, 1500);
    expect(await t.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0 });
    const stored = (await hub.db.kysely.selectFrom('events').select('seq').execute()).length;
    expect(stored).toBeGreaterThan(0);

    // Something else answers at the hub's address with another certificate.
    await hub.stop();
    const port = hub.port;
    const seen = await rawTlsServer(certB, port);
    await pay(t, 2500);
    const refused = await t.ok('sync.now', {});
    expect(refused).toMatchObject({ state: 'offline', certificate: { pinned: certA.fingerprint, problem: 'changed', seen: certB.fingerprint } });
    expect(refused.lastErrorMessage).toEqual({ code: 'sync.certChanged', params: { address: `127.0.0.1:${port}`, seen: displayFingerprint(certB.fingerprint), pinned: displayFingerprint(certA.fingerprint) } });
    expect(refused.lastError).toMatch(/different certificate .* nothing was sent/);
    // It got as far as the handshake (it saw certificate B), and not one byte of a request followed:
    // no Authorization header, no event.
    await seen.closed();
    expect(seen.connections()).toBeGreaterThan(0);
    expect(seen.bytes()).toBe(0);
    await new Promise((r) => raw!.close(r));
    raw = null;

    // The hub comes back with its renewed certificate (B): still refused until an admin trusts it.
    hub.setTls(certB);
    await hub.start();
    expect((await t.ok('sync.now', {})).certificate.problem).toBe('changed');
    expect((await hub.db.kysely.selectFrom('events').select('seq').execute()).length).toBe(stored);
    const bySupervisor = await t.call('sync.trustCertificate', { fingerprint: displayFingerprint(certB.fingerprint) }, 'supervisor');
    expect(bySupervisor.ok ? null : bySupervisor.error.code).toBe('FORBIDDEN');
    // A fingerprint that is not what the hub shows trusts nothing.
    const wrong = await t.call('sync.trustCertificate', { fingerprint: displayFingerprint(certA.fingerprint) }, 'admin');
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: 'HUB_CERT_NOT_CONFIRMED', field: 'fingerprint', params: { seen: displayFingerprint(certB.fingerprint) } });
    expect((await t.ok('sync.status', {})).certificate.pinned).toBe(certA.fingerprint);
    const repinned = await t.ok('sync.trustCertificate', { fingerprint: displayFingerprint(certB.fingerprint) }, 'admin');
    expect(repinned).toMatchObject({ state: 'online', pendingCount: 0, certificate: { pinned: certB.fingerprint, problem: null } });
    expect((await hub.db.kysely.selectFrom('receipts').select('total_cents').orderBy('seq').execute()).map((r) => r.total_cents)).toEqual([1500, 2500]);
    const journal = t.station.st.sqlGet<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'sync.certificatePinned'")!;
    expect(JSON.parse(journal.payload)).toMatchObject({ by: 'admin', previous: certA.fingerprint, pinned: certB.fingerprint });
  }, 120_000);

  it('refuses at enrolment a certificate the code does not name, sending nothing', async () => {
    t = await makeStation();
    const seen = await rawTlsServer(certB, 0);
    const port = (raw!.address() as AddressInfo).port;
    const code = formatEnrolmentCode('ABCDEFGHJKLM', certA.fingerprint);
    const r = await t.call('sync.enrol', { hubUrl: `https://127.0.0.1:${port}`, code }, 'admin');
    expect(r.ok ? null : r.error).toMatchObject({ code: 'HUB_CERT_NOT_NAMED', field: 'code', params: { seen: certB.fingerprint } });
    await seen.closed();
    expect(seen.connections()).toBe(1);
    expect(seen.bytes()).toBe(0); // the enrolment code never left the station
    expect((await t.ok('sync.status', {})).enrolled).toBe(false);
  });

  it('a CA-signed hub is trusted through the city CA file, and refused without it', async () => {
    const hubCert = await ca.issue();
    hub = await makeHub({ tls: hubCert });
    t = await makeStation();
    syncOf(t.station, FAST);
    const dir = mkdtempSync(join(tmpdir(), 'civictill-ca-'));
    try {
      const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
      // Without the city's CA the certificate is not trusted: nothing sent, the code still good.
      const untrusted = await t.call('sync.enrol', { hubUrl: hub.url, code }, 'admin');
      expect(untrusted.ok ? null : untrusted.error).toMatchObject({ code: 'HUB_CERT_UNTRUSTED', field: 'hubUrl' });
      expect(untrusted.ok ? '' : untrusted.error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to get/i);
      const badFile = join(dir, 'not-a-cert.pem');
      writeFileSync(badFile, 'hello');
      const bad = await t.call('sync.updateSettings', { hubCaFile: badFile }, 'admin');
      expect(bad.ok ? null : bad.error).toMatchObject({ code: 'INVALID_INPUT', field: 'hubCaFile' });
      const caFile = join(dir, 'city-ca.pem');
      writeFileSync(caFile, ca.ca.cert);
      expect(await t.ok('sync.updateSettings', { hubCaFile: caFile }, 'admin')).toEqual({ hubCaFile: caFile });
      const s = await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
      expect(s.certificate.pinned).toBeNull(); // checked against the CAs at each connection, not pinned
      await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
      await pay(t, 4200);
      expect(await t.ok('sync.now', {})).toMatchObject({ state: 'online', pendingCount: 0 });
      expect((await hub.db.kysely.selectFrom('receipts').select('total_cents').execute()).map((r) => r.total_cents)).toEqual([4200]);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 60_000);

  it('refuses http:// to a hub that is not on this machine, before connecting', async () => {
    const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    expect(lan, 'this machine has a non-loopback IPv4 address').toBeTruthy();
    let connections = 0;
    const server = createTcpServer((s) => { connections++; s.destroy(); });
    raw = server;
    await new Promise<void>((r) => server.listen(0, lan, () => r()));
    const port = (server.address() as AddressInfo).port;
    t = await makeStation();
    const r = await t.call('sync.enrol', { hubUrl: `http://${lan}:${port}`, code: 'ABCD-EFGH-JKLM' }, 'admin');
    expect(r.ok ? null : r.error).toMatchObject({ code: 'HUB_PLAIN_HTTP', field: 'hubUrl' });
    expect(connections).toBe(0);
    // Loopback plain http stays allowed (a hub on the same PC); the same port on 127.0.0.1 is not listening.
    const local = await t.call('sync.enrol', { hubUrl: `http://127.0.0.1:${port}`, code: 'ABCD-EFGH-JKLM' }, 'admin');
    expect(local.ok ? null : local.error.code).toBe('HUB_UNREACHABLE');
  });
});
