// Card terminal benchmark (issue 11). Prints `name: value unit` lines.
//   card_request_p95: from the charge reaching the station (what F8 + Enter sends) to the PaymentRequest
//     arriving at the terminal emulator over HTTPS: fee quote, settling check, the attempt committed
//     (fsynced), the request sealed (AES-CBC + HMAC) and sent on a new pinned TLS connection.
//   card_approval_to_receipt_p95: from the emulator's approval to the receipt's last byte at the ESC/POS
//     printer emulator (the answer read and checked, the result and receipt committed, printed).
//   card_recovery_ms: from opening the station to every one of 10 unfinished attempts (the terminal
//     approved them, the station never heard) settled: status asked, receipts posted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Station } from '../src/main/station/station';
import { dispatch } from '../src/main/dispatch';
import { searchAccounts } from '../src/main/station/accounts';
import { attachPrinting } from '../src/main/devices/printing';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import { EscPosEmulator } from '../src/hardware/emulators/escpos/emulator';
import { createPrinter } from '../src/hardware/printer/factory';
import type { ReceiptPrinter } from '../src/hardware/printer/printer';
import { useTerminal } from '../src/main/station/card/terminal';
import { startCardRecovery } from '../src/main/station/card/start';
import { unfinished } from '../src/main/station/card/attempts';
import { newServiceId } from '../src/hardware/terminal/nexoTerminal';
import { canonicalJson } from '../src/shared/canonical';
import { terminalRig } from '../tests/hardware/terminal/fixtures';
import { pct, seed, signIn } from './kit';

const fmt = (v: number) => v.toFixed(2); // eslint-disable-line no-restricted-syntax -- timings, not money

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-'));
  const path = join(dir, 'bench.db');
  const emu = new EscPosEmulator({ columns: 48 });
  const rig = await terminalRig();
  let station = await Station.open(path);
  try {
    seed(station, 1000);
    const printing = attachPrinting(station);
    await emu.listen();
    const printer = createPrinter({ id: 'printer', kind: 'printer', address: emu.address, options: { columns: 48 } }, { device: () => undefined, byKind: () => [] }) as ReceiptPrinter;
    await printer.open();
    printing.queue.usePrinter(printer);
    useTerminal(station, rig.driver());
    const token = await signIn(station, 'cashier');
    const sessionId = randomUUID();
    await dispatch(station, 'session.open', { id: sessionId, floatCounts: STANDARD_FLOAT }, token);
    const acct = searchAccounts(station, '1000', 1)[0]!.accountNumber;
    const lines = (i: number) => [{ revenueCode: 'WATER', accountNumber: acct, amountCents: 4000 + i }, { revenueCode: 'MISC', amountCents: 250 }];

    let requestAt = 0, approvedAt = 0;
    rig.emu.on('request', (r: { category: string }) => { if (r.category === 'Payment') requestAt = performance.now(); });
    rig.emu.on('approved', () => { approvedAt = performance.now(); });
    const N = 200, WARM = 20;
    const toRequest: number[] = [], toReceipt: number[] = [];
    for (let i = 0; i < N + WARM; i++) {
      const printed = new Promise<number>((resolve) => {
        const onEvent = (e: { type: string }) => { if (e.type === 'processId') { emu.off('event', onEvent); resolve(emu.lastByteAt); } };
        emu.on('event', onEvent);
      });
      const start = performance.now();
      const r = await dispatch(station, 'card.charge', { attemptId: randomUUID(), receiptId: randomUUID(), amountCents: 4250 + i, lines: lines(i), tenders: [] }, token);
      if (!r.ok || !r.value.receipt) throw new Error(r.ok ? `not posted: ${r.value.attempt.state}` : r.error.message);
      const lastByte = await printed;
      if (i >= WARM) { toRequest.push(requestAt - start); toReceipt.push(lastByte - approvedAt); }
      await printing.queue.idle();
    }
    process.stdout.write(`card_request_p50: ${fmt(pct(toRequest, 50))} ms\n`);
    process.stdout.write(`card_request_p95: ${fmt(pct(toRequest, 95))} ms\n`);
    process.stdout.write(`card_approval_to_receipt_p50: ${fmt(pct(toReceipt, 50))} ms\n`);
    process.stdout.write(`card_approval_to_receipt_p95: ${fmt(pct(toReceipt, 95))} ms\n`);
    await printer.close();

    // 10 attempts written and sent, approved at the terminal, the answers never read (the station died).
    const driver = rig.driver();
    const cashier = station.st.sqlGet<{ id: string }>("SELECT id FROM users WHERE id = 'cashier'")!.id;
    for (let i = 0; i < 10; i++) {
      const attemptId = randomUUID(), receiptId = randomUUID(), serviceId = newServiceId(), amount = 4250 + i;
      const sale = { id: receiptId, lines: lines(i), tenders: [{ kind: 'card', amountCents: amount, attemptId }] };
      station.commit(() => station.st.sqlRun(`INSERT INTO card_attempts(id, receipt_id, session_id, cashier_id, service_id, poi_id, amount_cents, fee_cents, sale, created_at)
        VALUES (?, ?, ?, ?, ?, '', ?, 0, ?, ?)`, attemptId, receiptId, sessionId, cashier, serviceId, amount, canonicalJson(sale), station.nowIso()));
      const o = await driver.pay({ serviceId, transactionId: receiptId.slice(0, 18), amountCents: amount, at: station.nowIso() });
      if (o.kind !== 'approved') throw new Error('the emulator did not approve');
    }
    driver.close();
    station.close();
    const t0 = performance.now();
    station = await Station.open(path);
    useTerminal(station, rig.driver());
    await startCardRecovery(station);
    const ms = performance.now() - t0;
    const left = unfinished(station).length;
    if (left !== 0) throw new Error(`${left} attempts left unresolved`);
    process.stdout.write(`card_recovery_ms: ${fmt(ms)} ms\n`);
  } finally {
    await emu.close();
    await rig.emu.kill();
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
