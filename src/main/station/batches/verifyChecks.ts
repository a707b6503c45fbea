// `civictill verify` for batches (DOMAIN.md invariant 10): every batch's entered figures are the sum of
// its receipts, every imported item appears once and in its file's batch, and a batch closed balanced
// stays balanced.
import { BATCH_APPEND_ONLY } from '../../../../migrations/0019_batches';
import type { BatchClosuresTable } from '../../db/schema';
import type { CheckResult, LedgerCheck } from '../verify';
import type { Station } from '../station';

const INV = '10 (a batch\'s receipts add up to its entered figures)';
const INV_ONCE = '10 (each imported item appears once)';
const INV_BAL = '10 (a balanced batch stays balanced)';
const ok = (counted: string): CheckResult => ({ finding: null, counted });
const broken = (invariant: string, row: string, detail: string): CheckResult => ({ finding: { invariant, row, detail }, counted: '' });

function triggers(station: Station): CheckResult {
  const have = new Set(station.st.sqlAll<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").map((r) => r.name));
  for (const t of BATCH_APPEND_ONLY) {
    for (const suffix of ['_no_update', '_no_delete']) {
      if (!have.has(t + suffix)) return broken('8 (nothing financial is updated or deleted)', `trigger ${t}${suffix}`, 'the append-only trigger has been removed');
    }
  }
  return ok('');
}

function batches(station: Station): CheckResult {
  const st = station.st;
  // A receipt of a batch's session that is not one of its items (or the other way round) is money outside the figures.
  const stray = st.sqlGet<{ receipt_number: string }>(`SELECT r.receipt_number FROM receipts r JOIN drawer_sessions s ON s.id = r.session_id
    WHERE s.kind = 'batch' AND NOT EXISTS (SELECT 1 FROM batch_items i WHERE i.receipt_id = r.id AND i.session_id = r.session_id)`);
  if (stray) return broken(INV, `receipt ${stray.receipt_number}`, 'a receipt of a batch that is not one of its items');
  const outside = st.sqlGet<{ receipt_id: string }>("SELECT i.receipt_id FROM batch_items i JOIN receipts r ON r.id = i.receipt_id JOIN drawer_sessions s ON s.id = r.session_id WHERE s.kind <> 'batch' OR r.session_id <> i.session_id");
  if (outside) return broken(INV, `batch item ${outside.receipt_id}`, 'the item\'s receipt is not in its batch');
  let n = 0;
  for (const b of st.sqlAll<{ session_id: string; batch_number: string; control_count: number; control_cents: number; state: string; items: number; cents: number; receipts: number; receipt_cents: number }>(`
    SELECT b.session_id, b.batch_number, b.control_count, b.control_cents, s.state,
      (SELECT COUNT(*) FROM batch_items i WHERE i.session_id = b.session_id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = i.receipt_id)) AS items,
      (SELECT COALESCE(SUM(l.amount_cents), 0) FROM batch_items i JOIN receipt_lines l ON l.receipt_id = i.receipt_id WHERE i.session_id = b.session_id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = i.receipt_id)) AS cents,
      (SELECT COUNT(*) FROM receipts r WHERE r.session_id = b.session_id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)) AS receipts,
      (SELECT COALESCE(SUM(t.amount_cents), 0) FROM receipts r JOIN tenders t ON t.receipt_id = r.id WHERE r.session_id = b.session_id AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.receipt_id = r.id)) AS receipt_cents
    FROM batches b JOIN drawer_sessions s ON s.id = b.session_id ORDER BY b.batch_number`)) {
    n++;
    const where = `batch ${b.batch_number}`;
    if (b.items !== b.receipts || b.cents !== b.receipt_cents) return broken(INV, where, `its items come to ${b.items} for ${b.cents}, its receipts to ${b.receipts} for ${b.receipt_cents}`);
    const c = st.sqlGet<BatchClosuresTable>('SELECT * FROM batch_closures WHERE session_id = ?', b.session_id);
    if ((b.state === 'closed') !== !!c) return broken(INV_BAL, where, b.state === 'closed' ? 'closed without a batch closure' : 'a closure but the batch is not closed');
    if (c) {
      if (c.entered_count !== b.items || c.entered_cents !== b.cents) return broken(INV_BAL, where, `closed at ${c.entered_count} for ${c.entered_cents}, it now holds ${b.items} for ${b.cents}`);
      if (c.difference_count !== c.entered_count - b.control_count || c.difference_cents !== c.entered_cents - b.control_cents) return broken(INV_BAL, where, 'the difference recorded at close is not entered − control');
      if (!c.approved_by && (c.difference_count !== 0 || c.difference_cents !== 0)) return broken(INV_BAL, where, 'closed out of balance without a supervisor approval');
      if (!st.sqlGet("SELECT 1 FROM journal WHERE kind = 'batch.closed' AND ref = ?", c.id)) return broken('7 (journal hash chain)', where, 'no journal row records this close');
    }
  }
  return ok(`${n} batches`);
}

function files(station: Station): CheckResult {
  const st = station.st;
  const twice = st.sqlGet<{ source_ref: string }>('SELECT source_ref FROM batch_items WHERE source_ref IS NOT NULL GROUP BY collection_point, source_ref HAVING COUNT(*) > 1');
  if (twice) return broken(INV_ONCE, `item ${twice.source_ref}`, 'imported more than once');
  let n = 0;
  for (const f of st.sqlAll<{ id: string; file_name: string; session_id: string; item_count: number; total_cents: number; items: number; cents: number; elsewhere: number }>(`
    SELECT f.id, f.file_name, f.session_id, f.item_count, f.total_cents,
      (SELECT COUNT(*) FROM batch_items i WHERE i.session_id = f.session_id AND i.source_ref IS NOT NULL) AS items,
      (SELECT COALESCE(SUM(r.total_cents), 0) FROM batch_items i JOIN receipts r ON r.id = i.receipt_id WHERE i.session_id = f.session_id AND i.source_ref IS NOT NULL) AS cents,
      (SELECT COUNT(*) FROM batches b WHERE b.file_id = f.id AND b.session_id <> f.session_id) AS elsewhere
    FROM batch_files f ORDER BY f.imported_at, f.id`)) {
    n++;
    const where = `file ${f.file_name} (${f.id})`;
    if (f.items !== f.item_count || f.cents !== f.total_cents) return broken(INV_ONCE, where, `the file held ${f.item_count} items for ${f.total_cents}, its batch has ${f.items} for ${f.cents}`);
    if (f.elsewhere) return broken(INV_ONCE, where, 'imported into more than one batch');
  }
  return ok(`${n} imported files`);
}

export const batchChecks: LedgerCheck[] = [triggers, batches, files];
