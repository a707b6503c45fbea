// `civictill start` where the Electron binary is not installed (as here): it builds the renderer if
// needed, runs browser mode, and says so in one line with the URL; the page it serves is the till.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { electronBinary } from '../../../src/main/shell/launch';
import { CSP } from '../../../src/main/shell/policy';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(root, 'bin/civictill.js');
const dir = mkdtempSync(join(tmpdir(), 'civictill-start-'));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

it('runs browser mode when Electron is not installed, says which in one line, and serves the till', async () => {
  // Wherever this runs, make the Electron binary absent for the child (an empty override folder).
  const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron') };
  expect(electronBinary(root, env)).toBeNull();
  const db = join(dir, 'station.db');
  expect(spawnSync(process.execPath, [bin, 'demo', '--db', db, '--accounts', '20'], { encoding: 'utf8' }).status).toBe(0);
  child = spawn(process.execPath, [bin, 'start', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const line = await new Promise<string>((ok, fail) => {
    let out = '';
    child!.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('\n')) ok(out.split('\n')[0]!); });
    child!.on('exit', (code) => fail(new Error(`start exited ${code}: ${out}`)));
  });
  expect(line).toMatch(/^Electron is not installed here, so CivicTill runs in browser mode: open http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/);
  const url = new URL(line.slice(line.indexOf('http')));
  const page = await fetch(new URL('/', url));
  expect(page.headers.get('content-security-policy')).toBe(CSP);
  expect(await page.text()).toContain('<div id="root"></div>');
  const token = url.hash.slice('#token='.length);
  expect((await fetch(new URL('/api/station.info', url), { method: 'POST', body: '{}' })).status).toBe(401);
  const info = await fetch(new URL('/api/station.info', url), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{"input":{}}' });
  expect(((await info.json()) as { ok: boolean }).ok).toBe(true);
}, 60_000);
