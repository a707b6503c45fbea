// Sync with the city hub (issue: sync): status for the UI, enrolment, forcing a sync, and the
// exceptions the hub reports back, which a supervisor marks resolved with a note.
import { z } from 'zod';
import { freeText } from '../text';
import type { ExceptionKind } from '../hubProtocol';
import type { StationMessage } from '../messages';
import { emptyInput, op, reasonSchema, requestId } from './op';

export interface SyncStatusView {
  enrolled: boolean;
  hubUrl: string | null;
  /** 'offline' while the hub cannot be reached, with lastError saying why; 'refused' when the hub refused
   * this station's events for good (SYNC STOPPED): nothing more is pushed until an admin sends them again. */
  state: 'not_enrolled' | 'online' | 'offline' | 'syncing' | 'refused';
  /** Outbox events the hub has not acknowledged yet. */
  pendingCount: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  /** Technical detail for IT (English): "the hub at http://10.0.0.9:8450 cannot be reached (ECONNREFUSED)". */
  lastError: string | null;
  /** The same as a code with parameters, for the UI to word in the cashier's language. */
  lastErrorMessage: StationMessage | null;
  directory: {
    /** The first full pull has finished: the till has the city's whole directory. */
    complete: boolean;
    /** 0–1 while a pull is running, else null. */
    progress: number | null;
    /** When the directory was last brought up to date with the hub. */
    asOf: string | null;
  };
  openExceptions: number;
  /** Check images the hub has not confirmed yet (the station keeps each until it has); those the last cycle
   * could not send (the file gone or changed, or refused by the hub), and the first one's reason, for IT. */
  images: { pending: number; unsendable: number; problem: string | null };
  /** The hub's permanent refusal of a push (a 4xx retrying cannot change), in its words, for IT. */
  refused: SyncRefusal | null;
  /** The hub's TLS certificate: the SHA-256 pinned at enrolment (null: checked against the CAs, or plain
   * http on this machine), and, when the last attempt was refused over it, why and what the hub showed. */
  certificate: {
    pinned: string | null;
    problem: 'changed' | 'untrusted' | 'plainHttp' | null;
    seen: string | null;
  };
}

export interface SyncRefusal {
  /** HTTP status and the hub's stable code (FOREIGN_ID, SEQ_CONFLICT, BAD_REQUEST…). */
  status: number;
  code: string;
  /** The hub's reason, as it said it (English). */
  message: string;
  /** The first outbox seq of the refused push. */
  seq: number;
  at: string;
}

export interface SyncSettingsView {
  /** Full path of the city's CA certificates (PEM), trusted beside the system's; null for none. */
  hubCaFile: string | null;
}

export interface HubExceptionView {
  id: number;
  kind: ExceptionKind;
  receiptNumber: string | null;
  accountNumber: string | null;
  amountCents: number | null;
  detail: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
  /** Resolved at this station and not yet confirmed by the hub. */
  resolutionPending: boolean;
}

const hubUrl = z.url({ protocol: /^https?$/, message: 'The hub address is a web address such as http://hub.city.local:8450' }).max(300);

export const syncContract = {
  'sync.status': op<SyncStatusView>()('cashier', emptyInput),
  'sync.enrol': op<SyncStatusView>()('admin', z.object({
    hubUrl,
    code: z.string().trim().regex(/^[A-Za-z0-9 -]{12,60}$/, 'The enrolment code is 12 letters and digits, e.g. ABCD-EFGH-JKLM (36 when it carries the hub’s fingerprint).'),
  }).strict()),
  'sync.now': op<SyncStatusView>()('cashier', emptyInput),
  /** After IT has dealt with the hub's refusal: push the refused events again (the refusal is journalled). */
  'sync.retryRefused': op<SyncStatusView>()('admin', emptyInput),
  'sync.exceptions': op<HubExceptionView[]>()('supervisor', z.object({ includeResolved: z.boolean().default(false) }).strict()),
  'sync.resolveException': op<HubExceptionView>()('supervisor', z.object({ id: requestId, exceptionId: z.number().int().positive(), note: reasonSchema }).strict()),
  'sync.settings': op<SyncSettingsView>()('admin', emptyInput),
  'sync.updateSettings': op<SyncSettingsView>()('admin', z.object({ hubCaFile: freeText({ min: 1, max: 500 }).nullable() }).strict()),
  /** Re-pins the hub's certificate after it changed: only the one the admin confirmed (its SHA-256) is accepted. */
  'sync.trustCertificate': op<SyncStatusView>()('admin', z.object({
    fingerprint: z.string().trim().regex(/^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'The SHA-256 fingerprint is 64 hexadecimal digits (AB:CD:…).'),
  }).strict()),
} as const;
