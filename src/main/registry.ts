// Every contract entry has exactly one handler: the type below fails to compile when one is missing.
import { devicesHandlers } from './devices/handlers';
import { printingHandlers } from './devices/printingHandlers';
import { syncHandlers } from './sync/handlers';
import { endOfDayHandlers } from './station/endOfDay/handlers';
import { ledgerHandlers, type Handlers } from './station/handlers';
import { backupHandlers } from './station/backup/handlers';
import { arrangementHandlers } from './station/arrangements/handlers';
import { arrangementPdfHandler } from './devices/arrangementPdfHandler';
import { stubsHandlers } from './station/stubs/handlers';
import { slipsHandlers } from './devices/slipHandlers';
import { batchesHandlers } from './station/batches/handlers';
import { batchReportHandlers } from './devices/batchReportHandlers';
import { cardHandlers } from './station/card/handlers';
import { voidWithReversal } from './station/card/voidReversal';
import { setupHandlers } from './sync/setupHandlers';
import { supportHandlers } from './station/support/handlers';
import { checkImagesHandlers } from './station/checkImages/handlers';

export const allHandlers: Handlers = {
  ...ledgerHandlers,
  ...endOfDayHandlers,
  ...devicesHandlers,
  ...syncHandlers,
  ...printingHandlers,
  ...backupHandlers,
  ...arrangementHandlers,
  ...arrangementPdfHandler,
  ...stubsHandlers,
  ...slipsHandlers,
  ...batchesHandlers,
  ...batchReportHandlers,
  ...cardHandlers,
  // A void of a receipt paid by card at the terminal reverses the charge there.
  'receipt.void': voidWithReversal(ledgerHandlers['receipt.void']),
  ...setupHandlers,
  ...supportHandlers,
  ...checkImagesHandlers,
};
