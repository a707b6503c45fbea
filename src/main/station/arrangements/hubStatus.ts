// The hub's standing of arrangements, brought with the directory: kept or broken is decided there, from
// every station's payments. Applied inside the directory page's transaction; a break is journaled here
// once, the first time this station learns of it.
import type { WireArrangement } from '../../../shared/hubProtocol';
import type { Station } from '../station';

export function applyHubArrangements(station: Station, rows: readonly WireArrangement[], asOf: string): void {
  const k = station.kysely;
  for (const a of rows) {
    const values = {
      arrangement_id: a.record.id, account_number: a.record.accountNumber, record: JSON.stringify(a.record), status: a.status, paid_cents: a.paidCents,
      broken_on: a.brokenOn, broken_instalment: a.brokenInstalment, cancelled: a.cancelled ? JSON.stringify(a.cancelled) : null, as_of: asOf,
    };
    station.st.run(k.insertInto('hub_arrangements').values(values).onConflict((oc) => oc.column('arrangement_id').doUpdateSet({
      record: values.record, status: values.status, paid_cents: values.paid_cents, broken_on: values.broken_on,
      broken_instalment: values.broken_instalment, cancelled: values.cancelled, as_of: values.as_of,
    })));
    if (a.status !== 'broken' || !a.brokenOn) continue;
    if (station.st.get(k.selectFrom('arrangement_breaks').select('arrangement_id').where('arrangement_id', '=', a.record.id))) continue;
    const at = station.nowIso();
    station.st.run(k.insertInto('arrangement_breaks').values({ arrangement_id: a.record.id, broken_on: a.brokenOn, instalment_no: a.brokenInstalment ?? 0, recorded_at: at }));
    // The hub decided it and knows it: journaled here, not sent back.
    station.record('arrangement.broken', a.record.id, {
      arrangementId: a.record.id, arrangementNumber: a.record.number, accountNumber: a.record.accountNumber, brokenOn: a.brokenOn,
      instalmentNo: a.brokenInstalment, paidCents: a.paidCents,
    }, at, { sync: false });
  }
}
