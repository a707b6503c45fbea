// Arrangement benchmarks (issue 14). Prints `name: value unit` lines.
//   arrangement_setup_p50/p95: a 12-instalment monthly arrangement with its cash down-payment receipt,
//   through the dispatcher, durable on return (one transaction: receipt, plan, schedule, journal, outbox).
//   arrangement_setup_no_flush_p50/p95: the same with synchronous=OFF (its CPU alone), and bare_insert_p50/p95
//   one single-row durable INSERT on the same file: what the disk's flush costs on this machine, to read
//   the durable figure against.
//   arrangement_quote_p95: the schedule quoted for a draft as the cashier keys it (writes nothing).
//   payment_on_arranged_account_p95: a receipt on an account with a running arrangement (applied to its
//   oldest instalment in the same transaction), beside posting_on_plain_account_p95 for the same receipt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Station } from '../src/main/station/station';
import { dispatch } from '../src/main/dispatch';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import { ms, pct, seed, signIn } from './kit';

const fmt = (v: number) => v.toFixed(3); // eslint-disable-line no-restricted-syntax -- timings, not money

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-'));
  try {
    const station = await Station.open(join(dir, 'bench.db'));
    seed(station, 2000);
    const token = await signIn(station, 'cashier');
    const adminToken = await signIn(station, 'admin');
    // Every open account may have one here, so each timed arrangement has an account of its own.
    await dispatch(station, 'arrangement.updatePolicy', { allowedStatuses: ['active', 'delinquent', 'shutoff_pending'] }, adminToken);
    await dispatch(station, 'session.open', { id: randomUUID(), floatCounts: STANDARD_FLOAT }, token);
    const accounts = station.st.sqlAll<{ a: string }>("SELECT account_number AS a FROM accounts WHERE status NOT IN ('closed','final') ORDER BY account_number").map((r) => r.a);

    station.st.sqlite.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
    const bare = station.st.prepare('INSERT INTO bare(v) VALUES (?)');
    const N = 300, WARM = 20;
    const setup: number[] = [], noFlush: number[] = [], ins: number[] = [], quote: number[] = [], arranged: number[] = [], plain: number[] = [];
    const create = async (a: string): Promise<number> => {
      const t0 = process.hrtime.bigint();
      const r = await dispatch(station, 'arrangement.create', {
        id: randomUUID(), ...draft(a),
        receipt: { id: randomUUID(), lines: [{ revenueCode: 'WATER', accountNumber: a, amountCents: 12_000 }], tenders: [{ kind: 'cash', amountCents: 20_000 }] },
      }, token);
      const t = ms(t0);
      if (!r.ok) throw new Error(r.error.message);
      if (r.value.arrangement.instalments.length !== 13) throw new Error('not 12 instalments and the down payment');
      return t;
    };
    const draft = (accountNumber: string) => ({ accountNumber, totalCents: 120_000, downPaymentCents: 12_000, instalmentCount: 12, frequency: 'monthly' as const, firstDue: '2026-12-31', lang: 'en' as const });
    const post = async (accountNumber: string): Promise<number> => {
      const t0 = process.hrtime.bigint();
      const r = await dispatch(station, 'receipt.post', { id: randomUUID(), lines: [{ revenueCode: 'WATER', accountNumber, amountCents: 4_500 }], tenders: [{ kind: 'cash', amountCents: 5_000 }] }, token);
      const t = ms(t0);
      if (!r.ok) throw new Error(r.error.message);
      return t;
    };
    for (let i = 0; i < N + WARM; i++) {
      const a = accounts[2 * i]!, b = accounts[2 * i + 1]!, other = accounts[accounts.length - 1 - i]!;
      let t0 = process.hrtime.bigint();
      const q = await dispatch(station, 'arrangement.quote', draft(a), token);
      const tq = ms(t0);
      if (!q.ok) throw new Error(q.error.message);
      const ts = await create(a);
      t0 = process.hrtime.bigint();
      bare.run(randomUUID());
      const tb = ms(t0);
      const tp = await post(a);
      const tn = await post(other);
      station.st.sqlite.pragma('synchronous = OFF');
      const tf = await create(b);
      station.st.sqlite.pragma('synchronous = FULL');
      bare.run(randomUUID()); // untimed: flushes what the no-flush posting left, so the next timed one does not pay for it
      if (i >= WARM) { setup.push(ts); noFlush.push(tf); ins.push(tb); quote.push(tq); arranged.push(tp); plain.push(tn); }
      // A turn of the event loop between customers, as at the counter (idle WAL checkpoints run here).
      await new Promise((res) => setImmediate(res));
    }
    console.log(`arrangement_setup_p50: ${fmt(pct(setup, 50))} ms`);
    console.log(`arrangement_setup_p95: ${fmt(pct(setup, 95))} ms`);
    console.log(`arrangement_setup_no_flush_p50: ${fmt(pct(noFlush, 50))} ms`);
    console.log(`arrangement_setup_no_flush_p95: ${fmt(pct(noFlush, 95))} ms`);
    console.log(`bare_insert_p50: ${fmt(pct(ins, 50))} ms`);
    console.log(`bare_insert_p95: ${fmt(pct(ins, 95))} ms`);
    console.log(`arrangement_quote_p95: ${fmt(pct(quote, 95))} ms`);
    console.log(`payment_on_arranged_account_p95: ${fmt(pct(arranged, 95))} ms`);
    console.log(`posting_on_plain_account_p95: ${fmt(pct(plain, 95))} ms`);
    station.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
