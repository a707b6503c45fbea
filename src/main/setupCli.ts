// `civictill setup`: a new station from the command line, for installing a row of counter PCs from a
// script. Either from the hub's one-time code, or on its own. Exit codes an install script can act on:
export const SETUP_EXIT = {
  ok: 0,
  /** Unexpected failure (the message says what). */
  failed: 1,
  /** Arguments missing or malformed: nothing was done. */
  badArgs: 2,
  /** The database is already set up (it has users): nothing was changed. */
  alreadySetUp: 3,
  /** The enrolment code is unknown, used, expired, for another station, or too many were wrong: get a new one. */
  badCode: 4,
  /** The hub cannot be reached (or went away during the directory): run the same command again to carry on. */
  hubUnreachable: 5,
  /** A file (PIN, catalogue, accounts) cannot be read or was refused: nothing was imported. */
  badFile: 6,
  /** The hub refused for another reason (its certificate, a takeover): the message says what. */
  hubRefused: 7,
} as const;

import { readFileSync } from 'node:fs';
import { standAloneInput } from '../shared/contract/setup';
import { StationError } from '../shared/errors';
import { Station } from './station/station';
import { setUpStandAlone } from './station/setup/standAlone';
import { setupNeeded } from './station/setup/state';
import { pullUntilSetUp, setupEnrol } from './sync/setup';
import { syncOf } from './sync/service';

export interface SetupArgs {
  db?: string | undefined; hub?: string | undefined; code?: string | undefined;
  admin?: string | undefined; 'admin-name'?: string | undefined; 'pin-file'?: string | undefined; city?: string | undefined; address?: string | undefined;
  station?: string | undefined; 'time-zone'?: string | undefined; language?: string | undefined; catalog?: string | undefined; accounts?: string | undefined;
}

export const SETUP_USAGE = `civictill setup --db PATH --hub URL --code CODE
civictill setup --db PATH --admin ID --pin-file FILE --city NAME --station ST01 --catalog FILE.json
                [--accounts FILE.csv] [--admin-name NAME] [--address TEXT] [--time-zone ZONE] [--language en|es]
exit codes: 0 set up; 2 bad arguments; 3 already set up; 4 bad enrolment code; 5 hub unreachable (run again
to carry on); 6 a file cannot be read or was refused; 7 the hub refused; 1 anything else`;

class SetupExit extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

const CODE_ERRORS = new Set(['ENROL_CODE_UNKNOWN', 'ENROL_CODE_USED', 'ENROL_CODE_EXPIRED', 'ENROL_TOO_MANY', 'ENROL_WRONG_STATION', 'INVALID_INPUT']);
const FILE_ERRORS = new Set(['FILE_UNREADABLE', 'CATALOG_FILE_BAD', 'ACCOUNTS_FILE_BAD']);

function exitFor(e: StationError): number {
  if (e.code === 'SETUP_DONE' || e.code === 'SETUP_UNFINISHED') return SETUP_EXIT.alreadySetUp;
  if (e.code === 'HUB_UNREACHABLE') return SETUP_EXIT.hubUnreachable;
  if (FILE_ERRORS.has(e.code)) return SETUP_EXIT.badFile;
  if (e.code === 'INVALID_INPUT' && e.field === 'code') return SETUP_EXIT.badCode;
  if (CODE_ERRORS.has(e.code) && e.code !== 'INVALID_INPUT') return SETUP_EXIT.badCode;
  if (e.code === 'INVALID_INPUT' || e.code === 'PIN_MISMATCH') return SETUP_EXIT.badArgs;
  if (e.code.startsWith('HUB_')) return SETUP_EXIT.hubRefused;
  return SETUP_EXIT.failed;
}

