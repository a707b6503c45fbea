// Ledger benchmarks (issue: the station ledger). Prints `name: value unit` lines.
//   posting_p50/p99: a 3-line, 2-tender receipt through the dispatcher, durable on return.
//   bare_insert_p50/p99: one single-row durable INSERT on the same database file.
//   posting_vs_bare_insert: ratio of the p50s.
//   *_no_flush_p50: the same two with synchronous=OFF, and *_flush_p50 the difference: the ratio split into
//   CPU (validation, fees, hash chain, SQLite's page writes) and the disk flush, which is what varies by machine.
//   journal_row_only_p50 / journal_and_outbox_rows_p50: a posting's journal payload written durably alone, and
//   with an outbox row, with no checking at all: the floor under any posting that keeps its journal.
//   account_search_p95 over 1,000,000 accounts for name fragments, and the naive LIKE scan beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Station } from '../src/main/station/station';
import { dispatch } from '../src/main/dispatch';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import { demoAccounts } from '../src/main/station/demoData';
import { bulkUpsertAccounts } from '../src/main/station/directory';
import { searchAccounts } from '../src/main/station/accounts';
import { ms, pct, seed, signIn } from './kit';

const fmt = (v: number) => v.toFixed(3); // eslint-disable-line no-restricted-syntax -- timings, not money

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-'));
  try {
    const station = await Station.open(join(dir, 'bench.db'));
    seed(station, 1000);
    const token = await signIn(station, 'cashier');
    await dispatch(station, 'session.open', { id: randomUUID(), floatCounts: STANDARD_FLOAT }, token);
    const accts = searchAccounts(station, '1000', 3).map((a) => a.accountNumber);
    station.st.sqlite.exec('CREATE TABLE bare (id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
    const bare = station.st.prepare('INSERT INTO bare(v) VALUES (?)');
    // The floor of any posting: its journal payload alone, and with an outbox row, written durably.
    station.st.sqlite.exec('CREATE TABLE floor_journal (seq INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT; CREATE TABLE floor_outbox (seq INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT');
    const floorJournal = station.st.prepare('INSERT INTO floor_journal(v) VALUES (?)');
    const floorOutbox = station.st.prepare('INSERT INTO floor_outbox(v) VALUES (?)');
    const floorPair = station.st.sqlite.transaction((v: string) => { floorJournal.run(v); floorOutbox.run(v); });

    const N = 400;
    const postOnce = async (i: number): Promise<number> => {
      const t0 = process.hrtime.bigint();
      const r = await dispatch(station, 'receipt.post', {
        id: randomUUID(),
        lines: [
          { revenueCode: 'WATER', accountNumber: accts[0]!, amountCents: 4512 },
          { revenueCode: 'SEWER', accountNumber: accts[0]!, amountCents: 3310 },
          { revenueCode: 'BLIC', feeInputs: { quantity: 8 } },
        ],
        tenders: [{ kind: 'check', amountCents: 10000, routing: '121000358', account: '12345678', checkNumber: String(1000 + i) }, { kind: 'cash', amountCents: 20000 }],
      }, token);
      const t = ms(t0);
      if (!r.ok) throw new Error(r.error.message);
      return t;
    };
    const bareOnce = (): number => { const t0 = process.hrtime.bigint(); bare.run(randomUUID()); return ms(t0); };
    const post: number[] = [], ins: number[] = [], postNoFlush: number[] = [], insNoFlush: number[] = [], rowOnly: number[] = [], rowPair: number[] = [];
    const timed = (f: () => unknown): number => { const t0 = process.hrtime.bigint(); f(); return ms(t0); };
    for (let i = 0; i < N + 20; i++) {
      // Interleaved so disk conditions are shared; every timed durable write starts with nothing unflushed.
      const tp = await postOnce(2 * i);
      const tb = bareOnce();
      const payload = station.st.sqlGet<{ payload: string }>("SELECT payload FROM journal WHERE kind = 'receipt.posted' ORDER BY seq DESC LIMIT 1")!.payload;
      const tj = timed(() => floorJournal.run(payload));
      const tjo = timed(() => floorPair(payload));
      // The same posting and insert without the flush to disk (synchronous=OFF for these two only): what is
      // left is the CPU of each, so the ratio can be read as (CPU + flush) / (CPU + flush) on any machine.
      station.st.sqlite.pragma('synchronous = OFF');
      const tpn = await postOnce(2 * i + 1);
      const tbn = bareOnce();
      station.st.sqlite.pragma('synchronous = FULL');
      // Untimed: a durable write flushes what the two above left in the OS cache, so the next timed
      // posting does not pay for their pages.
      bare.run(randomUUID());
      if (i >= 20) { post.push(tp); ins.push(tb); postNoFlush.push(tpn); insNoFlush.push(tbn); rowOnly.push(tj); rowPair.push(tjo); }
      // A turn of the event loop between customers, as at the counter (idle WAL checkpoints run here).
      await new Promise((r) => setImmediate(r));
    }
    console.log(`posting_p50: ${fmt(pct(post, 50))} ms`);
    console.log(`posting_p99: ${fmt(pct(post, 99))} ms`);
    console.log(`bare_insert_p50: ${fmt(pct(ins, 50))} ms`);
    console.log(`bare_insert_p99: ${fmt(pct(ins, 99))} ms`);
    console.log(`posting_vs_bare_insert: ${fmt(pct(post, 50) / pct(ins, 50))} ratio`);
    console.log(`posting_no_flush_p50: ${fmt(pct(postNoFlush, 50))} ms`);
    console.log(`bare_insert_no_flush_p50: ${fmt(pct(insNoFlush, 50))} ms`);
    console.log(`posting_flush_p50: ${fmt(pct(post, 50) - pct(postNoFlush, 50))} ms`);
    console.log(`bare_insert_flush_p50: ${fmt(pct(ins, 50) - pct(insNoFlush, 50))} ms`);
    console.log(`journal_row_only_p50: ${fmt(pct(rowOnly, 50))} ms`);
    console.log(`journal_and_outbox_rows_p50: ${fmt(pct(rowPair, 50))} ms`);
    station.close();

    // Account search over 1,000,000 accounts.
    const big = await Station.open(join(dir, 'million.db'));
    let t0 = process.hrtime.bigint();
    big.commit(() => bulkUpsertAccounts(big, demoAccounts(Number(process.env.BENCH_ACCOUNTS ?? 1_000_000), 7), big.nowIso()));
    console.log(`directory_load_1m: ${fmt(ms(t0) / 1000)} s`);
    const fragments = ['garc', 'ernan', 'maple', 'son', 'lake st', 'ick', 'nguy', 'Oak Ave', 'riv', 'tamarack', 'dwar', 'mart', 'ez', 'ope', 'kowal', 'willow', 'arc', 'pez', 'ndr', 'ia'];
    const search: number[] = [], naive: number[] = [];
    const like = big.st.prepare("SELECT * FROM accounts WHERE name LIKE '%' || ? || '%' OR service_address LIKE '%' || ? || '%' OR account_number LIKE '%' || ? || '%' LIMIT 20");
    for (let round = 0; round < 5; round++) {
      for (const f of fragments) {
        t0 = process.hrtime.bigint();
        searchAccounts(big, f, 20);
        if (round > 0) search.push(ms(t0));
      }
    }
    for (const f of fragments) {
      t0 = process.hrtime.bigint();
      like.all(f, f, f);
      naive.push(ms(t0));
    }
    console.log(`account_search_p95: ${fmt(pct(search, 95))} ms`);
    console.log(`account_search_naive_like_p95: ${fmt(pct(naive, 95))} ms`);
    big.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
