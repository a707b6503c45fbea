// The schedule in effect for a revenue code; the rules' arithmetic is shared (src/shared/feeCompute.ts).
import { catalog } from './catalogCache';
import { StationError } from '../../shared/errors';
import type { FeeRule } from '../../shared/fees';
import type { Station } from './station';

export { computeFee, type FeeResult } from '../../shared/feeCompute';

/** The schedule in effect on a date: the latest effective_from on or before it. */
export function scheduleOn(station: Station, code: string, date: string): { rule: FeeRule; effectiveFrom: string } {
  const s = catalog(station).get(code)?.schedules.find((x) => x.effectiveFrom <= date);
  if (!s) throw new StationError('NO_FEE_SCHEDULE', { code, date }, 'revenueCode');
  return s;
}
