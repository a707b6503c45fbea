// Batch settings: the file layout of each source (two ship, see shared/batchFiles.ts) and the GL clearing
// accounts lockbox and online payments are booked to.
import { BUILT_IN_LAYOUTS } from '../../../shared/batchFiles';
import type { BatchSettingsView } from '../../../shared/contract/batches';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';

export const DEFAULT_CLEARING = { lockbox: '001-1010-10410', online: '001-1010-10420' };

export function batchSettings(station: Station): BatchSettingsView {
  const s = station.config.batchSettings ?? {};
  return { layouts: s.layouts ?? BUILT_IN_LAYOUTS, clearingAccounts: s.clearingAccounts ?? DEFAULT_CLEARING };
}

export function saveBatchSettings(station: Station, user: UserView, patch: Partial<BatchSettingsView>): BatchSettingsView {
  const next = { ...batchSettings(station), ...patch };
  station.commit(() => {
    station.updateConfig({ batchSettings: next });
    station.record('batch.settings', 'batchSettings', { by: user.id, layouts: next.layouts.map((l) => l.id), clearingAccounts: next.clearingAccounts }, station.nowIso(), { sync: false });
  });
  return batchSettings(station);
}
