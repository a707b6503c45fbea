// A scan read by the station: its formats decide, and each fault is an error a cashier can act on,
// on the field it concerns.
import { StationError } from '../../../shared/errors';
import { parseStub, type Stub, type StubField } from '../../../shared/stubs';
import type { Station } from '../station';
import { stubSettings } from './settings';

const FIELD_WORDS: Record<StubField, { en: string; es: string }> = {
  account: { en: 'account number', es: 'número de cuenta' },
  amount: { en: 'amount due', es: 'importe a pagar' },
  dueDate: { en: 'due date', es: 'fecha de vencimiento' },
  billNumber: { en: 'bill number', es: 'número de factura' },
  revenueCode: { en: 'service code', es: 'código de servicio' },
};

/** The stub in a scan; throws the fault as a StationError on `field` (a dot path prefix, e.g. "raw"). */
export function readStub(station: Station, raw: string, field = 'raw'): Stub {
  const r = parseStub(raw.trim(), stubSettings(station).formats);
  if (r.ok) return r.stub;
  switch (r.fault) {
    case 'noFormat': throw new StationError('STUB_NO_FORMAT', {}, field);
    case 'cutShort': throw new StationError('STUB_CUT_SHORT', {}, field);
    case 'checkDigit': throw new StationError('STUB_CHECK_DIGIT', {}, field);
    case 'field': {
      const w = FIELD_WORDS[r.field!];
      throw new StationError('STUB_FIELD', { field: r.field!, fieldEn: w.en, fieldEs: w.es, value: r.detail.match(/"([^"]*)"/)?.[1] ?? r.detail }, `${field}.${r.field!}`);
    }
  }
}
