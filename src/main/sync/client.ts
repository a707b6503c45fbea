// HTTP client of the hub's /v1/ API. Every call has a deadline; nothing here touches the database.
import type { z } from 'zod';
import {
  ENROL_REQUEST_HEADER, checkImageStatusSchema, enrolResponseSchema, exceptionsResponseSchema, hubErrorSchema, pullResponseSchema, pushResponseSchema,
  type CheckImageStatus, type EnrolResponse, type ExceptionsResponse, type PullResponse, type PushResponse,
} from '../../shared/hubProtocol';
import { HubCertificateRefused, HubTransport, type HubRequest, type HubResponse } from './transport';

export { HubCertificateRefused } from './transport';

/**
 * The hub could not be reached (network), or answered with a server error or something not understood
 * (server): try again later. A network failure keeps the socket error as its cause (for the message code).
 */
export class HubUnreachable extends Error {
  constructor(message: string, readonly where: 'network' | 'server' = 'network', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubUnreachable';
  }
}

/** The hub answered and refused, with a reason (and on a seq gap, the seq it expects). */
export class HubRefused extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly expectedSeq?: number, readonly expectedOffset?: number) {
    super(message);
    this.name = 'HubRefused';
  }
}

export interface HubCredentials {
  hubUrl: string; stationId: string; secret: string;
  /** SHA-256 of the hub's certificate pinned at enrolment (https only); null: checked against the CAs. */
  tlsPin?: string | null;
}

export interface ClientOptions {
  timeoutMs: number;
  /** The city's CA certificates (PEM), trusted beside the system's when no certificate is pinned. */
  caPem?: string | null;
}

async function call<S extends z.ZodType>(transport: HubTransport, path: string, init: Omit<HubRequest, 'timeoutMs'>, schema: S, timeoutMs: number): Promise<z.infer<S>> {
  let res: HubResponse;
  try {
    res = await transport.request(path, { ...init, timeoutMs });
  } catch (e) {
    // Refused before anything was sent: said as it is, never as "the hub does not answer".
    if (e instanceof HubCertificateRefused) throw e;
    const cause = (e as { code?: string }).code;
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause ?? (e as Error).message;
    throw new HubUnreachable(`the hub at ${transport.base.origin} cannot be reached (${why})`, 'network', { cause: e });
  }
  let body: unknown;
  try { body = JSON.parse(res.text); } catch { body = undefined; }
  if (res.status >= 500 || body === undefined) throw new HubUnreachable(`the hub answered ${res.status}${body === undefined ? ' with something that is not JSON' : ''}`, 'server');
  if (res.status < 200 || res.status > 299) {
    const err = hubErrorSchema.safeParse(body);
    if (!err.success) throw new HubRefused(res.status, 'UNKNOWN', `the hub refused (${res.status})`);
    throw new HubRefused(res.status, err.data.error.code, err.data.error.message, err.data.error.expectedSeq, err.data.error.expectedOffset);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HubUnreachable(`the hub's answer was not understood (${parsed.error.issues[0]?.message ?? 'invalid'})`, 'server');
  return parsed.data;
}

/** The hub's base URL with a trailing slash, so API paths resolve below any path prefix (a reverse proxy's). */
const baseOf = (url: string): URL => new URL(url.replace(/\/+$/, '') + '/');

export class HubClient {
  private readonly auth: string;
  private readonly transport: HubTransport;
  /** Throws HubCertificateRefused for an http:// hub off this machine, before anything is sent. */
  constructor(readonly creds: HubCredentials, private readonly opts: ClientOptions) {
    this.auth = 'Basic ' + Buffer.from(`${creds.stationId}:${creds.secret}`).toString('base64');
    this.transport = new HubTransport(baseOf(creds.hubUrl), { pin: creds.tlsPin ?? null, caPem: opts.caPem ?? null });
  }

  /** `body` is built from the outbox rows' stored text, so the hub gets the events byte for byte. */
  push(body: string): Promise<PushResponse> {
    return call(this.transport, 'v1/sync/push', { method: 'POST', headers: { authorization: this.auth, 'content-type': 'application/json' }, body }, pushResponseSchema, this.opts.timeoutMs);
  }

  pull(cursor: number, limit: number): Promise<PullResponse> {
    return call(this.transport, `v1/sync/pull?cursor=${cursor}&limit=${limit}`, { method: 'GET', headers: { authorization: this.auth } }, pullResponseSchema, this.opts.timeoutMs);
  }

  exceptions(cursor: number): Promise<ExceptionsResponse> {
    return call(this.transport, `v1/sync/exceptions?cursor=${cursor}`, { method: 'GET', headers: { authorization: this.auth } }, exceptionsResponseSchema, this.opts.timeoutMs);
  }

  /** How much of a check image the hub holds (where its upload resumes). */
  imageStatus(sha: string): Promise<CheckImageStatus> {
    return call(this.transport, `v1/sync/check-images?sha256=${sha}`, { method: 'GET', headers: { authorization: this.auth } }, checkImageStatusSchema, this.opts.timeoutMs);
  }

  /** One chunk of a check image at `offset` of its `size` bytes. */
  putImageChunk(sha: string, offset: number, size: number, bytes: Buffer): Promise<CheckImageStatus> {
    return call(this.transport, `v1/sync/check-images?sha256=${sha}&offset=${offset}&size=${size}`,
      { method: 'POST', headers: { authorization: this.auth, 'content-type': 'application/octet-stream' }, body: bytes }, checkImageStatusSchema, this.opts.timeoutMs);
  }

  /** The fingerprint of the hub's certificate as last checked (https), e.g. to show beside a refusal. */
  get certificate(): string | null { return this.transport.certificate; }

  close(): void { this.transport.close(); }
}

/** What the station says of its own history when it enrols: the hub refuses a takeover that would rewind it. */
export interface StationHistory { lastSeq: number; lastEventId: string | null }

export interface EnrolTrust {
  /** The fingerprint suffix the enrolment code carried: the hub's certificate must match it. */
  pinSuffix: string | null;
  caPem?: string | null;
  /** This attempt's id: sent again after a lost answer, the hub spends the same code again. */
  requestId?: string | null;
}

/** Enrols (or takes over) the station; the answer carries the fingerprint of the certificate that passed. */
/** `stationId` null: a station set up from the code alone becomes the station the code was made for. */
export async function enrolWithHub(hubUrl: string, stationId: string | null, code: string, timeoutMs: number, history: StationHistory = { lastSeq: 0, lastEventId: null },
  trust: EnrolTrust = { pinSuffix: null }): Promise<EnrolResponse & { certificate: string | null }> {
  const transport = new HubTransport(baseOf(hubUrl), { pinSuffix: trust.pinSuffix, caPem: trust.caPem ?? null }, { keepAlive: false });
  try {
    const res = await call(transport, 'v1/enrol', {
      method: 'POST',
      headers: { authorization: `Bearer ${code}`, 'content-type': 'application/json', ...(trust.requestId ? { [ENROL_REQUEST_HEADER]: trust.requestId } : {}) },
      body: JSON.stringify({ ...(stationId ? { stationId } : {}), ...history }),
    }, enrolResponseSchema, timeoutMs);
    return { ...res, certificate: transport.certificate };
  } finally {
    transport.close();
  }
}
