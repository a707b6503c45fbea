// Batch benchmarks. Prints `name: value unit` lines.
//   lockbox_import_10k: a 10,000-item lockbox file (lockbox-fixed-v1) imported through the dispatcher —
//     read, checked line by line, 10,000 receipts written in one transaction with their journal rows and
//     outbox events, the batch closed against the bank's total — then `verify` over the whole ledger.
//   mail_item_entry_p95: one keyed mail item (stub line and check) posted into an open batch through the
//     dispatcher, on a station already holding the 10,000-item import (and, for scale, a counter receipt
//     of the same line and check in the same run: counter_receipt_post_p95_same_run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Station } from '../src/main/station/station';
import { dispatch } from '../src/main/dispatch';
import { verifyLedger } from '../src/main/station/verify';
import { b64, lockboxFile } from '../tests/helpers/batchFiles';
import { pct, seed, signIn } from './kit';

const fmt = (v: number) => v.toFixed(1); // eslint-disable-line no-restricted-syntax -- timings, not money
const ROUTING = '121000358';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-batches-'));
  const station = await Station.open(join(dir, 'till.db'));
  try {
    seed(station, 2000);
    const token = await signIn(station, 'cashier');
    const accounts = station.st.sqlAll<{ a: string }>("SELECT account_number AS a FROM accounts WHERE status = 'active' LIMIT 500").map((r) => r.a);
    const items = Array.from({ length: 10_000 }, (_, i) => ({ ref: `B${String(i).padStart(8, '0')}`, account: accounts[i % accounts.length]!, cents: 1000 + (i % 9000), check: String(1000 + i) }));
    const content = b64(lockboxFile(items));
    const bank = items.reduce((a, x) => a + x.cents, 0);
    const t0 = performance.now();
    const r = await dispatch(station, 'batch.import', { id: randomUUID(), source: 'lockbox', fileName: 'lockbox-10k.txt', contentBase64: content, bankDepositCents: bank }, token);
    if (!r.ok) throw new Error(r.error.message);
    const imported = performance.now() - t0;
    const report = verifyLedger(station);
    if (!report.ok) throw new Error(report.summary);
    const total = performance.now() - t0;
    console.log(`lockbox_import_10k: ${fmt(total)} ms`);
    console.log(`lockbox_import_10k_import_only: ${fmt(imported)} ms`);

    // The import's WAL copied back now, as the station does between calls, so item entry measures itself.
    station.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const b = await dispatch(station, 'batch.open', { id: randomUUID(), source: 'mail', controlCount: 400, controlCents: 400 * 5000 }, token);
    if (!b.ok) throw new Error(b.error.message);
    const samples: number[] = [];
    for (let i = 0; i < 400; i++) {
      const cents = 5000;
      const t1 = performance.now();
      const it = await dispatch(station, 'batch.addItem', {
        id: randomUUID(), batchId: b.value.id, lines: [{ revenueCode: 'WATER', accountNumber: accounts[i % accounts.length]!, amountCents: cents }],
        tender: { kind: 'check', amountCents: cents, routing: ROUTING, account: '44001234', checkNumber: String(5000 + i) }, dateReceived: '2026-11-19',
      }, token);
      samples.push(performance.now() - t1);
      if (!it.ok) throw new Error(it.error.message);
    }
    console.log(`mail_item_entry_p95: ${fmt(pct(samples.slice(20), 95))} ms`);
    // For scale on this machine: a counter receipt (same line and check) through the same dispatcher.
    const open = await dispatch(station, 'session.open', { id: randomUUID(), floatCounts: { bill_2000: 5 } }, token);
    if (!open.ok) throw new Error(open.error.message);
    const counter: number[] = [];
    for (let i = 0; i < 400; i++) {
      const t1 = performance.now();
      const rr = await dispatch(station, 'receipt.post', { id: randomUUID(), lines: [{ revenueCode: 'WATER', accountNumber: accounts[i % accounts.length]!, amountCents: 5000 }], tenders: [{ kind: 'check', amountCents: 5000, routing: ROUTING, account: '44001234', checkNumber: String(9000 + i) }] }, token);
      counter.push(performance.now() - t1);
      if (!rr.ok) throw new Error(rr.error.message);
    }
    console.log(`counter_receipt_post_p95_same_run: ${fmt(pct(counter.slice(20), 95))} ms`);
  } finally {
    station.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
