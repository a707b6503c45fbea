// Sync handlers: status, enrolment (and takeover), forcing a sync, the hub's exceptions, the city CA
// file and re-pinning the hub's certificate.
import type { syncContract } from '../../shared/contract/sync';
import { StationError } from '../../shared/errors';
import type { Handlers } from '../station/handlers';
import type { Station } from '../station/station';
import { getException, listExceptions } from './apply';
import { displayFingerprint, normaliseFingerprint } from '../../shared/tlsFingerprint';
import { ENROL_TIMEOUT_MS, enrolStation } from './enrolment';
import type { SyncLoop } from './loop';
import { startSync, syncOf } from './service';
import { getSyncSettings, updateSyncSettings } from './settings';
import { getRefusal, loadLink, savePin, setRefusal } from './state';
import { HubCertificateRefused, HubTransport } from './transport';

const SYNC_NOW_WAIT_MS = 30_000;

/** A sync cycle now, answered with its outcome, or with the status as it is after 30 s (the cycle goes on). */
async function syncNowWithin(loop: SyncLoop) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), SYNC_NOW_WAIT_MS); });
  const status = await Promise.race([loop.syncNow(), late]);
  clearTimeout(timer);
  return status ?? loop.status();
}

async function enrol(station: Station, userId: string, hubUrl: string, code: string) {
  await enrolStation(station, { hubUrl, code, userId });
  const loop = startSync(station);
  loop.clearCertificateProblem();
  return loop.status();
}

/**
 * An admin confirmed the hub's new certificate by its fingerprint: the station connects again, sending
 * nothing but an unauthenticated health check, and pins it only if the hub shows exactly that one.
 */
async function trustCertificate(station: Station, userId: string, typed: string) {
  const link = loadLink(station.st);
  if (!link) throw new StationError('SYNC_NOT_ENROLLED');
  const pin = normaliseFingerprint(typed)!;
  const base = new URL(link.hubUrl.replace(/\/+$/, '') + '/');
  if (base.protocol !== 'https:') throw new StationError('INVALID_INPUT', { detail: 'the hub is reached over plain http on this machine: there is no certificate to trust' }, 'fingerprint');
  const probe = new HubTransport(base, { pin }, { keepAlive: false });
  try {
    await probe.request('v1/health', { method: 'GET', headers: {}, timeoutMs: ENROL_TIMEOUT_MS });
  } catch (e) {
    if (e instanceof HubCertificateRefused) throw new StationError('HUB_CERT_NOT_CONFIRMED', { seen: e.seen ? displayFingerprint(e.seen) : '' }, 'fingerprint');
    throw new StationError('HUB_UNREACHABLE', { detail: (e as Error).message }, 'fingerprint');
  } finally {
    probe.close();
  }
  station.commit(() => {
    savePin(station, pin);
    station.record('sync.certificatePinned', link.stationId, { hubUrl: link.hubUrl, by: userId, previous: link.tlsPin ?? null, pinned: pin }, station.nowIso(), { sync: false });
  });
  const loop = syncOf(station);
  loop.clearCertificateProblem();
  return syncNowWithin(loop);
}

export const syncHandlers: Handlers<keyof typeof syncContract> = {
  'sync.status': ({ station }) => syncOf(station).status(),

  'sync.enrol': ({ station, user }, i) => enrol(station, user.id, i.hubUrl, i.code),
  'sync.settings': ({ station }) => getSyncSettings(station),
  'sync.updateSettings': ({ station, user }, i) => updateSyncSettings(station, user.id, i),
  'sync.trustCertificate': ({ station, user }, i) => trustCertificate(station, user.id, i.fingerprint),

  'sync.now': async ({ station }) => {
    if (!loadLink(station.st)) throw new StationError('SYNC_NOT_ENROLLED');
    return syncNowWithin(syncOf(station));
  },

  'sync.retryRefused': async ({ station, user }) => {
    const link = loadLink(station.st);
    if (!link) throw new StationError('SYNC_NOT_ENROLLED');
    const refused = getRefusal(station.st);
    station.commit(() => {
      setRefusal(station.st, null);
      // Who sent the refused events again, and what the hub had said: kept in the journal.
      if (refused) station.record('sync.refusalCleared', link.stationId, { by: user.id, refused }, station.nowIso(), { sync: false });
    });
    return syncNowWithin(syncOf(station));
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
