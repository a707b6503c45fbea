// Revenue codes and their fee schedules as the till sees them on a given day.
import { StationError } from '../../shared/errors';
import type { FeeInputs } from '../../shared/fees';
import type { FeeQuote, RevenueCodeView } from '../../shared/views';
import type { RevenueCategory } from '../../shared/domain';
import type { RevenueCodesTable } from '../db/schema';
import { computeFee, scheduleOn } from './fees';
import type { Station } from './station';

export function listRevenueCodes(station: Station, asOf: string): RevenueCodeView[] {
  const rows = station.st.sqlAll<RevenueCodesTable>('SELECT * FROM revenue_codes WHERE active = 1 ORDER BY sort, code');
  return rows.flatMap((r) => {
    try {
      const s = scheduleOn(station, r.code, asOf);
      return [{ code: r.code, nameEn: r.name_en, nameEs: r.name_es, glAccount: r.gl_account, category: r.category as RevenueCategory, requiresAccount: r.requires_account === 1, rule: s.rule, ruleEffectiveFrom: s.effectiveFrom }];
    } catch {
      return []; // no schedule in effect yet: not offered at the till
    }
  });
}

export function quoteFee(station: Station, code: string, inputs: FeeInputs, asOf: string): FeeQuote {
  if (!station.st.sqlGet('SELECT 1 FROM revenue_codes WHERE code = ? AND active = 1', code)) throw new StationError('UNKNOWN_REVENUE_CODE', { code }, 'revenueCode');
  const s = scheduleOn(station, code, asOf);
  const fee = computeFee(code, s.rule, inputs);
  if (fee.amountCents === null) throw new StationError('INVALID_INPUT', { detail: `${code} is paid in any amount: key the amount` }, 'revenueCode');
  return { revenueCode: code, amountCents: fee.amountCents, rule: s.rule, effectiveFrom: s.effectiveFrom, explanation: fee.explanation };
}
