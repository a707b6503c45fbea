// The station's exception queue for batch items: money for an unknown or closed account, kept and
// resolved by a supervisor (applied to another account, or marked for refund), never dropped.
import type { BatchExceptionView } from '../../../shared/contract/batches';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { BatchExceptionResolutionsTable, BatchExceptionsTable } from '../../db/schema';
import { person } from '../endOfDay/common';
import type { Station } from '../station';

type Row = BatchExceptionsTable & { receipt_number: string; batch_number: string };

function viewOf(station: Station, e: Row): BatchExceptionView {
  const r = station.st.sqlGet<BatchExceptionResolutionsTable>('SELECT * FROM batch_exception_resolutions WHERE exception_id = ?', e.id);
  return {
    id: e.id, receiptNumber: e.receipt_number, batchNumber: e.batch_number, lineNo: e.line_no, accountNumber: e.account_number, kind: e.kind,
    amountCents: e.amount_cents, raisedAt: e.raised_at,
    resolution: r ? { action: r.action, accountNumber: r.account_number, note: r.note, by: person(station, r.resolved_by), at: r.resolved_at } : null,
  };
}

const SELECT = `SELECT e.*, r.receipt_number, b.batch_number FROM batch_exceptions e JOIN receipts r ON r.id = e.receipt_id
  JOIN batch_items i ON i.receipt_id = e.receipt_id JOIN batches b ON b.session_id = i.session_id`;

export function listExceptions(station: Station, open: boolean): BatchExceptionView[] {
  const rows = station.st.sqlAll<Row>(`${SELECT} ${open ? 'WHERE NOT EXISTS (SELECT 1 FROM batch_exception_resolutions x WHERE x.exception_id = e.id)' : ''} ORDER BY e.raised_at, r.receipt_number, e.line_no`);
  return rows.map((e) => viewOf(station, e));
}

export function resolveException(station: Station, user: UserView, input: { id: string; exceptionId: string; action: 'apply_to_account' | 'refund'; accountNumber?: string | undefined; note: string }): BatchExceptionView {
  const load = () => station.st.sqlGet<Row>(`${SELECT} WHERE e.id = ?`, input.exceptionId);
  const again = station.st.sqlGet<{ exception_id: string }>('SELECT exception_id FROM batch_exception_resolutions WHERE id = ?', input.id);
  if (again) {
    if (again.exception_id !== input.exceptionId) throw new StationError('IDEMPOTENCY_CONFLICT');
    return viewOf(station, load()!);
  }
  station.commit(() => {
    const e = load();
    if (!e) throw new StationError('BATCH_EXCEPTION_NOT_FOUND', { exception: input.exceptionId }, 'exceptionId');
    if (station.st.sqlGet('SELECT 1 FROM batch_exception_resolutions WHERE exception_id = ?', e.id)) throw new StationError('BATCH_EXCEPTION_RESOLVED', {}, 'exceptionId');
    let account: string | null = null;
    if (input.action === 'apply_to_account') {
      if (!input.accountNumber) throw new StationError('ACCOUNT_REQUIRED', { code: e.account_number }, 'accountNumber');
      const a = station.st.sqlGet<{ status: string }>('SELECT status FROM accounts WHERE account_number = ?', input.accountNumber);
      if (!a) throw new StationError('UNKNOWN_ACCOUNT', { account: input.accountNumber }, 'accountNumber');
      account = input.accountNumber;
    }
    const at = station.nowIso();
    station.st.sqlRun('INSERT INTO batch_exception_resolutions(id, exception_id, action, account_number, note, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      input.id, e.id, input.action, account, input.note, user.id, at);
    station.record('batch.exceptionResolved', input.id, {
      resolutionId: input.id, exceptionId: e.id, receiptId: e.receipt_id, receiptNumber: e.receipt_number, lineNo: e.line_no, fromAccount: e.account_number,
      action: input.action, accountNumber: account, amountCents: e.amount_cents, note: input.note, resolvedBy: user.id,
    }, at);
  });
  return viewOf(station, load()!);
}
