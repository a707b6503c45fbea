// User administration: create, reset PIN, activate/deactivate, clear a lockout. Each change is journaled.
import type { Role } from '../../shared/domain';
import { StationError } from '../../shared/errors';
import type { UserAdminView, UserView } from '../../shared/views';
import type { UsersTable } from '../db/schema';
import { hashPin } from './pins';
import type { Station } from './station';

function toView(r: UsersTable): UserAdminView {
  return { id: r.id, name: r.name, role: r.role, active: r.active === 1, lockedUntil: r.locked_until, failedAttempts: r.failed_attempts };
}

function load(station: Station, userId: string): UsersTable {
  const r = station.st.sqlGet<UsersTable>('SELECT * FROM users WHERE id = ?', userId);
  if (!r) throw new StationError('INVALID_INPUT', { detail: `no user ${userId}` }, 'userId');
  return r;
}

export function listUsers(station: Station): UserAdminView[] {
  return station.st.sqlAll<UsersTable>('SELECT * FROM users ORDER BY role, name').map(toView);
}

export function createUserByAdmin(station: Station, by: UserView, u: { id: string; name: string; role: Role; pin: string }): UserAdminView {
  if (station.st.sqlGet('SELECT 1 FROM users WHERE id = ?', u.id)) throw new StationError('INVALID_INPUT', { detail: `user ${u.id} already exists` }, 'id');
  const hash = hashPin(u.pin);
  station.commit(() => {
    const at = station.nowIso();
    station.st.sqlRun('INSERT INTO users(id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)', u.id, u.name, u.role, hash, at);
    station.record('user.created', u.id, { id: u.id, name: u.name, role: u.role, by: by.id }, at, { sync: false });
  });
  return toView(load(station, u.id));
}

export function changeUser(station: Station, by: UserView, userId: string, change: { pin?: string; active?: boolean; unlock?: boolean }): UserAdminView {
  load(station, userId);
  if (change.active === false && userId === by.id) throw new StationError('INVALID_INPUT', { detail: 'you cannot deactivate yourself' }, 'active');
  const hash = change.pin ? hashPin(change.pin) : null;
  station.commit(() => {
    const at = station.nowIso();
    if (hash) station.st.sqlRun('UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?', hash, userId);
    if (change.active !== undefined) station.st.sqlRun('UPDATE users SET active = ? WHERE id = ?', change.active ? 1 : 0, userId);
    if (change.unlock) station.st.sqlRun('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?', userId);
    // The journal says what changed and who did it, never the PIN.
    station.record('user.changed', userId, { userId, by: by.id, pinReset: Boolean(hash), active: change.active ?? null, unlocked: Boolean(change.unlock) }, at, { sync: false });
  });
  return toView(load(station, userId));
}
