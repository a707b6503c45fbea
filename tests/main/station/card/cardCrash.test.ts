// Crash test: a real station process charging cards through the emulator (over HTTPS) is SIGKILLed at
// random points, 40 times: before the request, while the terminal decides, after it approved and
// before the answer, right after the answer. After each restart the station settles every unfinished
// attempt; then every charge the emulator approved has exactly one receipt or one reversal.
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Station } from '../../../../src/main/station/station';
import { verifyLedger } from '../../../../src/main/station/verify';
import { prng } from '../../../../src/main/station/demoData';
import { makeStation, type TestStation } from '../../../helpers/station';
import { bundleChild, runUntilKilled } from '../../../helpers/crashChild';
import { KEY, terminalRig } from '../../../hardware/terminal/fixtures';

const source = fileURLToPath(new URL('./fixtures/cardCrashChild.ts', import.meta.url));
let child: string;
let t: TestStation;
let account: string;
let rig: Awaited<ReturnType<typeof terminalRig>>;

beforeAll(async () => {
  t = await makeStation();
  rig = await terminalRig();
  child = await bundleChild(source, `cardCrashChild-${process.pid}`);
  account = (await t.ok('accounts.search', { query: '1000', limit: 1 }))[0]!.accountNumber;
  t.station.close();
});
afterAll(async () => { await rig.emu.kill(); t.cleanup(); rmSync(child, { force: true }); });

type When = 'request' | 'approved' | 'acks';

/** One station run: recovered, then charging until killed at `when` (after `n` events) plus `delayMs`. */
function runAndKill(sessionId: string, when: When, n: number, delayMs: number, rand: () => number): Promise<{ recoveredLeft: number; acks: number }> {
  let acks = 0, seen = 0, recoveredLeft = -1, recoveredBad = false;
  const { run, exited } = runUntilKilled(child, [t.path, sessionId, account, rig.emu.url, rig.fingerprint, KEY.passphrase], (line) => {
    if (line.startsWith('RECOVERED ')) {
      recoveredLeft = Number(line.split(' ')[1]);
      // The ledger as the restart left it, before this run charges anything.
      void Station.open(t.path).then((s) => {
        try { expect(verifyLedger(s).summary).toMatch(/^OK/); } catch (e) { run.err += `${(e as Error).message}\n`; recoveredBad = true; } finally { s.close(); }
        // Each payment: the terminal decides after 0–40 ms, now and then it loses its answer.
        for (let i = 0; i < 40; i++) rig.emu.script.push(rand() < 0.15 ? { kind: 'lose' } : rand() < 0.1 ? { kind: 'decline' } : { kind: 'approve', delayMs: Math.floor(rand() * 40) });
        // Counted from GO: a late approval of the run before is not this run's.
        rig.emu.on('request', onRequest);
        rig.emu.on('approved', onApproved);
        run.process.stdin!.write('GO\n');
      });
    }
    if (line.startsWith('OK ') && when === 'acks' && ++acks >= n) run.kill(delayMs);
    if (line.startsWith('ERR ')) run.err += `${line}\n`;
  }, true);
  const onRequest = (r: { category: string }) => { if (r.category === 'Payment' && when === 'request' && ++seen >= n) run.kill(delayMs); };
  const onApproved = () => { if (when === 'approved' && ++seen >= n) run.kill(delayMs); };
  const off = () => {
    rig.emu.off('request', onRequest);
    rig.emu.off('approved', onApproved);
    rig.emu.script.length = 0;
  };
  return exited.then(() => {
    off();
    if (recoveredBad) throw new Error(`the ledger after a restart did not verify: ${run.err}`);
    return { recoveredLeft, acks };
  }, (e: unknown) => { off(); throw e; });
}

it('survives 40 SIGKILLs mid-charge: every approved charge has exactly one receipt or one reversal', async () => {
  const rand = prng(20261201);
  const sessionId = randomUUID();
  const whens: When[] = ['request', 'approved', 'acks'];
  for (let round = 0; round < 40; round++) {
    const when = whens[round % 3]!;
    const r = await runAndKill(sessionId, when, 1 + Math.floor(rand() * 4), Math.floor(rand() * 25), rand);
    expect(r.recoveredLeft).toBe(0);
  }
  // A last start settles what the 40th kill left.
  const last = await runAndKill(sessionId, 'acks', 0, 0, rand);
  expect(last.recoveredLeft).toBe(0);

  const s = await Station.open(t.path);
  try {
    expect(verifyLedger(s).summary).toMatch(/^OK/);
    const approved = rig.emu.approved();
    expect(approved.length).toBeGreaterThan(40);
    let receipts = 0, reversals = 0;
    for (const tx of approved) {
      const a = s.st.sqlGet<{ id: string }>('SELECT id FROM card_attempts WHERE service_id = ?', tx.serviceId)!;
      const onReceipts = s.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM tenders WHERE card_attempt_id = ?', a.id)!.n;
      const reversed = !!s.st.sqlGet("SELECT 1 FROM card_attempt_results WHERE attempt_id = ? AND state = 'reversed'", a.id);
      expect(reversed).toBe(tx.reversed);
      expect(onReceipts + (reversed ? 1 : 0), `charge ${tx.serviceId}`).toBe(1);
      if (reversed) reversals++; else receipts++;
    }
    // Nothing on a receipt that the terminal did not approve.
    const cardTenders = s.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM tenders WHERE card_attempt_id IS NOT NULL')!.n;
    expect(cardTenders).toBe(receipts);
    expect(receipts).toBeGreaterThan(20);
    expect(reversals).toBeGreaterThan(0);
    process.stdout.write(`card crash: ${approved.length} approved, ${receipts} on receipts, ${reversals} reversed\n`);
  } finally {
    s.close();
  }
}, 400_000);
