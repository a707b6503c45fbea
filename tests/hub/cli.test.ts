// `civictill hub …` admin commands, run as a real process through bin/civictill.js against a test hub;
// and a real hub process serving HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeHub, type TestHub } from '../helpers/hub';
import { selfSignedCert } from '../helpers/certs';
import { displayFingerprint } from '../../src/shared/tlsFingerprint';

const run = promisify(execFile);
let hub: TestHub;
let dir: string;
beforeAll(async () => { hub = await makeHub(); dir = mkdtempSync(join(tmpdir(), 'civictill-hubcli-')); });
afterAll(async () => { await hub?.cleanup(); rmSync(dir, { recursive: true, force: true }); });

const cli = (...args: string[]) => run(process.execPath, ['bin/civictill.js', 'hub', ...args, '--url', hub.url, '--token', hub.adminToken]);

describe('civictill hub (admin commands)', () => {
  it('makes admin tokens an option parser reads as a value (hex: never a leading "-")', async () => {
    expect(hub.adminToken).toMatch(/^[0-9a-f]{64}$/);
    expect((await cli('stations')).stdout).toBeTruthy();
  });

  it('makes an enrolment code, imports accounts with line-numbered refusals, and writes an export', async () => {
    const code = await cli('enrolment-code', 'ST07');
    expect(code.stdout).toMatch(/^Enrolment code for station ST07: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'account_number,name,service_address,status,balance\n700000-01,Ann Lee,1 Main St,active,12.5x\n');
    const refused = await cli('import-accounts', bad).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain('line 2: balance "12.5x" is not an amount');

    const out = join(dir, 'gl.csv');
    await cli('export', 'gl', '--day', '2026-11-20', '--out', out);
    expect(readFileSync(out, 'utf8')).toBe('business_day,fund,department,object,debit,credit,memo\r\n');
    const wrongToken = await run(process.execPath, ['bin/civictill.js', 'hub', 'stations', '--url', hub.url, '--token', 'nope']).then(() => null, (e: { stderr: string }) => e);
    expect(wrongToken?.stderr).toContain('the admin token is not right (HTTP 401)');
  }, 60_000);
});

describe('civictill hub over TLS (a real hub process)', () => {
  it('serves HTTPS with --tls-cert/--tls-key; its admin commands pin it; its codes carry the fingerprint', async () => {
    const cert = await selfSignedCert();
    const data = join(dir, 'tls-hub');
    writeFileSync(join(dir, 'hub.crt'), cert.cert);
    writeFileSync(join(dir, 'hub.key'), cert.key);
    const port = await new Promise<number>((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
    // PGlite in its data folder, whatever DATABASE_URL says: this hub is its own.
    const env = { ...process.env, DATABASE_URL: '' };
    const child = spawn(process.execPath, ['bin/civictill.js', 'hub', '--data', data, '--port', String(port), '--tls-cert', join(dir, 'hub.crt'), '--tls-key', join(dir, 'hub.key')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('stations pin it')) resolve(out); });
        child.on('exit', (c) => reject(new Error(`hub exited ${c}: ${out}`)));
      });
      expect(banner).toContain(`CivicTill hub on https://127.0.0.1:${port}`);
      expect(banner).toContain(displayFingerprint(cert.fingerprint));
      expect(readFileSync(join(data, 'tls-sha256'), 'utf8').trim()).toBe(cert.fingerprint);
      const made = await run(process.execPath, ['bin/civictill.js', 'hub', 'enrolment-code', 'ST09', '--data', data, '--port', String(port), '--allow-rewind'], { env });
      expect(made.stdout).toMatch(/^Enrolment code for station ST09: ([A-Z2-9]{4}-){8}[A-Z2-9]{4}\n/);
      expect(made.stdout).toContain(`carries the hub's TLS fingerprint (SHA-256 ${displayFingerprint(cert.fingerprint)})`);
      expect(made.stdout).toContain('allows a takeover from an older backup');
      // The admin command refuses a hub showing another certificate than DIR/tls-sha256 names, sending nothing.
      writeFileSync(join(data, 'tls-sha256'), 'ab'.repeat(32) + '\n');
      const refused = await run(process.execPath, ['bin/civictill.js', 'hub', 'stations', '--data', data, '--port', String(port)], { env }).then(() => null, (e: { stderr: string }) => e);
      expect(refused?.stderr).toContain('nothing was sent');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 180_000);
});
