// Enrolling the station with the hub, which is also how a replaced or rebuilt PC takes its station ID
// over. The station says where its history ends; when the hub holds more (the ledger came from an
// older backup, or is new), the outbox carries on after the hub's last seq and receipt numbers after
// the hub's last receipt (station_takeovers), so nothing new collides with what the hub keeps.
// Every enrol path (Sync screen, first-run setup, `civictill restore --hub`) goes through enrolStation.
import { randomUUID } from 'node:crypto';
import { StationError } from '../../shared/errors';
import type { EnrolResponse } from '../../shared/hubProtocol';
import { splitEnrolmentCode } from '../../shared/tlsFingerprint';
import type { Station } from '../station/station';
import { loadConfig } from '../station/config';
import { HubCertificateRefused, HubRefused, HubUnreachable, enrolWithHub, type StationHistory } from './client';
import { cityCaPem } from './settings';
import { getNumber, lastOutboxSeq, loadLink, saveLink, setState } from './state';

export const ENROL_TIMEOUT_MS = 15_000;

function history(station: Station): StationHistory {
  const lastSeq = lastOutboxSeq(station.st);
  const row = lastSeq ? station.st.get<{ event_id: string }>(station.kysely.selectFrom('outbox').select('event_id').where('seq', '=', lastSeq)) : undefined;
  return { lastSeq, lastEventId: row?.event_id ?? null };
}

/** A refusal in the words a person at the station can act on, on the field it concerns. */
function enrolError(e: unknown): unknown {
  if (e instanceof HubCertificateRefused) {
    if (e.problem === 'plainHttp') return new StationError('HUB_PLAIN_HTTP', { detail: e.message }, 'hubUrl');
    if (e.problem === 'changed') return new StationError('HUB_CERT_NOT_NAMED', { seen: e.seen ?? '' }, 'code');
    return new StationError('HUB_CERT_UNTRUSTED', { detail: e.message }, 'hubUrl');
  }
  if (e instanceof HubUnreachable) return new StationError('HUB_UNREACHABLE', { detail: e.message }, 'hubUrl');
  if (e instanceof HubRefused) {
    if (e.code === 'REWIND_REFUSED') return new StationError('HUB_TAKEOVER_REWIND', { reason: e.message }, 'code');
    if (e.code === 'HISTORY_MISMATCH') return new StationError('HUB_HISTORY_MISMATCH', { reason: e.message }, 'code');
    if (e.code === 'CODE_UNKNOWN') return new StationError('ENROL_CODE_UNKNOWN', {}, 'code');
    if (e.code === 'CODE_USED') return new StationError('ENROL_CODE_USED', {}, 'code');
    if (e.code === 'CODE_EXPIRED') return new StationError('ENROL_CODE_EXPIRED', {}, 'code');
    if (e.code === 'TOO_MANY_ATTEMPTS') return new StationError('ENROL_TOO_MANY', {}, 'code');
    if (e.code === 'WRONG_STATION') return new StationError('ENROL_WRONG_STATION', { reason: e.message }, 'code');
    return new StationError('HUB_REFUSED', { reason: e.message }, 'code');
  }
  return e;
}

export interface EnrolInput {
  hubUrl: string; code: string; userId: string | null; timeoutMs?: number;
  /** First-run setup: the station takes the ID the code was made for, and the city's name, address and time zone. */
  adopt?: boolean;
  /** The attempt's id (first-run setup keeps it until the attempt is done, so a lost answer can be asked again). */
  requestId?: string;
}

