// The nexo driver against the terminal emulator over real HTTPS on loopback: every scripted outcome,
// status, abort, reversal, reconciliation, diagnosis, and the message-security refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CARD, type TerminalEmulator } from '../../../src/hardware/terminal/emulator';
import { newServiceId, type NexoTerminal } from '../../../src/hardware/terminal/nexoTerminal';
import { TerminalError } from '../../../src/hardware/terminal/terminal';
import { selfSignedCert } from '../../helpers/certs';
import { closedPort } from '../../helpers/closedPort';
import { terminalRig } from './fixtures';

let emu: TerminalEmulator;
let rig: Awaited<ReturnType<typeof terminalRig>>;
let drv: NexoTerminal;
const refused: string[] = [];

beforeAll(async () => {
  rig = await terminalRig();
  emu = rig.emu;
  drv = rig.driver({ onRefused: (w) => refused.push(w) });
});
afterAll(async () => { drv.close(); await emu.kill(); });

const ask = (cents: number) => ({ serviceId: newServiceId(), transactionId: 'R1', amountCents: cents, at: new Date().toISOString() });

describe('payments', () => {
  it('approves with the EMV details and only the last four digits', async () => {
    const a = ask(12345);
    const r = await drv.pay(a);
    expect(r.kind).toBe('approved');
    if (r.kind !== 'approved') return;
    expect(r.approval).toMatchObject({ brand: 'visa', last4: '0010', maskedPan: '**** **** **** 0010', entryMode: 'chip', aid: TEST_CARD.aid, appLabel: 'VISA CREDIT', terminalId: emu.poiId, approvedCents: 12345, offline: false, signatureRequired: false });
    expect(JSON.stringify(r)).not.toContain('476173');
    expect(emu.log.get(a.serviceId)?.state).toBe('approved');
  });

  it('reads a decline, a customer cancel, an offline approval, a partial approval and a signature request', async () => {
    emu.script.push({ kind: 'decline', reason: 'Insufficient funds' }, { kind: 'cancel' }, { kind: 'offline' }, { kind: 'partial', approvedCents: 4000 }, { kind: 'signature' }, { kind: 'approve', brand: 'mc', entry: 'Contactless' });
    expect(await drv.pay(ask(5000))).toEqual({ kind: 'declined', reason: 'Insufficient funds' });
    expect((await drv.pay(ask(5000))).kind).toBe('cancelled');
    const off = await drv.pay(ask(5000));
    expect(off.kind === 'approved' && off.approval.offline).toBe(true);
    const part = await drv.pay(ask(5000));
    expect(part.kind === 'approved' && part.approval.approvedCents).toBe(4000);
    const sig = await drv.pay(ask(5000));
    expect(sig.kind === 'approved' && sig.approval.signatureRequired && sig.approval.entryMode).toBe('swipe');
    const mc = await drv.pay(ask(101));
    expect(mc.kind === 'approved' && [mc.approval.brand, mc.approval.entryMode]).toEqual(['mastercard', 'contactless']);
  });

  it('a held payment is ended by an abort; status says in progress meanwhile', async () => {
    emu.script.push({ kind: 'timeout' });
    const a = ask(2500);
    const paying = drv.pay(a);
    await new Promise((r) => setTimeout(r, 100));
    expect(await drv.status(a.serviceId, 2500)).toEqual({ kind: 'in_progress' });
    await drv.abort(a.serviceId);
    expect((await paying).kind).toBe('cancelled');
    expect((await drv.status(a.serviceId, 2500)).kind).toBe('cancelled');
  });

  it('a silent terminal times out; a lost response is found approved by status', async () => {
    emu.script.push({ kind: 'timeout' });
    const quick = rig.driver({ paymentTimeoutMs: 300 });
    const e = await quick.pay(ask(700)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TerminalError);
    expect((e as TerminalError).kind).toBe('timeout');
    expect((e as TerminalError).sent).toBe(true);
    emu.script.push({ kind: 'lose' });
    const a = ask(900);
    const lost = await quick.pay(a).catch((x: unknown) => x);
    expect((lost as TerminalError).sent).toBe(true);
    const s = await drv.status(a.serviceId, 900);
    expect(s.kind === 'approved' && s.approval.approvedCents).toBe(900);
    expect((await drv.status(newServiceId(), 900)).kind).toBe('not_found');
    quick.close();
  });

  it('reverses once, reconciles by brand, and diagnoses', async () => {
    const r = await drv.pay(ask(1111));
    if (r.kind !== 'approved') throw new Error('not approved');
    expect(await drv.reverse(r.approval.transactionId, r.approval.transactionTime)).toEqual({ reversed: true, reason: null });
    emu.refuseReversals = true;
    const r2 = await drv.pay(ask(2222));
    if (r2.kind !== 'approved') throw new Error('not approved');
    expect(await drv.reverse(r2.approval.transactionId, r2.approval.transactionTime)).toEqual({ reversed: false, reason: 'NotAllowed' });
    emu.refuseReversals = false;
    const totals = await drv.reconcile();
    const visa = totals.find((t) => t.brand === 'visa')!;
    const expected = emu.approved().filter((t) => t.brand === 'visa' && !t.reversed);
    expect(visa.totalCents).toBe(expected.reduce((s, t) => s + t.approvedCents, 0));
    expect(visa.count).toBe(expected.length);
    expect(await drv.diagnose()).toEqual({ ok: true, status: 'OK' });
  });
});

describe('refusals', () => {
  for (const fault of ['tamper', 'wrongKey', 'replay', 'otherService', 'malformed'] as const) {
    it(`refuses a response with fault "${fault}" and fills nothing from it`, async () => {
      await drv.diagnose(); // something to replay
      emu.faults.push(fault);
      const before = refused.length;
      const e = await drv.pay(ask(300)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(TerminalError);
      expect((e as TerminalError).kind).toBe('refused');
      expect(refused.length).toBe(before + 1);
    });
  }

  it('refuses a terminal whose certificate is not the pinned one, before sending anything', async () => {
    const other = await selfSignedCert('impostor');
    const d = rig.driver({ certificatePin: other.fingerprint });
    const n = emu.log.size;
    const e = await d.pay(ask(300)).catch((x: unknown) => x);
    expect((e as TerminalError).kind).toBe('refused');
    expect((e as TerminalError).sent).toBe(false);
    expect(emu.log.size).toBe(n);
    d.close();
  });

  it('a request with the wrong key is refused by the terminal; an unreachable terminal is told apart', async () => {
    const d = rig.driver({ key: { keyIdentifier: 'CIVICKEY', passphrase: 'wrong', keyVersion: 1 } });
    const e = await d.pay(ask(300)).catch((x: unknown) => x);
    expect((e as TerminalError).kind).toBe('malformed');
    d.close();
    const port = await closedPort();
    const gone = rig.driver({ url: `https://127.0.0.1:${port}/nexo` });
    const u = await gone.pay(ask(300)).catch((x: unknown) => x);
    expect([(u as TerminalError).kind, (u as TerminalError).sent]).toEqual(['unreachable', false]);
    gone.close();
  });
});
