// `civictill verify`: re-walks the journal hash chain and checks the ledger invariants of DOMAIN.md.
// Each check returns the first broken row it finds; other modules add their checks to `ledgerChecks`.
import type { JournalTable, ReceiptsTable, StationTakeoversTable } from '../db/schema';
import { cashRoundingFor } from '../../shared/cashRounding';
import { canonicalJson } from '../../shared/canonical';
import { GENESIS_HASH, journalHash } from './journal';
import { formatReceiptNumber, receiptRecord } from './receiptView';
import { cardAttemptCheck } from './card/verify';
import type { Station } from './station';
import { endOfDayChecks } from './endOfDay/verifyChecks';
import { arrangementChecks } from './arrangements/verifyChecks';
import { batchChecks } from './batches/verifyChecks';
import { checkImageChecks, checkImageRowChecks } from './checkImages/verifyChecks';

export interface Finding { invariant: string; row: string; detail: string }
export interface CheckResult { finding: Finding | null; counted: string }
export type LedgerCheck = (station: Station) => CheckResult;

function walkJournal(station: Station): CheckResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const row of station.st.prepare('SELECT * FROM journal ORDER BY seq').iterate() as IterableIterator<JournalTable>) {
    n++;
    const where = `journal seq ${row.seq} (${row.kind} ${row.ref})`;
    const inv = '7 (journal hash chain)';
    if (row.seq !== expectedSeq) return { finding: { invariant: inv, row: where, detail: `expected seq ${expectedSeq}: rows are missing` }, counted: '' };
    if (row.prev_hash !== prev) return { finding: { invariant: inv, row: where, detail: 'prev_hash does not match the row before' }, counted: '' };
    let hash: string;
    try { hash = journalHash(prev, row); } catch { return { finding: { invariant: inv, row: where, detail: 'payload is not valid JSON' }, counted: '' }; }
    if (hash !== row.hash) return { finding: { invariant: inv, row: where, detail: 'hash does not match its contents: the row was changed after it was written' }, counted: '' };
    prev = row.hash;
    expectedSeq++;
  }
  return { finding: null, counted: `${n} journal rows` };
}

const APPEND_ONLY = ['fee_schedules', 'receipts', 'receipt_lines', 'tenders', 'voids', 'drawer_movements', 'reprints', 'journal', 'cash_only_flags', 'station_takeovers', 'card_attempts', 'card_attempt_results', 'tender_images', 'check_scans', 'icl_files', 'image_uploads', 'image_confirmations'];

