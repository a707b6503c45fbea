// End-of-day handlers (issue: end of day). The logic lives in the small modules beside this file.
import type { endOfDayContract } from '../../../shared/contract/endOfDay';
import { StationError } from '../../../shared/errors';
import { approve } from '../auth';
import type { Handlers } from '../handlers';
import { approveCloseout, getCloseout, reopenSession, startCloseout, submitCount } from './closeout';
import { listSessions, xReport, zReport } from './reports';

const notYet = (): never => { throw new StationError('INTERNAL', { detail: 'not built yet' }); };

export const endOfDayHandlers: Handlers<keyof typeof endOfDayContract> = {
  'closeout.start': ({ station, user }, i) => startCloseout(station, user, i.sessionId),
  'closeout.checklist': ({ station, user }, i) => startCloseout(station, user, i.sessionId),
  'closeout.count': ({ station, user }, i) => submitCount(station, user, i),
  'closeout.approve': ({ station, user }, i) => approveCloseout(station, user, i, approve(station, i.approval, user)),
  'closeout.reopen': ({ station, user }, i) => reopenSession(station, user, i),
  'closeout.get': ({ station, user }, i) => getCloseout(station, user, i.sessionId),
  'closeout.list': ({ station, user }, i) => listSessions(station, user, i),
  'report.x': ({ station }, i) => xReport(station, i.sessionId),
  'report.z': ({ station }, i) => zReport(station, i.sessionId),
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