function readPin(file: string): string {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
  } catch (e) {
    throw new SetupExit(SETUP_EXIT.badFile, `${file}: the PIN file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

async function withHub(station: Station, hub: string, code: string, out: (s: string) => void): Promise<void> {
  const wasPending = !!station.config.setupPending;
  await setupEnrol(station, hub, code);
  out(wasPending ? `Carrying on: station ${station.stationId} is enrolled with ${hub}; fetching the rest of its directory…\n`
    : `Enrolled with ${hub} as station ${station.stationId} (${station.config.cityName || 'city name not set at the hub'}); fetching its directory…\n`);
  const why = await pullUntilSetUp(station);
  await syncOf(station).stop();
  if (why) throw new SetupExit(SETUP_EXIT.hubUnreachable, `the directory has not all arrived (${why}). The station is enrolled: run the same command again to carry on.`);
  const n = (t: string) => station.st.sqlGet<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`)!.n;
  out(`Station ${station.stationId} is set up: ${n('users')} users, ${n('revenue_codes')} revenue codes, ${n('accounts')} accounts from the hub. Sign in with a user from the hub.\n`);
}

function standAlone(station: Station, a: SetupArgs, out: (s: string) => void): void {
  const missing = (['admin', 'pin-file', 'city', 'station', 'catalog'] as const).filter((k) => !a[k]);
  if (missing.length) throw new SetupExit(SETUP_EXIT.badArgs, `stand-alone setup needs ${missing.map((m) => `--${m}`).join(', ')}\n${SETUP_USAGE}`);
  const pin = readPin(a['pin-file']!);
  const parsed = standAloneInput.safeParse({
    adminId: a.admin, adminName: a['admin-name'] ?? a.admin, pin, pinAgain: pin, cityName: a.city, cityAddress: a.address ?? '',
    stationId: a.station, timeZone: a['time-zone'] ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), language: a.language ?? 'en',
    catalogFile: a.catalog, accountsFile: a.accounts ?? null,
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const flag: Record<string, string> = { adminId: '--admin', adminName: '--admin-name', pin: '--pin-file', pinAgain: '--pin-file', cityName: '--city', cityAddress: '--address', stationId: '--station', timeZone: '--time-zone', language: '--language', catalogFile: '--catalog', accountsFile: '--accounts' };
    throw new SetupExit(SETUP_EXIT.badArgs, `${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`);
  }
  const r = setUpStandAlone(station, parsed.data);
  out(`Station ${r.stationId} of ${parsed.data.cityName} is set up on its own: admin ${parsed.data.adminId}, ${r.revenueCodes} revenue codes (${r.schedules} fee schedules), ${r.accounts} accounts.\n`
    + 'Sign in as that admin; to join the city hub later, enrol on the Sync screen with a code made for this station ID.\n');
}

/** Runs `civictill setup`; returns the exit code (messages already written). */
export async function runSetup(a: SetupArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    if (!a.db) throw new SetupExit(SETUP_EXIT.badArgs, `setup needs --db PATH\n${SETUP_USAGE}`);
    const viaHub = !!(a.hub || a.code);
    if (viaHub && (!a.hub || !a.code)) throw new SetupExit(SETUP_EXIT.badArgs, `give both --hub URL and --code CODE\n${SETUP_USAGE}`);
    if (viaHub && (a.admin || a.catalog || a['pin-file'])) throw new SetupExit(SETUP_EXIT.badArgs, `either --hub and --code, or the stand-alone options, not both\n${SETUP_USAGE}`);
    const station = await Station.open(a.db);
    try {
      if (!setupNeeded(station) && !station.config.setupPending) throw new SetupExit(SETUP_EXIT.alreadySetUp, `${a.db} is already set up (station ${station.stationId}, it has users): nothing was changed`);
      if (viaHub) await withHub(station, a.hub!, a.code!, out);
      else standAlone(station, a, out);
    } finally {
      station.close();
    }
    return SETUP_EXIT.ok;
  } catch (e) {
    if (e instanceof SetupExit) { err(`civictill setup: ${e.message}\n`); return e.code; }
    if (e instanceof StationError) { err(`civictill setup: ${e.message}\n`); return exitFor(e); }
    err(`civictill setup: ${e instanceof Error ? e.message : String(e)}\n`);
    return SETUP_EXIT.failed;
  }
}
