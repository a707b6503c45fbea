// Sync handlers: status, enrolment, forcing a sync, and the hub's exceptions.
import type { syncContract } from '../../shared/contract/sync';
import { StationError } from '../../shared/errors';
import type { Handlers } from '../station/handlers';
import type { Station } from '../station/station';
import { getException, listExceptions } from './apply';
import { HubRefused, HubUnreachable, enrolWithHub } from './client';
import { startSync, syncOf } from './service';
import { loadLink, saveLink, setState } from './state';

const ENROL_TIMEOUT_MS = 15_000;
const SYNC_NOW_WAIT_MS = 30_000;

async function enrol(station: Station, userId: string, hubUrl: string, code: string) {
  let res;
  try {
    res = await enrolWithHub(hubUrl, station.stationId, code.toUpperCase().replace(/\s/g, ''), ENROL_TIMEOUT_MS);
  } catch (e) {
    if (e instanceof HubUnreachable) throw new StationError('HUB_UNREACHABLE', { detail: e.message }, 'hubUrl');
    if (e instanceof HubRefused) throw new StationError('HUB_REFUSED', { reason: e.message }, 'code');
    throw e;
  }
  station.commit(() => {
    const before = loadLink(station.st);
    const at = station.nowIso();
    // Another hub: its directory and exception cursors mean nothing here.
    if (before && before.hubUrl !== hubUrl) {
      for (const key of ['directory_cursor', 'exceptions_cursor'] as const) setState(station.st, key, 0);
    }
    saveLink(station.st, { hubUrl, stationId: res.stationId, secret: res.secret }, at);
    // Never the secret in the journal: only that the station was enrolled, where and by whom.
    station.record('sync.enrolled', res.stationId, { hubUrl, stationId: res.stationId, enrolledBy: userId, hubAckedSeq: res.ackedSeq }, at, { sync: false });
  });
  return startSync(station).status();
}

export const syncHandlers: Handlers<keyof typeof syncContract> = {
  'sync.status': ({ station }) => syncOf(station).status(),

  'sync.enrol': ({ station, user }, i) => enrol(station, user.id, i.hubUrl, i.code),

  'sync.now': async ({ station }) => {
    const loop = syncOf(station);
    if (!loadLink(station.st)) throw new StationError('SYNC_NOT_ENROLLED');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), SYNC_NOW_WAIT_MS); });
    const status = await Promise.race([loop.syncNow(), late]);
    clearTimeout(timer);
    return status ?? loop.status();
  },

  'sync.exceptions': ({ station }, i) => listExceptions(station, i.includeResolved),

  'sync.resolveException': ({ station, user }, i) => {
    station.commit(() => {
      const replay = station.st.sqlGet<{ exception_id: number }>('SELECT exception_id FROM exception_resolutions WHERE id = ?', i.id);
      if (replay) {
        if (replay.exception_id !== i.exceptionId) throw new StationError('IDEMPOTENCY_CONFLICT');
        return;
      }
      const x = getException(station, i.exceptionId);
      if (!x) throw new StationError('HUB_EXCEPTION_NOT_FOUND', { id: i.exceptionId }, 'exceptionId');
      if (x.resolvedAt) throw new StationError('HUB_EXCEPTION_RESOLVED', { id: i.exceptionId, at: x.resolvedAt }, 'exceptionId');
      const at = station.nowIso();
      station.st.sqlRun('INSERT INTO exception_resolutions(id, exception_id, user_id, note, created_at) VALUES (?, ?, ?, ?, ?)', i.id, i.exceptionId, user.id, i.note, at);
      station.st.sqlRun('UPDATE hub_exceptions SET resolved_at = ?, resolved_by = ?, note = ?, resolution_pending = 1 WHERE id = ?', at, user.id, i.note, i.exceptionId);
      // Through the outbox: the hub learns of it exactly once, even if the station is offline now.
      station.record('exception.resolved', i.id, { exceptionId: i.exceptionId, note: i.note, userId: user.id }, at);
    });
    return getException(station, i.exceptionId)!;
  },
};
