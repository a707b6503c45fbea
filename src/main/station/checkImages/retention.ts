// Retention of the images at the station: an image may be removed from this station's check-images/
// folder only when BOTH the bank profile's image retention (years since it was taken) has passed AND the
// hub has confirmed holding it, its hash checked. Past the years but not yet at the hub: kept, and counted.
// Only the list: removing the files is left to IT. `verify` takes a removed image the hub confirmed as kept.
import type { ImagesSafeToRemove } from '../../../shared/contract/checkImages';
import type { Station } from '../station';
import { bankProfile } from './bankProfile';

/** The moment `years` calendar years before `now` (29 February goes to 1 March). */
function yearsBefore(now: Date, years: number): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

export function imagesSafeToRemove(station: Station): ImagesSafeToRemove {
  const years = bankProfile(station).imageRetentionYears;
  const takenBefore = yearsBefore(station.clock.now(), years);
  const rows = station.st.sqlAll<{ sha256: string; taken_at: string; confirmed_at: string }>(
    `SELECT u.sha256, u.queued_at AS taken_at, c.confirmed_at FROM image_uploads u JOIN image_confirmations c ON c.sha256 = u.sha256
      WHERE u.queued_at < ? ORDER BY u.queued_at, u.sha256`, takenBefore);
  const held = station.st.sqlGet<{ n: number }>(
    'SELECT COUNT(*) AS n FROM image_uploads u WHERE u.queued_at < ? AND NOT EXISTS (SELECT 1 FROM image_confirmations c WHERE c.sha256 = u.sha256)', takenBefore)!.n;
  return {
    retentionYears: years, takenBefore,
    images: rows.map((r) => ({ sha256: r.sha256, takenAt: r.taken_at, hubConfirmedAt: r.confirmed_at })),
    heldForHub: held,
  };
}
