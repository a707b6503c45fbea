// Station settings as an admin sees and changes them; each change is journaled with who made it.
import { StationError } from '../../shared/errors';
import type { StationSettings, UserView } from '../../shared/views';
import type { StationConfig } from './config';
import type { Station } from './station';

const KEYS: (keyof StationSettings)[] = ['stationId', 'cityName', 'cityAddress', 'cutoff', 'timeZone', 'language', 'lockoutAttempts', 'lockoutMinutes',
  'floatCents', 'dropLimitCents', 'overShortToleranceCents', 'returnedCheckFeeCents', 'cashOnlyMonths', 'idleLockMinutes', 'cashRounding', 'depositBank'];

export function getSettings(station: Station): StationSettings {
  return Object.fromEntries(KEYS.map((k) => [k, station.config[k]])) as unknown as StationSettings;
}

export function updateSettings(station: Station, by: UserView, patch: Partial<StationConfig>): StationSettings {
  // Receipt numbers are gapless per station ID: the ID is fixed once money has been taken.
  if (patch.stationId && patch.stationId !== station.stationId && station.st.sqlGet('SELECT 1 FROM receipts LIMIT 1')) {
    throw new StationError('INVALID_INPUT', { detail: 'the station ID cannot change once receipts exist' }, 'stationId');
  }
  station.commit(() => {
    station.updateConfig(patch);
    station.record('settings.changed', 'settings', { by: by.id, changes: patch }, station.nowIso(), { sync: false });
  });
  return getSettings(station);
}
