// First run (issue 18): a station with no users is set up, not signed in to. Two ways: enrol with the
// city hub from its one-time code alone, or stand alone (first admin, city, station ID, catalogue file,
// accounts file). Both are public operations, allowed only while the station has no users: the station
// refuses them once it is set up, whoever asks.
import { z } from 'zod';
import type { StationMessage } from '../messages';
import { CARD_NUMBER_MESSAGE, freeText, noCardNumber } from '../text';
import { emptyInput, op } from './op';

/** Shortest PIN a first admin may choose (the sign-in takes 4 to 8 digits; an admin's guards the whole station). */
export const SETUP_MIN_PIN = 6;

export interface SetupStatusView {
  /** Show the setup screen, not the sign-in. */
  needed: boolean;
  /** new: nothing set up; fetching: enrolled with the hub, its directory still arriving; done: sign in. */
  state: 'new' | 'fetching' | 'done';
  stationId: string | null;
  cityName: string | null;
  hubUrl: string | null;
  /** 0–1 while the hub's directory is arriving (null when not known yet). */
  progress: number | null;
  /** Users the station has (from the hub, or the first admin). */
  users: number;
  /** The hub's whole directory has arrived (with no users in it, the hub admin has to import them). */
  directoryComplete: boolean;
  /** Why the directory is not arriving (the hub went away): the station keeps trying. */
  lastError: StationMessage | null;
}

const hubUrl = z.url({ protocol: /^https?$/, message: 'The hub address is a web address such as https://hub.city.local:8450' }).max(300);
const code = z.string().trim().regex(/^[A-Za-z0-9 -]{12,60}$/, 'The enrolment code is 12 letters and digits, e.g. ABCD-EFGH-JKLM (36 when it carries the hub’s fingerprint).');
const pin = z.string().regex(new RegExp(`^\\d{${SETUP_MIN_PIN},8}$`), `The admin's PIN is ${SETUP_MIN_PIN} to 8 digits.`);
/** A file on the station's PC, by its full path (the station reads it; nothing is uploaded). */
const filePath = freeText({ min: 1, minMessage: 'Give the full path of the file.', max: 500 });

export const standAloneInput = z.object({
  adminId: z.string().trim().regex(/^[a-z0-9._-]{2,32}$/, 'A user ID is 2 to 32 lower-case letters, digits, dots, dashes or underscores.').refine(noCardNumber, CARD_NUMBER_MESSAGE),
  adminName: freeText({ min: 2, max: 80 }),
  pin,
  pinAgain: pin,
  cityName: freeText({ min: 2, minMessage: 'Give the city’s name.', max: 120 }),
  cityAddress: freeText({ min: 0, max: 300 }),
  stationId: z.string().trim().regex(/^[A-Z0-9]{2,8}$/, 'A station ID is 2 to 8 capital letters or digits.'),
  timeZone: z.string().trim().regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/, 'A time zone such as America/Chicago.').max(64).refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'Unknown time zone.'),
  language: z.enum(['en', 'es']).default('en'),
  catalogFile: filePath,
  accountsFile: filePath.nullable().default(null),
}).strict();
export type StandAloneInput = z.output<typeof standAloneInput>;

export const setupContract = {
  'setup.status': op<SetupStatusView>()('public', emptyInput),
  'setup.enrol': op<SetupStatusView>()('public', z.object({ hubUrl, code }).strict()),
  'setup.standAlone': op<SetupStatusView>()('public', standAloneInput),
} as const;
