// `civictill verify` for the end of day: invariants 2–5 and 12 of DOMAIN.md re-derived from the raw rows,
// independently of the code that wrote the counts and deposits.
import { countTotal, type DenominationCounts } from '../../../shared/denominations';
import type { ExpectedFigures } from '../../../shared/endOfDayViews';
import { END_OF_DAY_APPEND_ONLY } from '../../../../migrations/0002_end_of_day';
import { ACCOUNTING_APPEND_ONLY } from '../../../../migrations/0018_accounting_gaps';
import type { CheckResult, LedgerCheck } from '../verify';
import type { Station } from '../station';
import { addCounts, normalCounts, subtractCounts } from './common';
import type { DepositItemRow, DepositRow, SessionCountItemRow, SessionCountLineRow, SessionCountRow } from './rows';

const ok = (counted: string): CheckResult => ({ finding: null, counted });
const broken = (invariant: string, row: string, detail: string): CheckResult => ({ finding: { invariant, row, detail }, counted: '' });
const INV2 = '2 (expected cash)', INV3 = '3 (expected checks and cards)', INV4 = '4 (over/short)', INV5 = '5 (deposits)';

interface Raw { cash: number; change: number; paidIn: number; paidOut: number; drops: number; float: number; kinds: Map<string, { n: number; total: number }> }

/** Every figure of a session straight from receipts, tenders, voids and movements, row by row. */
function raw(station: Station, sessionId: string): Raw {
  const st = station.st;
  const voided = new Set(st.sqlAll<{ receipt_id: string }>('SELECT receipt_id FROM voids WHERE session_id = ?', sessionId).map((v) => v.receipt_id));
  const r: Raw = { cash: 0, change: 0, paidIn: 0, paidOut: 0, drops: 0, float: 0, kinds: new Map() };
  r.float = st.sqlGet<{ f: number }>('SELECT float_cents AS f FROM drawer_sessions WHERE id = ?', sessionId)!.f;
  for (const rc of st.sqlAll<{ id: string; change_cents: number }>('SELECT id, change_cents FROM receipts WHERE session_id = ?', sessionId)) {
    if (voided.has(rc.id)) continue;
    r.change += rc.change_cents;
    for (const t of st.sqlAll<{ kind: string; card_brand: string | null; amount_cents: number }>('SELECT kind, card_brand, amount_cents FROM tenders WHERE receipt_id = ?', rc.id)) {
      if (t.kind === 'cash') r.cash += t.amount_cents;
      for (const key of [t.kind, t.kind === 'card' ? `card:${t.card_brand}` : null]) {
        if (!key) continue;
        const k = r.kinds.get(key) ?? { n: 0, total: 0 };
        k.n++; k.total += t.amount_cents;
        r.kinds.set(key, k);
      }
    }
  }
  for (const m of st.sqlAll<{ kind: string; amount_cents: number }>('SELECT kind, amount_cents FROM drawer_movements WHERE session_id = ?', sessionId)) {
    if (m.kind === 'paid_in') r.paidIn += m.amount_cents;
    else if (m.kind === 'paid_out') r.paidOut += m.amount_cents;
    else if (m.kind === 'drop') r.drops += m.amount_cents;
  }
  return r;
}

/** Counts of sessions that are counted or closed are checked against the rows as they are now. */
function currentCounts(station: Station): { c: SessionCountRow; state: string }[] {
  return station.st.sqlAll<SessionCountRow & { state: string }>(`SELECT c.*, s.state FROM session_counts c JOIN drawer_sessions s ON s.id = c.session_id
    WHERE s.state <> 'open' AND c.seq = (SELECT MAX(seq) FROM session_counts x WHERE x.session_id = c.session_id) ORDER BY c.counted_at, c.id`).map((c) => ({ c, state: c.state }));
}

