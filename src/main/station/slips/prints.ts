// What a receipt prints on the slip station: a validation for each line scanned from a stub, an
// endorsement for each check. Filled from the templates at posting time (a snapshot, like a receipt).
import { formatCents } from '../../../shared/money';
import { fillTemplate, maskAccount, validationTemplateFor, type SlipPrint, type SlipSettings } from '../../../shared/slips';
import { localDateTime } from '../../../hardware/forms/layout';
import { catalog } from '../catalogCache';
import { receiptView } from '../receiptView';
import type { Station } from '../station';
import { stubsOf } from '../stubs/receiptStubs';

export const slipRef = (receiptId: string, kind: SlipPrint['kind'], n: number): string => `${receiptId}:${kind === 'validation' ? 'L' : 'T'}${n}`;

export function slipPrints(station: Station, receiptId: string, s: SlipSettings, copy = false): SlipPrint[] {
  const r = receiptView(station, receiptId);
  const cashier = r.cashierName;
  const [date, time] = localDateTime(r.createdAt, station.config.timeZone).split(' ') as [string, string];
  const city = station.config.cityName;
  const out: SlipPrint[] = [];
  if (s.validateStubs) {
    const stubs = stubsOf(station, receiptId);
    for (const l of r.lines) {
      const stub = stubs.get(l.lineNo);
      if (!stub) continue;
      const dept = catalog(station).get(l.revenueCode)?.category ?? '';
      const lines = fillTemplate(validationTemplateFor(s, l.revenueCode, dept), {
        city: city.toUpperCase(), date, time, receipt: r.receiptNumber, account: stub.accountNumber, amount: formatCents(l.amountCents), station: r.stationId,
        code: l.revenueCode, bill: stub.billNumber ?? '', cashier,
      }, s.slipColumns);
      out.push({ kind: 'validation', receiptNumber: r.receiptNumber, receiptId, number: l.lineNo, accountNumber: stub.accountNumber, checkNumber: null, amountCents: l.amountCents, lines, copy });
    }
  }
  if (s.endorseChecks) {
    const bank = station.config.depositBank;
    for (const t of r.tenders) {
      if (t.kind !== 'check') continue;
      const lines = fillTemplate(s.endorsement, {
        city, bank: bank.name, bankAccount: maskAccount(bank.account), receipt: r.receiptNumber, amount: formatCents(t.amountCents), date,
        checkNumber: t.checkNumber ?? '', station: r.stationId,
      }, s.slipColumns);
      out.push({ kind: 'endorsement', receiptNumber: r.receiptNumber, receiptId, number: t.tenderNo, accountNumber: null, checkNumber: t.checkNumber, amountCents: t.amountCents, lines, copy });
    }
  }
  return out;
}
