// Every hub endpoint once: method, path, who may call it, its schemas (for the OpenAPI document) and handler.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AccountsCsvError, parseAccountsCsvText } from '../shared/accountsCsv';
import {
  MAX_BODY_BYTES, enrolRequestSchema, enrolResponseSchema, exceptionsResponseSchema, hubExceptionSchema, pullResponseSchema, pushRequestSchema,
  pushResponseSchema, stationIdSchema,
} from '../shared/hubProtocol';
import { checkEnrolmentCode, createEnrolmentCode, enrol, requireAdmin, requireStation } from './auth';
import type { HubDb } from './db';
import { businessDayClosures, depositsOfDay, hubBusinessDaySchema, hubDepositSchema } from './deposits';
import { catalogSchema, importAccounts, importCatalog, importUsers, usersImportSchema } from './directory';
import { HubError, badRequest } from './errors';
import { listExceptions, parseCursor, resolveByCity, stationExceptions } from './exceptions';
import { cisPaymentsCsv, glJournalCsv } from './exports';
import { arrangementsCsv } from './arrangementExport';
import { reviewDue } from './arrangementReview';
import { parseJson, readBody, requireType } from './http';
import { parsePullQuery, pullDirectory } from './pull';
import { pushEvents } from './push';
import { dailyTotals, parseDay } from './totals';
import { dayReconciliationSchema, reconciliationsOfDay } from './reconcile';
import { zodReason } from './zodReason';
import { formatEnrolmentCode } from '../shared/tlsFingerprint';

export type Access = 'public' | 'enrolment' | 'station' | 'admin';

export interface HubContext {
  db: HubDb; now: () => Date; pinCost?: number | undefined;
  /** SHA-256 of the certificate the hub serves HTTPS with (64 hex), when it runs TLS itself. */
  tlsFingerprint?: string | null;
}

export interface Reply { status?: number; json?: unknown; text?: { type: string; body: string; filename?: string } }

export interface CallInfo { req: IncomingMessage; url: URL; params: Record<string, string>; /** Station id or enrolment station, once checked. */ who: string; codeHash?: string }

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  access: Access;
  query?: Record<string, string>;
  body?: { type: 'application/json' | 'text/csv'; schema?: z.ZodType; limit?: number };
  response?: { type: 'application/json' | 'text/csv'; schema?: z.ZodType };
  handle(ctx: HubContext, call: CallInfo): Promise<Reply>;
}

const ADMIN_CSV_LIMIT = 512 * 1024 * 1024;
const json = async (call: CallInfo, limit = MAX_BODY_BYTES): Promise<unknown> => { requireType(call.req, 'application/json'); return parseJson(await readBody(call.req, limit)); };
function valid<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(zodReason(r.error));
  return r.data;
}

const enrolmentCodeRequest = z.object({ stationId: stationIdSchema, ttlHours: z.number().int().min(1).max(24 * 30).default(72), allowRewind: z.boolean().default(false) }).strict();
const enrolmentCodeResponse = z.object({
  stationId: z.string(), code: z.string(), expiresAt: z.string(), allowRewind: z.boolean(),
  /** When the hub serves HTTPS itself: its certificate's SHA-256, and the code with the fingerprint suffix the station pins. */
  tlsFingerprint: z.string().nullable(), codeWithFingerprint: z.string().nullable(),
});
const resolveRequest = z.object({ note: z.string().trim().min(3).max(500), by: z.string().min(1).max(64) }).strict();
const totalsSchema = z.object({ businessDay: z.string(), receipts: z.number(), voided: z.number(), totalCents: z.number(), byTender: z.record(z.string(), z.number()), byRevenueCode: z.record(z.string(), z.number()), byStation: z.record(z.string(), z.object({ receipts: z.number(), totalCents: z.number() })), closeouts: z.object({ sessions: z.number(), salesCents: z.number(), byTender: z.record(z.string(), z.number()), overShortCents: z.number() }) });
const dayQuery = { day: 'business day, YYYY-MM-DD' };

