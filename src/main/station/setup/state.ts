// Whether the station still has to be set up: no users at all, or set up with the hub and its
// directory not all here yet. The setup operations are allowed only then, whoever calls them.
import { StationError } from '../../../shared/errors';
import type { Station } from '../station';

export function userCount(station: Station): number {
  return station.st.get<{ n: number }>(station.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')))!.n;
}

export function setupNeeded(station: Station): boolean {
  return userCount(station) === 0 || !!station.config.setupPending;
}

/** Setup is for a station nobody can sign in to yet: refused once it has users (or is being set up from the hub). */
export function requireNotSetUp(station: Station): void {
  if (station.config.setupPending) throw new StationError('SETUP_UNFINISHED');
  if (userCount(station) > 0) throw new StationError('SETUP_DONE');
}
