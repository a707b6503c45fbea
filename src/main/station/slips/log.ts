// The slip log: what happened to each validation and endorsement of a receipt (append-only).
import type { SlipLogEntry } from '../../../shared/slips';
import type { Statements } from '../../db/statements';
import type { Station } from '../station';

export function logSlip(st: Statements, e: Omit<SlipLogEntry, 'seq'>): void {
  st.sqlRun('INSERT INTO slip_log(at, receipt_id, job_id, form, ref, event, user_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    e.at, e.receiptId, e.jobId, e.form, e.ref, e.event, e.userId, e.detail);
}

export function slipLog(station: Station, receiptId: string): SlipLogEntry[] {
  const rows = station.st.all<{ seq: number; at: string; receipt_id: string; job_id: string | null; form: 'validation' | 'endorsement'; ref: string; event: SlipLogEntry['event']; user_id: string | null; detail: string | null }>(
    station.kysely.selectFrom('slip_log').selectAll().where('receipt_id', '=', receiptId).orderBy('seq'));
  return rows.map((r) => ({ seq: r.seq, at: r.at, receiptId: r.receipt_id, jobId: r.job_id, form: r.form, ref: r.ref, event: r.event, userId: r.user_id, detail: r.detail }));
}
