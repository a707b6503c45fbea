// `civictill hub …` admin commands, run as a real process through bin/civictill.js against a test hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeHub, type TestHub } from '../helpers/hub';

const run = promisify(execFile);
let hub: TestHub;
let dir: string;
beforeAll(async () => { hub = await makeHub(); dir = mkdtempSync(join(tmpdir(), 'civictill-hubcli-')); });
afterAll(async () => { await hub?.cleanup(); rmSync(dir, { recursive: true, force: true }); });

const cli = (...args: string[]) => run(process.execPath, ['bin/civictill.js', 'hub', ...args, '--url', hub.url, '--token', hub.adminToken]);

describe('civictill hub (admin commands)', () => {
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
