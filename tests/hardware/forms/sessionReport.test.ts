// X and Z reports: each detail line sits under its own heading — the no-sales under "No-sales", the
// reprints under "Reprints" (issue 17, defect 7), in both languages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionReportForm } from '../../../src/hardware/forms/sessionReport';
import { slipLines } from '../../../src/hardware/forms/plainText';
import type { XReport } from '../../../src/shared/endOfDayViews';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { ctxFor } from '../fixtures';

let t: TestStation;
let x: XReport;
beforeAll(async () => {
  t = await makeStation({ accounts: 10 });
  await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
  const r = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
  await t.ok('drawer.noSale', { id: uuid(), reason: 'change for the meter' });
  await t.ok('receipt.reprint', { id: uuid(), receiptNumber: r.receiptNumber });
  x = await t.ok('report.x', {}, 'supervisor');
});
afterAll(() => t.cleanup());

/** The lines from a heading to the next rule. */
function under(lines: string[], heading: RegExp): string[] {
  const at = lines.findIndex((l) => heading.test(l));
  expect(at, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > at && /^-+$/.test(l));
  return [lines.slice(at + 1, end < 0 ? undefined : end).join(' ').replace(/\s+/g, ' ')];
}

it.each([['en', /^No-sales \(1\)$/, /^Reprints \(1\)$/], ['es', /^Aperturas sin venta \(1\)$/, /^Reimpresiones \(1\)$/]] as const)('%s: no-sales and reprints each under their own heading', (lang, noSales, reprints) => {
  for (const columns of [32, 48] as const) {
    const lines = slipLines(sessionReportForm(ctxFor(lang, columns), x));
    const ns = under(lines, noSales);
    expect(ns.join(' ')).toContain('change for the meter');
    expect(ns.join(' ')).not.toContain(x.reprints.items[0]!.receiptNumber);
    const rp = under(lines, reprints);
    expect(rp.join(' ')).toContain(x.reprints.items[0]!.receiptNumber);
    expect(rp.join(' ')).not.toContain('meter');
  }
});
