// Sign-in with lockout, signed-in sessions, and supervisor approvals — all decided on the main side.
import { randomBytes } from 'node:crypto';
import { roleAtLeast, type Role } from '../../shared/domain';
import { StationError } from '../../shared/errors';
import type { UserView } from '../../shared/views';
import type { UsersTable } from '../db/schema';
import type { Station } from './station';
import { hashPin, verifyPin } from './pins';

interface SignedIn { user: UserView; since: number }
const signedIn = new WeakMap<Station, Map<string, SignedIn>>();

function tokens(station: Station): Map<string, SignedIn> {
  let m = signedIn.get(station);
  if (!m) { m = new Map(); signedIn.set(station, m); }
  return m;
}

function loadUser(station: Station, userId: string): UsersTable | undefined {
  return station.st.sqlGet<UsersTable>('SELECT * FROM users WHERE id = ?', userId);
}

/**
 * Checks a user's PIN, counting failures and locking the user after the configured number.
 * Failures are written in their own transaction so they persist although the call fails.
 */
export function checkPin(station: Station, userId: string, pin: string): UsersTable {
  const user = loadUser(station, userId);
  const now = station.clock.now();
  const { lockoutAttempts, lockoutMinutes } = station.config;
  if (!user) {
    // Same work and same answer for an unknown user: no hint which user IDs exist.
    verifyPin(pin, hashPin('0000', { N: 1024 }));
    throw new StationError('WRONG_PIN', { remaining: lockoutAttempts }, 'pin');
  }
  if (!user.active) throw new StationError('USER_INACTIVE', {}, 'userId');
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new StationError('LOCKED_OUT', { until: user.locked_until.slice(11, 16) + ' UTC' }, 'pin');
  }
  if (verifyPin(pin, user.pin_hash)) {
    if (user.failed_attempts > 0 || user.locked_until) {
      station.commit(() => station.st.sqlRun('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?', user.id));
    }
    return user;
  }
  const failures = user.failed_attempts + 1;
  const locks = failures >= lockoutAttempts;
  const until = locks ? new Date(now.getTime() + lockoutMinutes * 60_000).toISOString() : null;
  station.commit(() => {
    station.st.sqlRun('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?', locks ? 0 : failures, until, user.id);
    station.record(locks ? 'auth.locked' : 'auth.failed', user.id, { userId: user.id, failures, lockedUntil: until }, now.toISOString(), { sync: false });
  });
  if (locks) throw new StationError('LOCKED_OUT', { until: until!.slice(11, 16) + ' UTC' }, 'pin');
  throw new StationError('WRONG_PIN', { remaining: lockoutAttempts - failures }, 'pin');
}

export function signIn(station: Station, userId: string, pin: string): { token: string; user: UserView } {
  // Set up from the hub and its directory not all here: nobody signs in to half a station.
  if (station.config.setupPending) throw new StationError('SETUP_UNFINISHED');
  const row = checkPin(station, userId, pin);
  const user: UserView = { id: row.id, name: row.name, role: row.role };
  const token = randomBytes(24).toString('base64url');
  tokens(station).set(token, { user, since: Date.now() });
  station.commit(() => station.record('auth.signedIn', user.id, { userId: user.id }, station.nowIso(), { sync: false }));
  return { token, user };
}

export function signOut(station: Station, token: string): void {
  tokens(station).delete(token);
}

export function userForToken(station: Station, token: string | undefined): UserView | undefined {
  return token ? tokens(station).get(token)?.user : undefined;
}

export function requireRole(user: UserView, need: Role): void {
  if (!roleAtLeast(user.role, need)) throw new StationError('FORBIDDEN', { role: user.role, needed: need });
}

/** A supervisor's PIN given at the counter: must be a supervisor (or admin) other than the actor. */
export function approve(station: Station, approval: { userId: string; pin: string }, actor: UserView): UserView {
  if (approval.userId === actor.id) throw new StationError('APPROVER_IS_SELF', {}, 'approval.userId');
  const row = checkPin(station, approval.userId, approval.pin);
  if (!roleAtLeast(row.role, 'supervisor')) throw new StationError('APPROVER_NOT_SUPERVISOR', {}, 'approval.userId');
  return { id: row.id, name: row.name, role: row.role };
}

export function createUser(station: Station, u: { id: string; name: string; role: Role; pin: string }, cost?: { N?: number }): void {
  station.commit(() => {
    station.st.sqlRun('INSERT INTO users(id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)', u.id, u.name, u.role, hashPin(u.pin, cost), station.nowIso());
    station.record('user.created', u.id, { id: u.id, name: u.name, role: u.role }, station.nowIso(), { sync: false });
  });
}
