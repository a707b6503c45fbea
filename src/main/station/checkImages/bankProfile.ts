// The bank profile for image cash letters: one JSON value under "iclBankProfile" in `settings`.
// A routing number failing the ABA check digit (or any other bad field) is refused, nothing saved.
import { bankProfileSchema, DEFAULT_BANK_PROFILE, type BankProfile } from '../../../shared/checkImages';
import { StationError } from '../../../shared/errors';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';

const KEY = 'iclBankProfile';

export function bankProfile(station: Station): BankProfile {
  const row = station.st.get<{ value: string }>(station.kysely.selectFrom('settings').select('value').where('key', '=', KEY));
  if (!row) return DEFAULT_BANK_PROFILE;
  return bankProfileSchema.parse({ ...DEFAULT_BANK_PROFILE, ...(JSON.parse(row.value) as Partial<BankProfile>) });
}

export function saveBankProfile(station: Station, user: UserView, patch: Partial<BankProfile>): BankProfile {
  const r = bankProfileSchema.safeParse({ ...bankProfile(station), ...patch });
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new StationError('BANK_PROFILE_INVALID', { detail: `${i.path.join('.')}: ${i.message}` }, i.path.join('.'));
  }
  station.commit(() => {
    station.st.sqlRun('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', KEY, JSON.stringify(r.data));
    station.record('icl.bankProfile', station.stationId, { userId: user.id, ...r.data }, station.nowIso(), { sync: false });
  });
  return r.data;
}
