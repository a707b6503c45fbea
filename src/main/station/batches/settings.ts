// Batch settings: the file layout of each source (two ship, see shared/batchFiles.ts). The GL clearing
// accounts of lockbox and online payments are the hub's settings (gl.lockbox, gl.online): it books the journal.
import { BUILT_IN_LAYOUTS } from '../../../shared/batchFiles';
import type { BatchSettingsView } from '../../../shared/contract/batches';
import type { UserView } from '../../../shared/views';
import type { Station } from '../station';

export function batchSettings(station: Station): BatchSettingsView {
  const s = station.config.batchSettings ?? {};
  return { layouts: s.layouts ?? BUILT_IN_LAYOUTS };
}

export function saveBatchSettings(station: Station, user: UserView, patch: Partial<BatchSettingsView>): BatchSettingsView {
  const next = { ...batchSettings(station), ...patch };
  station.commit(() => {
    station.updateConfig({ batchSettings: next });
    station.record('batch.settings', 'batchSettings', { by: user.id, layouts: next.layouts.map((l) => l.id) }, station.nowIso(), { sync: false });
  });
  return batchSettings(station);
}