function appendOnlyTriggers(station: Station): CheckResult {
  const have = new Set(station.st.sqlAll<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
  for (const t of APPEND_ONLY) {
    for (const suffix of ['_no_update', '_no_delete']) {
      if (!have.has(t + suffix)) return { finding: { invariant: '8 (nothing financial is updated or deleted)', row: `trigger ${t}${suffix}`, detail: 'the append-only trigger has been removed' }, counted: '' };
    }
  }
  return { finding: null, counted: `${APPEND_ONLY.length} append-only tables` };
}

function receipts(station: Station): CheckResult {
  const st = station.st;
  const journaled = st.prepare("SELECT payload FROM journal WHERE kind = 'receipt.posted' AND ref = ?");
  let n = 0;
  let station_ = '';
  let expectedSeq = 1;
  const takeoverGap = new Map(st.sqlAll<{ station_id: string; local_receipt_seq: number; hub_receipt_seq: number }>('SELECT station_id, local_receipt_seq, hub_receipt_seq FROM station_takeovers')
    .map((t) => [`${t.station_id} ${t.local_receipt_seq}`, t.hub_receipt_seq]));
  for (const r of st.prepare('SELECT * FROM receipts ORDER BY station_id, seq').iterate() as IterableIterator<ReceiptsTable>) {
    n++;
    const where = `receipt ${r.receipt_number}`;
    if (r.station_id !== station_) { station_ = r.station_id; expectedSeq = 1; }
    // The one gap allowed: the receipts of a PC that died, held by the hub, skipped at a takeover.
    const skipped = r.seq > expectedSeq ? takeoverGap.get(`${r.station_id} ${expectedSeq - 1}`) : undefined;
    if (skipped !== undefined && r.seq === skipped + 1) expectedSeq = r.seq;
    if (r.seq !== expectedSeq) return { finding: { invariant: '6 (receipt numbers have no gaps and no repeats)', row: where, detail: `expected seq ${expectedSeq} at station ${r.station_id}` }, counted: '' };
    expectedSeq++;
    if (r.receipt_number !== formatReceiptNumber(r.station_id, r.seq)) return { finding: { invariant: '6 (receipt numbers have no gaps and no repeats)', row: where, detail: `number does not match seq ${r.seq}` }, counted: '' };
    const rec = receiptRecord(station, r.id)!;
    const inv1 = '1 (receipt totals)';
    const all = [r.total_cents, r.tendered_cents, r.change_cents, ...rec.lines.map((l) => l.amountCents), ...rec.tenders.map((t) => t.amountCents)];
    if (!all.every((v) => Number.isSafeInteger(v))) return { finding: { invariant: inv1, row: where, detail: 'an amount is not a whole number of cents' }, counted: '' };
    const lines = rec.lines.reduce((s, l) => s + l.amountCents, 0);
    const tendered = rec.tenders.reduce((s, t) => s + t.amountCents, 0);
    const cash = rec.tenders.filter((t) => t.kind === 'cash').reduce((s, t) => s + t.amountCents, 0);
    if (rec.lines.length === 0 || lines !== r.total_cents) return { finding: { invariant: inv1, row: where, detail: `lines sum to ${lines}, total is ${r.total_cents}` }, counted: '' };
    // Cash rounding (issue 15): the cash paid the total rounded by cash_rounding_cents.
    const rounding = r.cash_rounding_cents ?? 0;
    if (tendered !== r.tendered_cents || tendered - r.change_cents !== r.total_cents + rounding) return { finding: { invariant: inv1, row: where, detail: `tenders ${tendered} − change ${r.change_cents} ≠ total ${r.total_cents}${rounding ? ` + cash rounding ${rounding}` : ''}` }, counted: '' };
    if (rounding !== cashRoundingFor(r.total_cents, rec.tenders, rounding ? 'nearest_5' : 'none')) return { finding: { invariant: inv1, row: where, detail: `cash rounding ${rounding} is not the cash due rounded to 5¢` }, counted: '' };
    if (r.change_cents > cash || r.change_cents < 0) return { finding: { invariant: inv1, row: where, detail: `change ${r.change_cents} exceeds cash tendered ${cash}` }, counted: '' };
    const j = journaled.get(r.id) as { payload: string } | undefined;
    if (!j) return { finding: { invariant: '7 (journal hash chain)', row: where, detail: 'no journal row records this receipt' }, counted: '' };
    if (j.payload !== canonicalJson(rec)) return { finding: { invariant: '8 (nothing financial is updated or deleted)', row: where, detail: 'the receipt differs from what the journal recorded: it was changed after posting' }, counted: '' };
  }
  return { finding: null, counted: `${n} receipts` };
}

function voidsAndMovements(station: Station): CheckResult {
  const st = station.st;
  for (const v of st.sqlAll<{ id: string; receipt_id: string }>('SELECT id, receipt_id FROM voids')) {
    if (!st.sqlGet("SELECT 1 FROM journal WHERE kind = 'receipt.voided' AND ref = ?", v.id)) return { finding: { invariant: '7 (journal hash chain)', row: `void ${v.id}`, detail: 'no journal row records this void' }, counted: '' };
  }
  for (const m of st.sqlAll<{ id: string; kind: string; amount_cents: number }>('SELECT id, kind, amount_cents FROM drawer_movements')) {
    const j = st.sqlGet<{ payload: string }>('SELECT payload FROM journal WHERE ref = ? AND kind = ?', m.id, `drawer.${m.kind}`);
    if (!j) return { finding: { invariant: '7 (journal hash chain)', row: `drawer movement ${m.id}`, detail: 'no journal row records this movement' }, counted: '' };
    if ((JSON.parse(j.payload) as { amountCents: number }).amountCents !== m.amount_cents) return { finding: { invariant: '8 (nothing financial is updated or deleted)', row: `drawer movement ${m.id}`, detail: 'amount differs from the journal' }, counted: '' };
  }
  return { finding: null, counted: '' };
}

/** A takeover moves where receipt numbers continue: each one must be as the journal recorded it. */
function takeovers(station: Station): CheckResult {
  const rows = station.st.all<StationTakeoversTable>(station.kysely.selectFrom('station_takeovers').selectAll().orderBy('at'));
  for (const t of rows) {
    const j = station.st.get<{ payload: string }>(station.kysely.selectFrom('journal').select('payload').where('kind', '=', 'sync.takeover').where('ref', '=', t.id));
    const where = `takeover ${t.id}`;
    if (!j) return { finding: { invariant: '7 (journal hash chain)', row: where, detail: 'no journal row records this takeover' }, counted: '' };
    const p = JSON.parse(j.payload) as Record<string, unknown>;
    if (p.localReceiptSeq !== t.local_receipt_seq || p.hubReceiptSeq !== t.hub_receipt_seq || p.hubAckedSeq !== t.hub_acked_seq) {
      return { finding: { invariant: '6 (receipt numbers have no gaps and no repeats)', row: where, detail: 'the takeover differs from what the journal recorded' }, counted: '' };
    }
  }
  return { finding: null, counted: rows.length ? `${rows.length} takeovers` : '' };
}

const coreChecks: LedgerCheck[] = [walkJournal, appendOnlyTriggers, receipts, voidsAndMovements, takeovers, ...endOfDayChecks, ...arrangementChecks, ...batchChecks, cardAttemptCheck];
export const ledgerChecks: LedgerCheck[] = [...coreChecks, ...checkImageChecks];
/** A backup (or a restore from one) is the database file alone: the check image files stay beside the live ledger. */
export const backupChecks: LedgerCheck[] = [...coreChecks, ...checkImageRowChecks];

export interface VerifyReport { ok: boolean; summary: string; finding: Finding | null }

export function verifyLedger(station: Station, checks: LedgerCheck[] = ledgerChecks): VerifyReport {
  const counted: string[] = [];
  for (const check of checks) {
    const r = check(station);
    if (r.finding) {
      const f = r.finding;
      return { ok: false, finding: f, summary: `BROKEN: invariant ${f.invariant} at ${f.row}: ${f.detail}` };
    }
    if (r.counted) counted.push(r.counted);
  }
  return { ok: true, finding: null, summary: `OK: ${counted.join(', ')}; every invariant holds` };
}
