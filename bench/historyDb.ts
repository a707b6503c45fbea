// Builds a station database holding a year of history fast: direct SQL in one transaction
// (no journal rows for the history: the benches read reports, they do not verify the chain).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import { addDays } from '../src/main/station/businessDay';
import { Station, type Clock } from '../src/main/station/station';
import { prng as rng } from '../src/shared/prng';
import { canonicalJson } from '../src/shared/canonical';
import { appendJournal } from '../src/main/station/journal';
import { receiptRecord } from '../src/main/station/receiptView';
import { seed } from './kit';

export interface History { station: Station; path: string; days: string[]; stations: string[]; receipts: number; sessions: number }

export async function buildHistory(opts: { stations: number; receipts: number; days: number; lastDay: string }): Promise<History> {
  const dir = mkdtempSync(join(tmpdir(), 'civictill-bench-'));
  const path = join(dir, 'station.db');
  const clock: Clock = { now: () => new Date(`${opts.lastDay}T17:30:00Z`) };
  const station = await Station.open(path, clock);
  station.updateConfig({ timeZone: 'America/Los_Angeles' });
  seed(station, 2000);
  const db = station.db.sqlite;
  db.pragma('synchronous = OFF'); // building the fixture only
  const r = rng(7);
  const accounts = (db.prepare('SELECT account_number FROM accounts ORDER BY account_number').all() as { account_number: string }[]).map((a) => a.account_number);
  const stations = Array.from({ length: opts.stations }, (_, i) => `ST${String(i + 1).padStart(2, '0')}`);
  const days = Array.from({ length: opts.days }, (_, i) => addDays(opts.lastDay, i - opts.days + 1));
  const pinHash = (db.prepare("SELECT pin_hash FROM users WHERE id = 'cashier'").get() as { pin_hash: string }).pin_hash;
  const codes: [string, boolean][] = [['WATER', true], ['SEWER', true], ['GARB', true], ['MISC', false], ['BOND', false], ['LID', true]];

  const ins = {
    user: db.prepare("INSERT INTO users(id, name, role, pin_hash, created_at) VALUES (?, ?, 'cashier', ?, '2025-01-01T00:00:00Z')"),
    session: db.prepare("INSERT INTO drawer_sessions(id, station_id, cashier_id, state, business_day, opened_at, float_cents, float_counts, closed_at) VALUES (?, ?, ?, 'closed', ?, ?, 15000, ?, ?)"),
    receipt: db.prepare('INSERT INTO receipts(id, station_id, seq, receipt_number, session_id, cashier_id, business_day, created_at, payer_name, total_cents, tendered_cents, change_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)'),
    line: db.prepare('INSERT INTO receipt_lines(receipt_id, line_no, revenue_code, account_number, amount_cents) VALUES (?, ?, ?, ?, ?)'),
    tender: db.prepare('INSERT INTO tenders(receipt_id, tender_no, kind, amount_cents, check_routing, check_account, check_number, card_brand, card_last4, card_auth) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)'),
    void: db.prepare("INSERT INTO voids(id, receipt_id, session_id, user_id, approved_by, reason, created_at) VALUES (?, ?, ?, ?, 'supervisor', 'keyed twice', ?)"),
    move: db.prepare('INSERT INTO drawer_movements(id, session_id, kind, amount_cents, reason, counts, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    count: db.prepare(`INSERT INTO session_counts(id, session_id, seq, counted_by, counted_at, cash_counts, cash_cents, drop_counts, drops_cents, expected, over_short_cents, over_short_abs_cents, tolerance_cents)
      VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 100)`),
    countLine: db.prepare('INSERT INTO session_count_lines(count_id, tender, brand, expected_count, expected_cents, counted_count, counted_cents, over_short_cents) VALUES (?, ?, ?, ?, ?, ?, ?, 0)'),
    closure: db.prepare('INSERT INTO session_closures(id, session_id, count_id, closed_by, closed_at) VALUES (?, ?, ?, ?, ?)'),
  };

  let receipts = 0, sessions = 0, uid = 0;
  const id = () => `h-${(++uid).toString(36).padStart(8, '0')}`;
  const perSession = opts.receipts / (opts.days * opts.stations);
  db.transaction(() => {
    stations.forEach((s, i) => ins.user.run(`cashier${i + 1}`, `Cashier ${i + 1}`, pinHash));
    const seq = new Map(stations.map((s) => [s, 0]));
    days.forEach((day, di) => {
      stations.forEach((st, si) => {
        const cashier = `cashier${si + 1}`;
        const sid = id();
        const opened = `${day}T16:00:00.000Z`;
        ins.session.run(sid, st, cashier, day, opened, JSON.stringify(STANDARD_FLOAT), `${day}T23:30:00.000Z`);
        sessions++;
        // spread the remainder so the total comes out exact
        const n = Math.floor((di * stations.length + si + 1) * perSession) - Math.floor((di * stations.length + si) * perSession);
        let cash = 0, change = 0;
        const kinds: Record<'check' | 'card', [number, number]> = { check: [0, 0], card: [0, 0] };
        for (let k = 0; k < n; k++) {
          const rid = id();
          const no = seq.get(st)! + 1;
          seq.set(st, no);
          const lines = r() < 0.3 ? 2 : 1;
          let total = 0;
          const at = new Date(Date.parse(opened) + k * 60_000).toISOString();
          const amounts = Array.from({ length: lines }, () => 500 + Math.floor(r() * 30000));
          for (const a of amounts) total += a;
          const pick = r();
          const kind = pick < 0.45 ? 'cash' : pick < 0.75 ? 'check' : 'card';
          const tendered = kind === 'cash' ? total + (r() < 0.5 ? 0 : Math.floor(r() * 2000)) : total;
          ins.receipt.run(rid, st, no, `${st}-${String(no).padStart(6, '0')}`, sid, cashier, day, at, total, tendered, tendered - total);
          amounts.forEach((a, li) => {
            const [code, needs] = codes[Math.floor(r() * codes.length)]!;
            ins.line.run(rid, li + 1, code, needs ? accounts[Math.floor(r() * accounts.length)]! : null, a);
          });
          ins.tender.run(rid, kind, tendered, kind === 'check' ? '121000358' : null, kind === 'check' ? String(10_000_000 + Math.floor(r() * 90_000_000)) : null,
            kind === 'check' ? String(1000 + Math.floor(r() * 9000)) : null, kind === 'card' ? 'visa' : null, kind === 'card' ? '4242' : null, kind === 'card' ? 'A1' : null);
          receipts++;
          if (r() < 0.01) { ins.void.run(id(), rid, sid, cashier, at); continue; }
          if (kind === 'cash') { cash += tendered; change += tendered - total; } else { kinds[kind][0]++; kinds[kind][1] += total; }
        }
        ins.move.run(id(), sid, 'paid_in', 2000, 'change from safe', null, cashier, `${day}T18:00:00.000Z`);
        const drop = Math.max(0, Math.floor((cash - change) / 2 / 2000)) * 2000;
        if (drop > 0) ins.move.run(id(), sid, 'drop', drop, null, JSON.stringify({ bill_2000: drop / 2000 }), cashier, `${day}T20:00:00.000Z`);
        const expectedCash = 15000 + cash - change + 2000 - drop;
        const cid = id();
        const expected = { floatCents: 15000, cashSalesCents: cash - change, paidInCents: 2000, paidOutCents: 0, dropsCents: drop, cashCents: expectedCash,
          checks: { count: kinds.check[0], totalCents: kinds.check[1] }, moneyOrders: { count: 0, totalCents: 0 },
          cards: { count: kinds.card[0], totalCents: kinds.card[1], byBrand: kinds.card[0] ? [{ brand: 'visa', count: kinds.card[0], totalCents: kinds.card[1] }] : [] }, other: { count: 0, totalCents: 0 } };
        // The drawer counted as one pile of pennies is still the right amount; the benches do not read denominations.
        ins.count.run(cid, sid, cashier, `${day}T23:30:00.000Z`, JSON.stringify({ coin_1: expectedCash }), expectedCash,
          JSON.stringify(drop ? { drop: { bill_2000: drop / 2000 } } : {}), drop, JSON.stringify(expected));
        ins.countLine.run(cid, 'cash', '', null, expectedCash + drop, null, expectedCash + drop);
        ins.countLine.run(cid, 'check', '', kinds.check[0], kinds.check[1], kinds.check[0], kinds.check[1]);
        ins.countLine.run(cid, 'money_order', '', 0, 0, 0, 0);
        ins.countLine.run(cid, 'card', '', kinds.card[0], kinds.card[1], kinds.card[0], kinds.card[1]);
        ins.countLine.run(cid, 'other', '', 0, 0, 0, 0);
        ins.closure.run(id(), sid, cid, cashier, `${day}T23:30:00.000Z`);
      });
    });
  })();
  db.pragma('synchronous = FULL');
  db.pragma('optimize');
  return { station, path, days, stations, receipts, sessions };
}

/**
 * What the history lacks for `verify` to pass on it, as the postings and close-outs would have written
 * it: each counted check confirmed at the count, the card line by brand, and the journal rows (a
 * receipt's record, each void, movement and count). For benches of what verifies the ledger.
 */
export function journalHistory(station: Station): void {
  const db = station.db.sqlite;
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    const st = station.st;
    const item = db.prepare("INSERT INTO session_count_items(count_id, item_no, status, kind, receipt_id, tender_no, amount_cents, routing, account, check_number) VALUES (?, ?, 'present', 'check', ?, ?, ?, ?, ?, ?)");
    const brand = db.prepare("INSERT INTO session_count_lines(count_id, tender, brand, expected_count, expected_cents, counted_count, counted_cents, over_short_cents) VALUES (?, 'card', 'visa', ?, ?, ?, ?, 0)");
    for (const c of db.prepare('SELECT id, session_id FROM session_counts').all() as { id: string; session_id: string }[]) {
      const checks = db.prepare(`SELECT t.receipt_id, t.tender_no, t.amount_cents, t.check_routing, t.check_account, t.check_number FROM tenders t JOIN receipts r ON r.id = t.receipt_id
        WHERE r.session_id = ? AND t.kind = 'check' AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id) ORDER BY r.seq`).all(c.session_id) as
        { receipt_id: string; tender_no: number; amount_cents: number; check_routing: string; check_account: string; check_number: string }[];
      checks.forEach((t, i) => item.run(c.id, i + 1, t.receipt_id, t.tender_no, t.amount_cents, t.check_routing, t.check_account, t.check_number));
      const card = db.prepare("SELECT expected_count AS n, expected_cents AS cents FROM session_count_lines WHERE count_id = ? AND tender = 'card' AND brand = ''").get(c.id) as { n: number; cents: number };
      if (card.n) brand.run(c.id, card.n, card.cents, card.n, card.cents);
    }
    for (const { id, created_at } of db.prepare('SELECT id, created_at FROM receipts ORDER BY seq').all() as { id: string; created_at: string }[]) {
      appendJournal(st, 'receipt.posted', id, canonicalJson(receiptRecord(station, id)), created_at);
    }
    for (const v of db.prepare('SELECT id, receipt_id, created_at FROM voids').all() as { id: string; receipt_id: string; created_at: string }[]) {
      appendJournal(st, 'receipt.voided', v.id, canonicalJson({ voidId: v.id, receiptId: v.receipt_id }), v.created_at);
    }
    for (const m of db.prepare('SELECT id, kind, amount_cents, created_at FROM drawer_movements').all() as { id: string; kind: string; amount_cents: number; created_at: string }[]) {
      appendJournal(st, `drawer.${m.kind}`, m.id, canonicalJson({ id: m.id, amountCents: m.amount_cents }), m.created_at);
    }
    for (const c of db.prepare('SELECT id, counted_at FROM session_counts').all() as { id: string; counted_at: string }[]) {
      appendJournal(st, 'closeout.counted', c.id, canonicalJson({ countId: c.id }), c.counted_at);
    }
  })();
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