function expectedCash(station: Station): CheckResult {
  let n = 0;
  for (const { c } of currentCounts(station)) {
    n++;
    const r = raw(station, c.session_id);
    const e = JSON.parse(c.expected) as ExpectedFigures;
    const want = r.float + r.cash - r.change + r.paidIn - r.paidOut - r.drops;
    const where = `count ${c.id} of session ${c.session_id}`;
    if (e.cashCents !== want) return broken(INV2, where, `expected cash ${e.cashCents} but the rows give ${want}`);
    if (e.cashCents !== e.floatCents + e.cashSalesCents + e.paidInCents - e.paidOutCents - e.dropsCents) return broken(INV2, where, 'expected cash does not add up from its parts');
    if (e.dropsCents !== r.drops) return broken(INV2, where, `drops ${e.dropsCents} but the rows give ${r.drops}`);
  }
  return ok(`${n} close-outs`);
}

function expectedNonCash(station: Station): CheckResult {
  for (const { c } of currentCounts(station)) {
    const r = raw(station, c.session_id);
    const e = JSON.parse(c.expected) as ExpectedFigures;
    const where = `count ${c.id} of session ${c.session_id}`;
    const pairs: [string, { count: number; totalCents: number }][] = [['check', e.checks], ['money_order', e.moneyOrders], ['card', e.cards], ['other', e.other],
      ...e.cards.byBrand.map((b) => [`card:${b.brand}`, b] as [string, { count: number; totalCents: number }])];
    for (const [key, fig] of pairs) {
      const k = r.kinds.get(key) ?? { n: 0, total: 0 };
      if (fig.count !== k.n || fig.totalCents !== k.total) return broken(INV3, where, `${key}: expected ${fig.count} for ${fig.totalCents}, the rows give ${k.n} for ${k.total}`);
    }
    const brands = [...r.kinds.keys()].filter((k) => k.startsWith('card:')).length;
    if (brands !== e.cards.byBrand.length) return broken(INV3, where, 'card brands differ from the rows');
  }
  return ok('');
}

function overShort(station: Station): CheckResult {
  const st = station.st;
  let n = 0;
  for (const c of st.sqlAll<SessionCountRow>('SELECT * FROM session_counts ORDER BY counted_at, id')) {
    n++;
    const where = `count ${c.id} of session ${c.session_id}`;
    const lines = st.sqlAll<SessionCountLineRow>('SELECT * FROM session_count_lines WHERE count_id = ?', c.id);
    const items = st.sqlAll<SessionCountItemRow>('SELECT * FROM session_count_items WHERE count_id = ?', c.id);
    const e = JSON.parse(c.expected) as ExpectedFigures;
    const cash = countTotal(JSON.parse(c.cash_counts) as DenominationCounts);
    const drops = Object.values(JSON.parse(c.drop_counts) as Record<string, DenominationCounts>).reduce((a, d) => a + countTotal(d), 0);
    if (cash !== c.cash_cents || drops !== c.drops_cents) return broken(INV4, where, 'the counted total differs from its denomination counts');
    const line = (tender: string, brand = '') => lines.find((l) => l.tender === tender && l.brand === brand);
    const counted = (kind: string) => items.filter((i) => i.kind === kind && i.status !== 'missing').reduce((a, i) => a + i.amount_cents, 0);
    const want: [string, number, number][] = [
      ['cash', e.cashCents + e.dropsCents, cash + drops], ['check', e.checks.totalCents, counted('check')],
      ['money_order', e.moneyOrders.totalCents, counted('money_order')], ['card', e.cards.totalCents, line('card')?.counted_cents ?? NaN], ['other', e.other.totalCents, counted('other')],
    ];
    let sum = 0;
    for (const [tender, exp, cnt] of want) {
      const l = line(tender);
      if (!l) return broken(INV4, where, `no ${tender} line`);
      if (l.expected_cents !== exp || l.counted_cents !== cnt || l.over_short_cents !== cnt - exp) return broken(INV4, where, `${tender}: stored ${l.counted_cents} − ${l.expected_cents} = ${l.over_short_cents}, the counts give ${cnt} − ${exp}`);
      sum += l.over_short_cents;
    }
    const brandLines = lines.filter((l) => l.brand !== '');
    if (brandLines.reduce((a, l) => a + l.counted_cents, 0) !== line('card')!.counted_cents) return broken(INV4, where, 'card brands do not add up to the card line');
    if (sum !== c.over_short_cents) return broken(INV4, where, `over/short ${c.over_short_cents}, its lines give ${sum}`);
    const abs = lines.filter((l) => l.tender !== 'card' || l.brand !== '').reduce((a, l) => a + Math.abs(l.over_short_cents), 0);
    if (abs !== c.over_short_abs_cents) return broken(INV4, where, 'absolute over/short differs from its lines');
    const closure = st.sqlGet<{ approved_by: string | null }>('SELECT approved_by FROM session_closures WHERE count_id = ?', c.id);
    if (closure && abs > c.tolerance_cents && !closure.approved_by) return broken(INV4, where, 'closed beyond the tolerance without a supervisor approval');
    if (!st.sqlGet("SELECT 1 FROM journal WHERE kind = 'closeout.counted' AND ref = ?", c.id)) return broken('7 (journal hash chain)', where, 'no journal row records this count');
  }
  for (const s of st.sqlAll<{ id: string }>("SELECT id FROM drawer_sessions s WHERE s.state = 'closed' AND NOT EXISTS (SELECT 1 FROM session_closures x WHERE x.count_id = (SELECT id FROM session_counts c WHERE c.session_id = s.id ORDER BY seq DESC LIMIT 1))")) {
    return broken(INV4, `session ${s.id}`, 'closed without a close-out of its latest count');
  }
  return ok(`${n} counts`);
}

