// Checks every posting makes before it writes. The end-of-day work adds closed business days here.
import { StationError } from '../../shared/errors';
import type { Station } from './station';

export function assertDayOpen(station: Station, day: string): void {
  const hasTable = station.st.sqlGet("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'business_days'");
  if (hasTable && station.st.sqlGet("SELECT 1 FROM business_days WHERE day = ? AND closed_at IS NOT NULL", day)) {
    throw new StationError('BUSINESS_DAY_CLOSED', { day });
  }
}
