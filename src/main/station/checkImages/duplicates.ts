// Duplicate presentment: the same check (routing, account and check number) for the same amount, taken
// at this station within N days [90] and not voided, is refused: a check is deposited once.
import { StationError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import type { PostReceiptInput } from '../receipts';
import type { Station } from '../station';

export const DEFAULT_DUPLICATE_DAYS = 90;

export function duplicateDays(station: Station): number {
  const row = station.st.get<{ value: string }>(station.kysely.selectFrom('settings').select('value').where('key', '=', 'duplicateCheckDays'));
  const n = row ? Number(JSON.parse(row.value)) : DEFAULT_DUPLICATE_DAYS;
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_DUPLICATE_DAYS;
}

export function refuseDuplicateChecks(station: Station, tenders: PostReceiptInput['tenders'], now: Date): void {
  const days = duplicateDays(station);
  if (days === 0) return;
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  tenders.forEach((t, i) => {
    if (t.kind !== 'check') return;
    const number = t.checkNumber.replace(/^0+(?=\d)/, '');
    const hit = station.st.get<{ receipt_number: string }>(station.kysely.selectFrom('tenders as t')
      .innerJoin('receipts as r', 'r.id', 't.receipt_id')
      .select('r.receipt_number')
      .where('t.kind', '=', 'check').where('t.check_routing', '=', t.routing).where('t.check_account', '=', t.account)
      .where('t.amount_cents', '=', t.amountCents).where('r.created_at', '>=', since)
      .where((eb) => eb.or([eb('t.check_number', '=', number), eb('t.check_number', '=', t.checkNumber)]))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('voids as v').select('v.id').whereRef('v.receipt_id', '=', 'r.id'))))
      .limit(1));
    if (hit) throw new StationError('DUPLICATE_CHECK', { checkNumber: number, amount: formatCents(t.amountCents), receipt: hit.receipt_number, days }, `tenders.${i}`);
    // Two tenders of one receipt can be the same check keyed twice.
    const twin = tenders.findIndex((u, j) => j < i && u.kind === 'check' && u.routing === t.routing && u.account === t.account && u.amountCents === t.amountCents && u.checkNumber.replace(/^0+(?=\d)/, '') === number);
    if (twin >= 0) throw new StationError('DUPLICATE_CHECK', { checkNumber: number, amount: formatCents(t.amountCents), receipt: '—', days }, `tenders.${i}`);
  });
}
