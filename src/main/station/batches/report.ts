// The batch report: control figures, each item, the difference, who entered it and who approved it.
import type { BatchReportView } from '../../../shared/contract/batches';
import type { Station } from '../station';
import { batchView } from './view';

export function batchReport(station: Station, batchId: string): BatchReportView {
  const batch = batchView(station, batchId);
  return { batch, stationId: station.stationId, cityName: station.config.cityName, printedAt: station.nowIso(), approvedBy: batch.closure?.approvedBy ?? null };
}