function deposits(station: Station): CheckResult {
  const st = station.st;
  let n = 0;
  // A discarded draft (issue 15) holds no session: each session is in at most one deposit that is not.
  const twice = st.sqlGet<{ session_id: string }>(`SELECT session_id FROM deposit_sessions x WHERE NOT EXISTS (SELECT 1 FROM deposit_discards d WHERE d.deposit_id = x.deposit_id)
    GROUP BY session_id HAVING COUNT(*) > 1`);
  if (twice) return broken(INV5, `session ${twice.session_id}`, 'the session is in more than one deposit');
  for (const d of st.sqlAll<DepositRow>('SELECT * FROM deposits ORDER BY created_at, id')) {
    n++;
    const where = `deposit ${d.id}`;
    const discard = st.sqlGet<{ replaced_by: string | null }>('SELECT replaced_by FROM deposit_discards WHERE deposit_id = ?', d.id);
    if (discard) {
      if (discard.replaced_by && !st.sqlGet('SELECT 1 FROM deposits WHERE id = ?', discard.replaced_by)) return broken(INV5, where, `replaced by deposit ${discard.replaced_by}, which does not exist`);
      // Its sessions may since have been reopened and counted again: what it held is its own record.
      if (!st.sqlGet("SELECT 1 FROM journal WHERE kind = 'deposit.discarded' AND ref = ?", d.id)) return broken('7 (journal hash chain)', where, 'no journal row records its discard');
      continue;
    }
    const sessions = st.sqlAll<{ id: string; state: string }>('SELECT s.id, s.state FROM deposit_sessions x JOIN drawer_sessions s ON s.id = x.session_id WHERE x.deposit_id = ?', d.id);
    if (sessions.length === 0) return broken(INV5, where, 'a deposit without sessions');
    const sheets: DenominationCounts[] = [];
    const wantItems: string[] = [];
    for (const s of sessions) {
      if (s.state !== 'closed') return broken(INV5, where, `session ${s.id} is not closed`);
      const c = st.sqlGet<SessionCountRow>('SELECT * FROM session_counts WHERE session_id = ? ORDER BY seq DESC LIMIT 1', s.id)!;
      sheets.push(JSON.parse(c.cash_counts) as DenominationCounts, ...Object.values(JSON.parse(c.drop_counts) as Record<string, DenominationCounts>));
      for (const i of st.sqlAll<SessionCountItemRow>("SELECT * FROM session_count_items WHERE count_id = ? AND status <> 'missing' AND kind IN ('check', 'money_order')", c.id)) {
        wantItems.push(`${i.kind}|${i.receipt_id}|${i.tender_no}|${i.amount_cents}`);
      }
    }
    const available = addCounts(...sheets);
    if (JSON.stringify(available) !== JSON.stringify(normalCounts(JSON.parse(d.available_counts) as DenominationCounts))) return broken(INV5, where, 'cash available differs from the sessions\' counted cash and drops');
    const kept = JSON.parse(d.float_kept_counts) as DenominationCounts;
    const deposited = subtractCounts(available, kept);
    if (Object.values(deposited).some((x) => x < 0)) return broken(INV5, where, 'float kept back is more than the cash of a denomination');
    if (countTotal(deposited) !== d.cash_cents) return broken(INV5, where, `cash ${d.cash_cents}, counted − float kept gives ${countTotal(deposited)}`);
    // Invariant 12: a float kept back that is not the configured one was accepted by a supervisor.
    if (d.float_target_cents !== null && countTotal(kept) !== d.float_target_cents && d.float_accepted_by === null) {
      return broken('12 (float kept back)', where, `the float kept is ${countTotal(kept)}, not ${d.float_target_cents}, and no supervisor accepted it`);
    }
    const items = st.sqlAll<DepositItemRow>('SELECT * FROM deposit_items WHERE deposit_id = ?', d.id);
    const have = items.map((i) => `${i.kind}|${i.receipt_id}|${i.tender_no}|${i.amount_cents}`).sort();
    if (have.join() !== wantItems.sort().join()) return broken(INV5, where, 'its checks and money orders differ from the sessions\' counted items');
    const sum = (kind: string) => items.filter((i) => i.kind === kind).reduce((a, i) => a + i.amount_cents, 0);
    if (sum('check') !== d.checks_cents || sum('money_order') !== d.money_orders_cents) return broken(INV5, where, 'check or money order total differs from its items');
    if (d.total_cents !== d.cash_cents + d.checks_cents + d.money_orders_cents) return broken(INV5, where, 'total ≠ cash + checks + money orders');
    if (d.bank_confirmed_cents !== null && d.difference_cents !== d.bank_confirmed_cents - d.total_cents) return broken(INV5, where, 'the bank difference is not confirmed − total');
    if (!st.sqlGet("SELECT 1 FROM journal WHERE kind = 'deposit.created' AND ref = ?", d.id)) return broken('7 (journal hash chain)', where, 'no journal row records this deposit');
  }
  return ok(`${n} deposits`);
}

