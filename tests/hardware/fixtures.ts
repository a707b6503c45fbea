// Sample receipts for form and printer tests (shapes as the station returns them).
import type { ReceiptView } from '../../src/shared/views';
import type { FormContext } from '../../src/hardware/forms/doc';

export function ctxFor(lang: 'en' | 'es', columns: 32 | 48, code: FormContext['code'] = 'qr'): FormContext {
  return { columns, lang, city: { name: 'City of Riverton', address: '100 Main Street, Riverton' }, stationId: 'ST01', timeZone: 'America/Los_Angeles', code };
}

export function sampleReceipt(over: Partial<ReceiptView> = {}): ReceiptView {
  return {
    id: '6f1c2d3e-0000-4000-8000-000000000042', receiptNumber: 'ST01-000042', stationId: 'ST01', seq: 42, sessionId: 'S1',
    cashierId: 'cashier', cashierName: 'Casey Cashier', businessDay: '2026-11-20', createdAt: '2026-11-20T17:30:00.000Z', payerName: 'José Núñez',
    totalCents: 19321, tenderedCents: 25000, changeCents: 5679,
    lines: [
      { lineNo: 1, revenueCode: 'WATER', nameEn: 'Water bill payment', nameEs: 'Pago de factura de agua', glAccount: '401-3410-34340', accountNumber: '10001234', amountCents: 4321, feeInputs: null, description: null },
      { lineNo: 2, revenueCode: 'BPRM', nameEn: 'Building permit', nameEs: 'Permiso de construcción', glAccount: '001-2410-32210', accountNumber: null, amountCents: 15000, feeInputs: null, description: 'Deck, 120 sq ft' },
    ],
    tenders: [
      { tenderNo: 1, kind: 'cash', amountCents: 20000, checkRouting: null, checkAccount: null, checkNumber: null, micrRaw: null, cardBrand: null, cardLast4: null, cardAuth: null, reference: null },
      { tenderNo: 2, kind: 'check', amountCents: 5000, checkRouting: '121000358', checkAccount: '123456789', checkNumber: '1001', micrRaw: null, cardBrand: null, cardLast4: null, cardAuth: null, reference: null },
    ],
    voided: null, duplicate: false,
    ...over,
  };
}