export async function enrolStation(station: Station, input: EnrolInput): Promise<EnrolResponse> {
  const split = splitEnrolmentCode(input.code);
  if (!split) throw new StationError('INVALID_INPUT', { detail: 'The enrolment code is 12 letters and digits (ABCD-EFGH-JKLM), or 36 when it carries the hub’s fingerprint.' }, 'code');
  let caPem: string | null;
  try { caPem = cityCaPem(station); } catch (e) { throw new StationError('INVALID_INPUT', { detail: (e as Error).message }, 'hubUrl'); }
  let res;
  try {
    res = await enrolWithHub(input.hubUrl, input.adopt ? null : station.stationId, split.code, input.timeoutMs ?? ENROL_TIMEOUT_MS, history(station),
      { pinSuffix: split.pinSuffix, caPem, requestId: input.requestId ?? null });
  } catch (e) {
    throw enrolError(e);
  }
  // A code that names the hub's certificate pins it (the whole SHA-256 of the one that matched).
  const adopt = input.adopt ? () => adoptFromHub(station, res) : undefined;
  try {
    linkStation(station, input.hubUrl, res, split.pinSuffix ? res.certificate : null, input.userId, adopt);
  } catch (e) {
    // Rolled back: the settings in memory go back to what the database holds.
    station.config = loadConfig(station.st);
    throw e;
  }
  return res;
}

/** A new station becomes the one the code was made for, in the city the hub names; sign-in waits for the directory. */
function adoptFromHub(station: Station, res: EnrolResponse): void {
  station.updateConfig({
    stationId: res.stationId, setupPending: true,
    ...(res.city ? { cityName: res.city.name, cityAddress: res.city.address, ...(res.city.timeZone ? { timeZone: res.city.timeZone } : {}) } : {}),
  });
}

/** Writes the link and, for a station behind the hub, the takeover: one transaction, journaled. */
export function linkStation(station: Station, hubUrl: string, res: EnrolResponse, tlsPin: string | null, userId: string | null, first?: () => void): void {
  const st = station.st;
  station.commit(() => {
    first?.();
    const before = loadLink(st);
    const at = station.nowIso();
    // Another hub: its directory and exception cursors mean nothing here.
    if (before && before.hubUrl !== hubUrl) {
      for (const key of ['directory_cursor', 'exceptions_cursor'] as const) setState(st, key, 0);
    }
    saveLink(st, { hubUrl, stationId: res.stationId, secret: res.secret, tlsPin }, at);
    const localSeq = lastOutboxSeq(st);
    if (res.ackedSeq > localSeq) {
      const localReceiptSeq = st.get<{ s: number | null }>(station.kysely.selectFrom('receipts').select((eb) => eb.fn.max('seq').as('s')).where('station_id', '=', station.stationId))?.s ?? 0;
      const takeover = {
        id: randomUUID(), station_id: station.stationId, hub_url: hubUrl, at, by_user: userId, local_last_seq: localSeq, hub_acked_seq: res.ackedSeq,
        local_receipt_seq: localReceiptSeq, hub_receipt_seq: Math.max(localReceiptSeq, res.receiptSeq),
      };
      st.run(station.kysely.insertInto('station_takeovers').values(takeover));
      // Everything this ledger has is at the hub already; its next event follows the hub's last.
      st.run(station.kysely.updateTable('outbox').set({ acked_at: at }).where('acked_at', 'is', null));
      setState(st, 'hub_acked_seq', res.ackedSeq);
      station.record('sync.takeover', takeover.id, {
        stationId: station.stationId, hubUrl, by: userId, localLastSeq: localSeq, hubAckedSeq: res.ackedSeq, localReceiptSeq, hubReceiptSeq: takeover.hub_receipt_seq,
        missingFromSeq: res.rewound?.fromSeq ?? localSeq + 1, exceptionId: res.rewound?.exceptionId ?? null,
      }, at);
    } else {
      // Sent again from the hub's last seq: the hub compares it byte for byte, so a ledger that is not
      // this station's history is refused (SEQ_CONFLICT) before anything new is stored.
      setState(st, 'hub_acked_seq', Math.min(getNumber(st, 'hub_acked_seq'), Math.max(0, res.ackedSeq - 1)));
    }
    // Never the secret in the journal: only that the station was enrolled, where and by whom.
    station.record('sync.enrolled', res.stationId, { hubUrl, stationId: res.stationId, enrolledBy: userId, hubAckedSeq: res.ackedSeq, tlsPin }, at, { sync: false });
  });
}
