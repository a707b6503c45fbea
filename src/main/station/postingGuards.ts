// Checks every posting makes before it writes: nothing goes to a closed business day.
import { StationError } from '../../shared/errors';
import type { Station } from './station';

export function assertDayOpen(station: Station, day: string): void {
  if (station.st.sqlGet('SELECT 1 FROM business_days WHERE day = ?', day)) {
    throw new StationError('BUSINESS_DAY_CLOSED', { day });
  }
}