function returnedChecks(station: Station): CheckResult {
  const st = station.st;
  let n = 0;
  for (const rc of st.sqlAll<{ id: string; receipt_id: string; tender_no: number; amount_cents: number }>('SELECT id, receipt_id, tender_no, amount_cents FROM returned_checks')) {
    n++;
    const where = `returned check ${rc.id}`;
    const t = st.sqlGet<{ kind: string; amount_cents: number }>('SELECT kind, amount_cents FROM tenders WHERE receipt_id = ? AND tender_no = ?', rc.receipt_id, rc.tender_no);
    if (!t || t.kind !== 'check' || t.amount_cents !== rc.amount_cents) return broken('8 (nothing financial is updated or deleted)', where, 'does not match the check tender it returns');
    const reversed = st.sqlGet<{ s: number | null }>('SELECT SUM(amount_cents) AS s FROM returned_check_lines WHERE returned_check_id = ?', rc.id)!.s ?? 0;
    if (reversed !== rc.amount_cents) return broken('1 (receipt totals)', where, `reverses ${reversed}, the check was ${rc.amount_cents}`);
    if (!st.sqlGet("SELECT 1 FROM journal WHERE kind = 'check.returned' AND ref = ?", rc.id)) return broken('7 (journal hash chain)', where, 'no journal row records this return');
  }
  return ok(`${n} returned checks`);
}

function endOfDayTriggers(station: Station): CheckResult {
  const have = new Set(station.st.sqlAll<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
  for (const name of [...[...END_OF_DAY_APPEND_ONLY, ...ACCOUNTING_APPEND_ONLY].flatMap((t) => [`${t}_no_update`, `${t}_no_delete`]), 'deposits_frozen', 'deposits_flow', 'deposits_no_delete',
    'deposits_discarded_frozen', 'deposit_sessions_one_deposit', 'deposit_discards_draft']) {
    if (!have.has(name)) return broken('8 (nothing financial is updated or deleted)', `trigger ${name}`, 'the append-only trigger has been removed');
  }
  return ok('');
}

export const endOfDayChecks: LedgerCheck[] = [endOfDayTriggers, expectedCash, expectedNonCash, overShort, deposits, returnedChecks];
