// The same stub paid already: receipts of this business day at this station, not voided.
import type { Station } from '../station';

export function paidToday(station: Station, key: string, day: string): string[] {
  const q = station.kysely.selectFrom('receipt_stubs as s').innerJoin('receipts as r', 'r.id', 's.receipt_id')
    .select('r.receipt_number').where('s.stub_key', '=', key).where('r.business_day', '=', day).where('r.station_id', '=', station.stationId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('voids as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id'))))
    .orderBy('r.seq');
  return station.st.all<{ receipt_number: string }>(q).map((r) => r.receipt_number);
}
