// HTTP client of the hub's /v1/ API. Every call has a deadline; nothing here touches the database.
import type { z } from 'zod';
import {
  enrolResponseSchema, exceptionsResponseSchema, hubErrorSchema, pullResponseSchema, pushResponseSchema,
  type EnrolResponse, type ExceptionsResponse, type PullResponse, type PushResponse,
} from '../../shared/hubProtocol';

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
  constructor(readonly status: number, readonly code: string, message: string, readonly expectedSeq?: number) {
    super(message);
    this.name = 'HubRefused';
  }
}

export interface HubCredentials { hubUrl: string; stationId: string; secret: string }

export interface ClientOptions { timeoutMs: number }

async function call<S extends z.ZodType>(url: string, init: RequestInit, schema: S, timeoutMs: number): Promise<z.infer<S>> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause ?? (e as Error).message;
    throw new HubUnreachable(`the hub at ${new URL(url).origin} cannot be reached (${why})`, 'network', { cause: e });
  }
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  if (res.status >= 500 || body === undefined) throw new HubUnreachable(`the hub answered ${res.status}${body === undefined ? ' with something that is not JSON' : ''}`, 'server');
  if (!res.ok) {
    const err = hubErrorSchema.safeParse(body);
    if (!err.success) throw new HubRefused(res.status, 'UNKNOWN', `the hub refused (${res.status})`);
    throw new HubRefused(res.status, err.data.error.code, err.data.error.message, err.data.error.expectedSeq);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HubUnreachable(`the hub's answer was not understood (${parsed.error.issues[0]?.message ?? 'invalid'})`, 'server');
  return parsed.data;
}

const base = (url: string) => url.replace(/\/+$/, '');

export class HubClient {
  private readonly auth: string;
  constructor(readonly creds: HubCredentials, private readonly opts: ClientOptions) {
    this.auth = 'Basic ' + Buffer.from(`${creds.stationId}:${creds.secret}`).toString('base64');
  }

  /** `body` is built from the outbox rows' stored text, so the hub gets the events byte for byte. */
  push(body: string): Promise<PushResponse> {
    return call(`${base(this.creds.hubUrl)}/v1/sync/push`, { method: 'POST', headers: { authorization: this.auth, 'content-type': 'application/json' }, body }, pushResponseSchema, this.opts.timeoutMs);
  }

  pull(cursor: number, limit: number): Promise<PullResponse> {
    return call(`${base(this.creds.hubUrl)}/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { headers: { authorization: this.auth } }, pullResponseSchema, this.opts.timeoutMs);
  }

  exceptions(cursor: number): Promise<ExceptionsResponse> {
    return call(`${base(this.creds.hubUrl)}/v1/sync/exceptions?cursor=${cursor}`, { headers: { authorization: this.auth } }, exceptionsResponseSchema, this.opts.timeoutMs);
  }
}

export function enrolWithHub(hubUrl: string, stationId: string, code: string, timeoutMs: number): Promise<EnrolResponse> {
  return call(`${base(hubUrl)}/v1/enrol`, {
    method: 'POST', headers: { authorization: `Bearer ${code}`, 'content-type': 'application/json' }, body: JSON.stringify({ stationId }),
  }, enrolResponseSchema, timeoutMs);
}