export const routes: Route[] = [
  { method: 'GET', path: '/v1/health', summary: 'Liveness and which database the hub runs on', access: 'public',
    response: { type: 'application/json', schema: z.object({ ok: z.boolean(), database: z.enum(['postgresql', 'pglite']) }) },
    handle: async (ctx) => ({ json: { ok: true, database: ctx.db.engine } }) },

  { method: 'POST', path: '/v1/enrol', summary: 'Enrol a station with a one-time code (Authorization: Bearer CODE); returns its secret once', access: 'enrolment',
    body: { type: 'application/json', schema: enrolRequestSchema, limit: 4096 }, response: { type: 'application/json', schema: enrolResponseSchema },
    handle: async (ctx, call) => {
      const body = valid(enrolRequestSchema, await json(call, 4096));
      return { json: await enrol(ctx.db, call.codeHash!, body.stationId, ctx.now(), { lastSeq: body.lastSeq, lastEventId: body.lastEventId }) };
    } },

  { method: 'POST', path: '/v1/sync/push', summary: "Store a batch of the station's outbox events, in order, all or nothing", access: 'station',
    body: { type: 'application/json', schema: pushRequestSchema }, response: { type: 'application/json', schema: pushResponseSchema },
    handle: async (ctx, call) => ({ json: await pushEvents(ctx.db, call.who, await json(call), ctx.now()) }) },

  { method: 'GET', path: '/v1/sync/pull', summary: 'Directory changes (accounts, revenue codes, fee schedules, users) past a cursor, paged', access: 'station',
    query: { cursor: 'the cursor of the last applied page (0 at first)', limit: 'rows per page (default 5000, at most 10000)' },
    response: { type: 'application/json', schema: pullResponseSchema },
    handle: async (ctx, call) => {
      const q = parsePullQuery(call.url.searchParams);
      // An arrangement whose deadline has passed is judged before the stations see the directory.
      await reviewDue(ctx.db, ctx.now());
      return { json: await pullDirectory(ctx.db, q.cursor, q.limit) };
    } },

  { method: 'GET', path: '/v1/sync/exceptions', summary: "This station's exceptions created or changed past a cursor", access: 'station',
    query: { cursor: 'the cursor of the last answer (0 for all)' }, response: { type: 'application/json', schema: exceptionsResponseSchema },
    handle: async (ctx, call) => ({ json: await stationExceptions(ctx.db, call.who, parseCursor(call.url.searchParams)) }) },

  { method: 'POST', path: '/v1/admin/enrolment-codes', summary: 'Make a one-time enrolment code for a station', access: 'admin',
    body: { type: 'application/json', schema: enrolmentCodeRequest }, response: { type: 'application/json', schema: enrolmentCodeResponse },
    handle: async (ctx, call) => {
      const b = valid(enrolmentCodeRequest, await json(call));
      const made = await createEnrolmentCode(ctx.db, b.stationId, ctx.now(), b.ttlHours, b.allowRewind);
      const fp = ctx.tlsFingerprint ?? null;
      return { json: { stationId: b.stationId, ...made, allowRewind: b.allowRewind, tlsFingerprint: fp, codeWithFingerprint: fp ? formatEnrolmentCode(made.code, fp) : null } };
    } },

  { method: 'POST', path: '/v1/admin/directory/accounts', summary: 'Import the account directory from a CIS export (CSV; all or nothing, line-numbered errors)', access: 'admin',
    body: { type: 'text/csv', limit: ADMIN_CSV_LIMIT }, response: { type: 'application/json', schema: z.object({ accounts: z.number(), changed: z.number() }) },
    handle: async (ctx, call) => {
      requireType(call.req, 'text/csv');
      const text = await readBody(call.req, ADMIN_CSV_LIMIT);
      let accounts;
      try {
        accounts = parseAccountsCsvText(text);
      } catch (e) {
        if (e instanceof AccountsCsvError) throw new HubError(422, 'BAD_CSV', `${e.message}. Nothing was imported.`);
        throw e;
      }
      return { json: await importAccounts(ctx.db, accounts as never, ctx.now().toISOString()) };
    } },

  { method: 'POST', path: '/v1/admin/directory/revenue-codes', summary: 'Add or update revenue codes and add fee schedules (never changed once added)', access: 'admin',
    body: { type: 'application/json', schema: catalogSchema }, response: { type: 'application/json', schema: z.object({ codes: z.number(), schedules: z.number() }) },
    handle: async (ctx, call) => ({ json: await importCatalog(ctx.db, valid(catalogSchema, await json(call))) }) },

  { method: 'POST', path: '/v1/admin/directory/users', summary: 'Add or update users and roles (PINs hashed with scrypt on arrival)', access: 'admin',
    body: { type: 'application/json', schema: usersImportSchema }, response: { type: 'application/json', schema: z.object({ users: z.number() }) },
    handle: async (ctx, call) => ({ json: await importUsers(ctx.db, valid(usersImportSchema, await json(call)), ctx.pinCost) }) },

  { method: 'GET', path: '/v1/admin/exceptions', summary: 'All exceptions (open only with ?open=true)', access: 'admin',
    query: { open: 'true for unresolved only', station: 'one station only' }, response: { type: 'application/json', schema: z.array(hubExceptionSchema) },
    handle: async (ctx, call) => ({ json: await listExceptions(ctx.db, { open: call.url.searchParams.get('open') === 'true', stationId: call.url.searchParams.get('station') }) }) },

  { method: 'POST', path: '/v1/admin/exceptions/{id}/resolve', summary: 'Mark an exception resolved by the city, with a note', access: 'admin',
    body: { type: 'application/json', schema: resolveRequest }, response: { type: 'application/json', schema: hubExceptionSchema },
    handle: async (ctx, call) => {
      const b = valid(resolveRequest, await json(call));
      return { json: await resolveByCity(ctx.db, Number(call.params.id), b.note, b.by, ctx.now().toISOString()) };
    } },

  { method: 'GET', path: '/v1/admin/totals', summary: "The hub's totals for a business day (voided receipts excluded)", access: 'admin',
    query: dayQuery, response: { type: 'application/json', schema: totalsSchema },
    handle: async (ctx, call) => ({ json: await dailyTotals(ctx.db, parseDay(call.url.searchParams)) }) },

  { method: 'GET', path: '/v1/admin/deposits', summary: "Deposits holding a business day's money: bag number, totals, the bank's amount and the difference", access: 'admin',
    query: { ...dayQuery, station: 'one station only' }, response: { type: 'application/json', schema: z.array(hubDepositSchema) },
    handle: async (ctx, call) => ({ json: await depositsOfDay(ctx.db, parseDay(call.url.searchParams), call.url.searchParams.get('station')) }) },

  { method: 'GET', path: '/v1/admin/business-days', summary: "The stations' closures of a business day, with their figures", access: 'admin',
    query: dayQuery, response: { type: 'application/json', schema: z.array(hubBusinessDaySchema) },
    handle: async (ctx, call) => ({ json: await businessDayClosures(ctx.db, parseDay(call.url.searchParams)) }) },

  { method: 'GET', path: '/v1/admin/reconciliations', summary: "Each closed business day's figures as the station sent them against the hub's own copy (issue 15); a mismatch is also a day_mismatch exception", access: 'admin',
    query: dayQuery, response: { type: 'application/json', schema: z.array(dayReconciliationSchema) },
    handle: async (ctx, call) => ({ json: await reconciliationsOfDay(ctx.db.kysely, parseDay(call.url.searchParams)) }) },

  { method: 'GET', path: '/v1/admin/exports/cis-payments', summary: 'CIS payment-import file for a business day (CSV; columns documented in src/hub/exports.ts)', access: 'admin',
    query: dayQuery, response: { type: 'text/csv' },
    handle: async (ctx, call) => {
      const day = parseDay(call.url.searchParams);
      return { text: { type: 'text/csv; charset=utf-8', body: await cisPaymentsCsv(ctx.db, day), filename: `cis-payments-${day}.csv` } };
    } },

  { method: 'GET', path: '/v1/admin/exports/gl-journal', summary: 'GL journal for a business day (CSV; debits = credits by fund-department-object)', access: 'admin',
    query: dayQuery, response: { type: 'text/csv' },
    handle: async (ctx, call) => {
      const day = parseDay(call.url.searchParams);
      return { text: { type: 'text/csv; charset=utf-8', body: await glJournalCsv(ctx.db, day), filename: `gl-journal-${day}.csv` } };
    } },

  { method: 'GET', path: '/v1/admin/exports/arrangements', summary: "Payment arrangements of a business day for the CIS: made (with schedules), paid, kept, broken, cancelled (CSV; columns documented in src/hub/arrangementExport.ts)", access: 'admin',
    query: dayQuery, response: { type: 'text/csv' },
    handle: async (ctx, call) => {
      const day = parseDay(call.url.searchParams);
      await reviewDue(ctx.db, ctx.now());
      return { text: { type: 'text/csv; charset=utf-8', body: await arrangementsCsv(ctx.db, day), filename: `arrangements-${day}.csv` } };
    } },

  { method: 'GET', path: '/v1/admin/stations', summary: 'Enrolled stations and how far each has pushed', access: 'admin',
    response: { type: 'application/json', schema: z.array(z.object({ stationId: z.string(), ackedSeq: z.number(), enrolledAt: z.string().nullable(), lastPushAt: z.string().nullable() })) },
    handle: async (ctx) => {
      const rows = await ctx.db.kysely.selectFrom('stations').selectAll().orderBy('station_id').execute();
      return { json: rows.map((r) => ({ stationId: r.station_id, ackedSeq: r.acked_seq, enrolledAt: r.enrolled_at, lastPushAt: r.last_push_at })) };
    } },
];

/** Who is calling, checked before the body is read or anything else is done. */
export async function authorise(ctx: HubContext, route: Route, req: IncomingMessage): Promise<Pick<CallInfo, 'who' | 'codeHash'>> {
  switch (route.access) {
    case 'public': return { who: '' };
    case 'admin': await requireAdmin(ctx.db, req.headers.authorization); return { who: 'admin' };
    case 'station': return { who: await requireStation(ctx.db, req.headers.authorization) };
    case 'enrolment': {
      const c = await checkEnrolmentCode(ctx.db, req.headers.authorization, ctx.now());
      return { who: c.stationId, codeHash: c.codeHash };
    }
  }
}
