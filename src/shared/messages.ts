// Messages the station sends the UI as a code with parameters, so the renderer words them in the
// cashier's language (src/renderer/i18n, key `msg.<code>`). The English text still travels beside
// each one (e.g. DeviceStatus.detail) as the technical detail for IT.

export const MESSAGE_CODES = [
  // A device's link, by what a person can do about it (classifyLinkError in ./linkFault).
  'link.unreachable', 'link.notFound', 'link.permission', 'link.timeout', 'link.deviceFault', 'link.busy', 'link.lost', 'link.other',
  // A device's state that is not a fault.
  'device.off', 'device.notConfigured', 'device.noDriver', 'device.badSettings', 'device.notOpened', 'device.connecting',
  'device.ready', 'device.readyAt', 'device.closed', 'device.retrying',
  // The receipt printer's own faults (DLE EOT status), and its work.
  'printer.coverOpen', 'printer.paperOut', 'printer.paperLow', 'printer.error', 'printer.offline', 'printer.notAnswering', 'printer.printing',
  // A cash drawer kicked through the printer.
  'drawer.throughPrinter', 'drawer.noSensor', 'drawer.open', 'drawer.closed', 'drawer.notSetUp',
  // Why a print job stopped or waits (PrintJobView.lastErrorMessage).
  'printJob.interrupted', 'printJob.gaveUp', 'printJob.noPrinter', 'printJob.layout', 'printJob.uncertain', 'printJob.failed',
  'printJob.slipTimeout', 'printJob.slipRemoved', 'printJob.noSlipStation', 'printJob.noEndorser', 'printJob.endorserNoCheck',
  // What a print job is (PrintJobView.labelMessage); amountCents is worded as money by the UI.
  'job.receipt', 'job.void', 'job.drop', 'job.paidOut', 'job.paidIn', 'job.xReport', 'job.zReport', 'job.depositSlip', 'job.test', 'job.arrangement', 'job.validation', 'job.endorsement', 'job.batchReport',
  // What a device's test action did (devices.test resultMessage).
  'test.printed', 'test.drawerKicked', 'test.displayShown', 'test.checkRead', 'test.checkUnreadable', 'test.noCheck',
  'test.keyPressed', 'test.noKey', 'test.notOpen', 'test.scanned', 'test.noScan', 'test.drawerOpened',
  // A cash drawer on its own serial port.
  'drawer.serial',
  // Sync with the city hub.
  'sync.unreachable', 'sync.timeout', 'sync.hubError', 'sync.refused', 'sync.other', 'sync.certChanged', 'sync.certUntrusted', 'sync.plainHttp',
  // Backups of the ledger (BackupRunView.errorMessage).
  'backup.folderUnwritable', 'backup.notVerified', 'backup.failed',
] as const;
export type MessageCode = (typeof MESSAGE_CODES)[number];

/** A parameter named …Cents is an amount in cents: the UI words it as money in the cashier's language. */
export type MessageParams = Record<string, string | number>;

export interface StationMessage {
  code: MessageCode;
  params: MessageParams;
}

export const msg = (code: MessageCode, params: MessageParams = {}): StationMessage => ({ code, params });

export const isMessageCode = (v: unknown): v is MessageCode => typeof v === 'string' && (MESSAGE_CODES as readonly string[]).includes(v);
