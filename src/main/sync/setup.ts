// First-run setup with the city hub: the one-time code is the only credential. The station enrols as the
// station the code was made for, takes the city's settings, then pulls the directory (users, catalogue,
// accounts) page by page; sign-in waits until it has all of it. A hub that goes away carries on where it
// stopped: each page is applied with its cursor, and an enrolment whose answer was lost is asked again
// with the same request id (the hub spends the same code again, with a new secret).
import { randomUUID } from 'node:crypto';
import type { SetupStatusView } from '../../shared/contract/setup';
import { StationError } from '../../shared/errors';
import type { Station } from '../station/station';
import { requireNotSetUp, setupNeeded, userCount } from '../station/setup/state';
import { enrolStation } from './enrolment';
import { startSync, syncOf } from './service';
import { getState, loadLink } from './state';

const ATTEMPT = 'setup.attempt';
interface Attempt { hubUrl: string; code: string; requestId: string }

export function setupStatus(station: Station): SetupStatusView {
  const pending = !!station.config.setupPending;
  const users = userCount(station);
  const link = loadLink(station.st);
  const sync = pending ? syncOf(station).status() : null;
  return {
    needed: setupNeeded(station),
    state: pending ? 'fetching' : users > 0 ? 'done' : 'new',
    stationId: pending || users > 0 ? station.stationId : null,
    cityName: pending || users > 0 ? station.config.cityName : null,
    hubUrl: link?.hubUrl ?? null,
    progress: sync?.directory.progress ?? null,
    users,
    directoryComplete: getState(station.st, 'directory_complete') === '1',
    lastError: sync?.state === 'offline' ? sync.lastErrorMessage : null,
  };
}

/** Enrols a station that has no users yet, and starts pulling the directory (answered before it has arrived). */
export async function setupEnrol(station: Station, hubUrl: string, code: string, opts: { timeoutMs?: number } = {}): Promise<SetupStatusView> {
  // Enrolled already and the directory still arriving: carry on (the same code again, or the screen reloaded).
  if (station.config.setupPending && loadLink(station.st)) {
    void syncOf(station).syncNow();
    return setupStatus(station);
  }
  requireNotSetUp(station);
  const prev = station.extensions[ATTEMPT] as Attempt | undefined;
  const attempt: Attempt = prev && prev.hubUrl === hubUrl && prev.code === code ? prev : { hubUrl, code, requestId: randomUUID() };
  station.extensions[ATTEMPT] = attempt;
  try {
    await enrolStation(station, { hubUrl, code, userId: null, adopt: true, requestId: attempt.requestId, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  } catch (e) {
    // Kept only while the answer may have been lost on the way; a refusal is final for this code.
    if (!(e instanceof StationError && e.code === 'HUB_UNREACHABLE')) delete station.extensions[ATTEMPT];
    throw e;
  }
  delete station.extensions[ATTEMPT];
  const loop = startSync(station);
  void loop.syncNow();
  return setupStatus(station);
}

/** For the CLI: sync cycles until the directory is all here; null when it is, else why not (the last error). */
export async function pullUntilSetUp(station: Station, maxCycles = 3): Promise<string | null> {
  const loop = syncOf(station);
  let last: string | null = null;
  for (let i = 0; i < maxCycles; i++) {
    const s = await loop.syncNow();
    if (!station.config.setupPending) return null;
    if (s.directory.complete) return 'the hub has sent its whole directory, but no users: import them at the hub (civictill hub import-users FILE.json), then run this again';
    last = s.lastError;
  }
  return last ?? 'the hub\'s directory did not arrive';
}
