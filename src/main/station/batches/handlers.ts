// Handlers of the batches contract.
import type { batchesContract } from '../../../shared/contract/batches';
import { approve } from '../auth';
import type { Handlers } from '../handlers';
import { closeBatch } from './close';
import { listExceptions, resolveException } from './exceptions';
import { importFile } from './import';
import { addItem } from './addItem';
import { openBatch } from './open';
import { batchReport } from './report';
import { batchSettings, saveBatchSettings } from './settings';
import { batchView, listBatches } from './view';

export const batchesHandlers: Handlers<Exclude<keyof typeof batchesContract, 'batch.print' | 'batch.pdf'>> = {
  'batch.open': ({ station, user }, i) => batchView(station, openBatch(station, user, i)),
  'batch.addItem': ({ station, user }, i) => addItem(station, user, i),
  'batch.get': ({ station }, i) => batchView(station, i.batchId),
  'batch.list': ({ station }, i) => listBatches(station, i),
  'batch.close': ({ station, user }, i) => closeBatch(station, user, i, i.approval ? approve(station, i.approval, user) : null),
  'batch.import': ({ station, user }, i) => importFile(station, user, i),
  'batch.exceptions': ({ station }, i) => listExceptions(station, i.open),
  'batch.resolveException': ({ station, user }, i) => resolveException(station, user, i),
  'batch.report': ({ station }, i) => batchReport(station, i.batchId),
  'batch.settings': ({ station }) => batchSettings(station),
  'batch.updateSettings': ({ station, user }, i) => saveBatchSettings(station, user, i.layouts ? { layouts: i.layouts } : {}),
};
