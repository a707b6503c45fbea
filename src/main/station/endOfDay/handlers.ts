// End-of-day handlers (issue: end of day). The logic lives in the small modules beside this file.
import type { endOfDayContract } from '../../../shared/contract/endOfDay';
import { approve } from '../auth';
import type { Handlers } from '../handlers';
import { businessDayView, closeBusinessDay } from './businessDays';
import { approveCloseout, getCloseout, reopenSession, startCloseout, submitCount } from './closeout';
import { dailySummary } from './dailySummary';
import { createDeposit, depositView, listDeposits, prepareDeposit, proposeDeposit, setDepositFloat, verifyDeposit } from './deposits';
import { changeDepositSessions, discardDeposit } from './depositEdits';
import { dailySummaryCsv, receiptsJournalCsv } from './exports';
import { listSessions, xReport, zReport } from './reports';
import { findChecks, listReturnedChecks, recordReturnedCheck } from './returnedChecks';

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
  'report.dailySummary': ({ station }, i) => dailySummary(station, i.businessDay),

  'deposit.propose': ({ station }, i) => proposeDeposit(station, i.sessionIds, i.floatKept),
  'deposit.create': ({ station, user }, i) => createDeposit(station, user, i),
  'deposit.setFloat': ({ station, user }, i) => setDepositFloat(station, user, i.depositId, i.floatKept, i.acceptFloatDifferenceCents),
  'deposit.prepare': ({ station, user }, i) => prepareDeposit(station, user, i.depositId, i.bagNumber),
  'deposit.verify': ({ station, user }, i) => verifyDeposit(station, user, i.depositId, i.bankConfirmedCents, i.note),
  'deposit.discard': ({ station, user }, i) => discardDeposit(station, user, i.depositId, i.reason),
  'deposit.changeSessions': ({ station, user }, i) => changeDepositSessions(station, user, i),
  'deposit.get': ({ station }, i) => depositView(station, i.depositId),
  'deposit.list': ({ station }, i) => listDeposits(station, i.state, i.limit),

  'returnedCheck.find': ({ station }, i) => findChecks(station, i),
  'returnedCheck.record': ({ station, user }, i) => recordReturnedCheck(station, user, i),
  'returnedCheck.list': ({ station }, i) => listReturnedChecks(station, i.from, i.to, i.limit),

  'businessDay.status': ({ station }, i) => businessDayView(station, i.businessDay ?? station.businessDay()),
  'businessDay.close': ({ station, user }, i) => closeBusinessDay(station, user, i.businessDay),

  'export.dailySummary': ({ station }, i) => dailySummaryCsv(station, i.businessDay),
  'export.receiptsJournal': ({ station }, i) => receiptsJournalCsv(station, i.businessDay),
};
