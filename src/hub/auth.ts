// Credentials: an admin token for the city's commands, a one-time enrolment code per station,
// then the station's own secret. Only hashes are stored; secrets are random, so SHA-256 suffices.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { HubDb } from './db';
import type { EnrolResponse } from '../shared/hubProtocol';
import { HubError } from './errors';
import { takeOver, type StationHistory } from './takeover';
import { cityOf } from './city';
import { CODE_ALPHABET, CODE_LENGTH } from '../shared/tlsFingerprint';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex'), y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const unauthorized = (message: string) => new HubError(401, 'UNAUTHORIZED', message);

/** Parses `Authorization: Basic …` (station) or `Bearer …` (admin token, enrolment code). */
export function parseAuthorization(header: string | undefined): { scheme: 'basic'; user: string; secret: string } | { scheme: 'bearer'; token: string } | null {
  if (!header) return null;
  const m = /^(Basic|Bearer)\s+(\S+)$/i.exec(header.trim());
  if (!m) return null;
  if (m[1]!.toLowerCase() === 'bearer') return { scheme: 'bearer', token: m[2]! };
  const decoded = Buffer.from(m[2]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { scheme: 'basic', user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** On first start: makes the admin token and returns it (once); null when one exists already. */
export async function ensureAdminToken(db: HubDb, nowIso: string): Promise<string | null> {
  const any = await db.kysely.selectFrom('admin_tokens').select('token_hash').limit(1).executeTakeFirst();
  if (any) return null;
  // Hex, not base64url: a token starting with '-' would be read as an option (`--token -x…`) by the CLI and by scripts.
  const token = randomBytes(32).toString('hex');
  await db.kysely.insertInto('admin_tokens').values({ token_hash: sha256(token), created_at: nowIso }).execute();
  return token;
}

export async function requireAdmin(db: HubDb, header: string | undefined): Promise<void> {
  const auth = parseAuthorization(header);
  if (!auth || auth.scheme !== 'bearer') throw unauthorized('this needs the hub admin token (Authorization: Bearer …)');
  const row = await db.kysely.selectFrom('admin_tokens').select('token_hash').where('token_hash', '=', sha256(auth.token)).executeTakeFirst();
  if (!row) throw unauthorized('the admin token is not right');
}

/** The station a request speaks for, from its Basic credentials. */
export async function requireStation(db: HubDb, header: string | undefined): Promise<string> {
  const auth = parseAuthorization(header);
  if (!auth || auth.scheme !== 'basic') throw unauthorized('this needs station credentials (Authorization: Basic station-id:secret); enrol the station first');
  const row = await db.kysely.selectFrom('stations').select('secret_hash').where('station_id', '=', auth.user).executeTakeFirst();
  if (!row?.secret_hash || !sameHash(row.secret_hash, sha256(auth.secret))) throw unauthorized('station id or secret is not right (enrol again with a new code if the secret was lost)');
  return auth.user;
}

// Enrolment codes are typed by a person at the station: 12 letters and digits without look-alikes (CODE_ALPHABET).

/** The code proper: a fingerprint suffix typed after it (src/shared/tlsFingerprint.ts) is the station's business. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').slice(0, CODE_LENGTH);
}

/** `allowRewind`: the code may take over the station from a ledger older than what the hub acknowledged. */
export async function createEnrolmentCode(db: HubDb, stationId: string, now: Date, ttlHours: number, allowRewind = false): Promise<{ code: string; expiresAt: string }> {
  let raw = '';
  for (let i = 0; i < 12; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  await db.kysely.transaction().execute(async (tx) => {
    await tx.insertInto('stations').values({ station_id: stationId, name: '', secret_hash: null, acked_seq: 0, enrolled_at: null, last_push_at: null })
      .onConflict((oc) => oc.column('station_id').doNothing()).execute();
    await tx.insertInto('enrolment_codes').values({ code_hash: sha256(raw), station_id: stationId, created_at: now.toISOString(), expires_at: expiresAt, used_at: null, allow_rewind: allowRewind }).execute();
  });
  return { code, expiresAt };
}

/** Wrong codes a client may send in GUESS_WINDOW_MS before it is told to wait; and all clients together. */
export const GUESS_LIMIT = 10;
export const GUESS_LIMIT_ALL = 200;
export const GUESS_WINDOW_MS = 15 * 60_000;

/** A code is 12 of 31 characters (over 10^17): at GUESS_LIMIT_ALL per quarter hour, guessing one takes longer than the hub lives. */
async function guessesLeft(db: HubDb, client: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - GUESS_WINDOW_MS).toISOString();
  const r = await db.kysely.selectFrom('enrolment_failures').select([
    (eb) => eb.fn.countAll<string>().as('all'),
    (eb) => eb.fn.count<string>(eb.case().when('client', '=', client).then(1).end()).as('mine'),
  ]).where('at', '>', since).executeTakeFirstOrThrow();
  if (Number(r.mine) >= GUESS_LIMIT || Number(r.all) >= GUESS_LIMIT_ALL) {
    throw new HubError(429, 'TOO_MANY_ATTEMPTS', `too many wrong enrolment codes from here in the last ${GUESS_WINDOW_MS / 60_000} minutes; wait, then check the code with the hub admin`);
  }
}

async function wrongCode(db: HubDb, client: string, now: Date, error: HubError): Promise<never> {
  await db.kysely.insertInto('enrolment_failures').values({ client, at: now.toISOString() }).execute();
  // Old failures are of no use: kept to the window, so the table stays small.
  await db.kysely.deleteFrom('enrolment_failures').where('at', '<', new Date(now.getTime() - 2 * GUESS_WINDOW_MS).toISOString()).execute();
  throw error;
}

/**
 * Checks the code (before the body is read) and returns the station it was made for. A spent code
 * passes again only for the request that spent it (`requestId`: its answer was lost on the way).
 */
export async function checkEnrolmentCode(db: HubDb, header: string | undefined, now: Date, client = '', requestId: string | null = null): Promise<{ codeHash: string; stationId: string }> {
  const auth = parseAuthorization(header);
  if (!auth || auth.scheme !== 'bearer') throw unauthorized('enrolment needs the one-time code from the hub admin (Authorization: Bearer CODE)');
  await guessesLeft(db, client, now);
  const codeHash = sha256(normaliseCode(auth.token));
  const row = await db.kysely.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row) return wrongCode(db, client, now, new HubError(401, 'CODE_UNKNOWN', 'this enrolment code is not known to the hub; check it, or ask the hub admin for a new one'));
  const retry = !!row.used_at && !!requestId && row.request_id === requestId;
  if (row.used_at && !retry) return wrongCode(db, client, now, new HubError(401, 'CODE_USED', `this enrolment code was already used (${row.used_at}); ask the hub admin for a new one`));
  if (row.expires_at <= now.toISOString() && !retry) return wrongCode(db, client, now, new HubError(401, 'CODE_EXPIRED', `this enrolment code expired at ${row.expires_at}; ask the hub admin for a new one`));
  return { codeHash, stationId: row.station_id };
}

/**
 * Spends the code and gives the station a new secret (an earlier one stops working: a replaced PC takes
 * the station over). A takeover from an older ledger is refused, with the code left unspent, unless the
 * code allows it (src/hub/takeover.ts). The same request may spend it again (a new secret: the first
 * answer never arrived).
 */
export async function enrol(db: HubDb, codeHash: string, stationId: string, now: Date, history: StationHistory = { lastSeq: 0, lastEventId: null }, requestId: string | null = null): Promise<EnrolResponse> {
  const secret = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  return db.kysely.transaction().execute(async (tx) => {
    // Spent in the same statement that checks it: two racing enrolments cannot both win.
    const spent = await sql<{ station_id: string; allow_rewind: boolean }>`UPDATE enrolment_codes SET used_at = ${at}, request_id = ${requestId}
      WHERE code_hash = ${codeHash} AND ((used_at IS NULL AND expires_at > ${at}) OR (used_at IS NOT NULL AND request_id IS NOT NULL AND request_id = ${requestId}))
      RETURNING station_id, allow_rewind`.execute(tx);
    const row = spent.rows[0];
    if (!row) throw unauthorized('this enrolment code was already used or has expired');
    if (row.station_id !== stationId) throw new HubError(403, 'WRONG_STATION', `this enrolment code is for station ${row.station_id}, not ${stationId}`);
    const takeover = await takeOver(tx, stationId, history, row.allow_rewind, at);
    await tx.updateTable('stations').set({ secret_hash: sha256(secret), enrolled_at: at }).where('station_id', '=', stationId).execute();
    return { stationId, secret, ...takeover, city: await cityOf(tx) };
  });
}
