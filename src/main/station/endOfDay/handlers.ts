// End-of-day handlers (issue: end of day). The logic lives in the small modules beside this file.
import type { endOfDayContract } from '../../../shared/contract/endOfDay';
import { StationError } from '../../../shared/errors';
import type { Handlers } from '../handlers';

const notYet = (): never => { throw new StationError('INTERNAL', { detail: 'not built yet' }); };

export const endOfDayHandlers: Handlers<keyof typeof endOfDayContract> = {
  'closeout.start': notYet,
  'closeout.checklist': notYet,
  'closeout.count': notYet,
  'closeout.approve': notYet,
  'closeout.reopen': notYet,
  'closeout.get': notYet,
  'closeout.list': notYet,
  'report.x': notYet,
  'report.z': notYet,
  'report.dailySummary': notYet,
  'deposit.propose': notYet,
  'deposit.create': notYet,
  'deposit.setFloat': notYet,
  'deposit.prepare': notYet,
  'deposit.verify': notYet,
  'deposit.get': notYet,
  'deposit.list': notYet,
  'returnedCheck.find': notYet,
  'returnedCheck.record': notYet,
  'returnedCheck.list': notYet,
  'businessDay.status': notYet,
  'businessDay.close': notYet,
  'export.dailySummary': notYet,
  'export.receiptsJournal': notYet,
};
