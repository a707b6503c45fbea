// Every hub endpoint once: method, path, who may call it, its schemas (for the OpenAPI document) and handler.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AccountsCsvError, parseAccountsCsvText } from '../shared/accountsCsv';
import {
  ENROL_REQUEST_HEADER, MAX_BODY_BYTES, MAX_IMAGE_CHUNK_BYTES, checkImageStatusSchema, enrolRequestSchema, enrolResponseSchema, exceptionsResponseSchema, hubExceptionSchema, pullResponseSchema, pushRequestSchema,
  pushResponseSchema, stationIdSchema,
} from '../shared/hubProtocol';
import { checkEnrolmentCode, createEnrolmentCode, enrol, requireAdmin, requireStation } from './auth';
import type { HubDb } from './db';
import { businessDayClosures, depositsOfDay, hubBusinessDaySchema, hubDepositSchema } from './deposits';
import { catalogSchema, importAccounts, importCatalog, importUsers, usersImportSchema } from './directory';
import { HubError, badRequest } from './errors';
import { listExceptions, resolveByCity, stationExceptions } from './exceptions';
import { cisPaymentsCsv, glJournalCsv } from './exports';
import { arrangementsCsv } from './arrangementExport';
import { reviewDue } from './arrangementReview';
import { parseJson, readBody, readBytes, requireType, type BodyType } from './http';
import { checkChunk, imageStatus, putChunk } from './checkImages';
import { heldImage, imagesOfReceipt, receiptCheckImageSchema } from './checkImageLookup';
import { pullDirectory } from './pull';
import { pushEvents } from './push';
import { dailyTotals } from './totals';
import { adminExceptionsQuery, checkImageChunkQuery, checkImageQuery, dayQuery, dayStationQuery, exceptionsQuery, parseQuery, pullQuery, receiptImagesQuery } from './queries';
import { freeText } from '../shared/text';
import { dayReconciliationSchema, reconciliationsOfDay } from './reconcile';
import { zodReason } from './zodReason';
import { formatEnrolmentCode } from '../shared/tlsFingerprint';
import { citySchema, setCity } from './city';

export type Access = 'public' | 'enrolment' | 'station' | 'admin';

function enrolRequestIdOf(req: IncomingMessage): string | null {
  const v = req.headers[ENROL_REQUEST_HEADER];
  return typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v.toLowerCase() : null;
}

export interface HubContext {
  db: HubDb; now: () => Date; pinCost?: number | undefined;
  /** SHA-256 of the certificate the hub serves HTTPS with (64 hex), when it runs TLS itself. */
  tlsFingerprint?: string | null;
}

/** json: the answer as JSON; text: a body of another type (CSV text, a TIFF image's bytes). */
export interface Reply { status?: number; json?: unknown; text?: { type: string; body: string | Buffer; filename?: string } }

export interface CallInfo { req: IncomingMessage; url: URL; params: Record<string, string>; /** Station id or enrolment station, once checked. */ who: string; codeHash?: string }

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  access: Access;
  /** Its query parameters (each a string schema), checked with parseQuery. */
  query?: z.ZodObject;
  body?: { type: BodyType; schema?: z.ZodType; limit?: number };
  response?: { type: 'application/json' | 'text/csv' | 'image/tiff'; schema?: z.ZodType };
  /** Refusals of this endpoint beyond the ones every endpoint of its kind has (for the OpenAPI document). */
  errors?: Record<number, string>;
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
const resolveRequest = z.object({ note: freeText({ min: 3, max: 500 }), by: freeText({ min: 1, max: 64 }) }).strict();
const totalsSchema = z.object({ businessDay: z.string(), receipts: z.number(), voided: z.number(), totalCents: z.number(), byTender: z.record(z.string(), z.number()), byRevenueCode: z.record(z.string(), z.number()), byStation: z.record(z.string(), z.object({ receipts: z.number(), totalCents: z.number() })), closeouts: z.object({ sessions: z.number(), salesCents: z.number(), byTender: z.record(z.string(), z.number()), overShortCents: z.number() }) });

export const routes: Route[] = [
  { method: 'GET', path: '/v1/health', summary: 'Liveness and which database the hub runs on', access: 'public',
    response: { type: 'application/json', schema: z.object({ ok: z.boolean(), database: z.enum(['postgresql', 'pglite']) }) },
    handle: async (ctx) => ({ json: { ok: true, database: ctx.db.engine } }) },

  { method: 'POST', path: '/v1/enrol', summary: 'Enrol a station with a one-time code (Authorization: Bearer CODE); returns its secret once', access: 'enrolment',
    body: { type: 'application/json', schema: enrolRequestSchema, limit: 4096 }, response: { type: 'application/json', schema: enrolResponseSchema },
    errors: { 403: 'WRONG_STATION: the code was made for another station', 409: 'HISTORY_MISMATCH or REWIND_REFUSED: the takeover would rewind what the hub holds' },
    handle: async (ctx, call) => {
      const body = valid(enrolRequestSchema, await json(call, 4096));
      // A station set up from the code alone names no station: it is the one the code was made for.
      return { json: await enrol(ctx.db, call.codeHash!, body.stationId ?? call.who, ctx.now(), { lastSeq: body.lastSeq, lastEventId: body.lastEventId }, enrolRequestIdOf(call.req)) };
    } },

  { method: 'POST', path: '/v1/admin/city', summary: "The city's name, address and time zone, which a station takes at enrolment", access: 'admin',
    body: { type: 'application/json', schema: citySchema }, response: { type: 'application/json', schema: citySchema },
    handle: async (ctx, call) => ({ json: await setCity(ctx.db.kysely, valid(citySchema, await json(call))) }) },

  { method: 'POST', path: '/v1/sync/push', summary: "Store a batch of the station's outbox events, in order, all or nothing", access: 'station',
    body: { type: 'application/json', schema: pushRequestSchema }, response: { type: 'application/json', schema: pushResponseSchema },
    errors: {
      403: "FOREIGN_EVENT (an event of another station) or FOREIGN_ID (a receipt number, session, receipt, count or deposit of another station): the push is refused whole; retrying cannot change it",
      409: 'SEQ_GAP (send from error.expectedSeq), SEQ_CONFLICT or EVENT_ID_REUSED',
    },
    handle: async (ctx, call) => ({ json: await pushEvents(ctx.db, call.who, await json(call), ctx.now()) }) },

  { method: 'GET', path: '/v1/sync/check-images', summary: "How much of a check image the hub holds (its events must name it): where an upload resumes", access: 'station',
    query: checkImageQuery, response: { type: 'application/json', schema: checkImageStatusSchema },
    errors: { 409: "IMAGE_NOT_NAMED: none of this station's pushed check.images events names the image; push the events first" },
    handle: async (ctx, call) => ({ json: await imageStatus(ctx.db, call.who, parseQuery(checkImageQuery, call.url.searchParams).sha256) }) },

  { method: 'POST', path: '/v1/sync/check-images', summary: "One chunk of a check image at the offset the hub holds; the last chunk completes it when the whole hashes to its SHA-256. An image the hub has already is answered alreadyHad", access: 'station',
    query: checkImageChunkQuery, body: { type: 'application/octet-stream', limit: MAX_IMAGE_CHUNK_BYTES }, response: { type: 'application/json', schema: checkImageStatusSchema },
    errors: {
      409: 'IMAGE_NOT_NAMED (push the events first), WRONG_OFFSET or SIZE_MISMATCH (send from error.expectedOffset)',
      413: `TOO_LARGE (a chunk over ${MAX_IMAGE_CHUNK_BYTES} bytes) or IMAGE_TOO_LARGE (an image over the hub's limit)`,
      422: 'HASH_MISMATCH: the whole image does not hash to its name; nothing of it is kept, send it again from offset 0',
    },
    handle: async (ctx, call) => {
      const q = parseQuery(checkImageChunkQuery, call.url.searchParams);
      const chunk = { sha: q.sha256, offset: q.offset, size: q.size };
      requireType(call.req, 'application/octet-stream');
      const had = await checkChunk(ctx.db, call.who, chunk);
      const bytes = await readBytes(call.req, MAX_IMAGE_CHUNK_BYTES);
      return { json: had ?? await putChunk(ctx.db, call.who, chunk, bytes, ctx.now()) };
    } },

  { method: 'GET', path: '/v1/sync/pull', summary: 'Directory changes (accounts, revenue codes, fee schedules, users) past a cursor, paged', access: 'station',
    query: pullQuery,
    response: { type: 'application/json', schema: pullResponseSchema },
    handle: async (ctx, call) => {
      const q = parseQuery(pullQuery, call.url.searchParams);
      // An arrangement whose deadline has passed is judged before the stations see the directory.
      await reviewDue(ctx.db, ctx.now());
      return { json: await pullDirectory(ctx.db, q.cursor, q.limit) };
    } },

  { method: 'GET', path: '/v1/sync/exceptions', summary: "This station's exceptions created or changed past a cursor", access: 'station',
    query: exceptionsQuery, response: { type: 'application/json', schema: exceptionsResponseSchema },
    handle: async (ctx, call) => ({ json: await stationExceptions(ctx.db, call.who, parseQuery(exceptionsQuery, call.url.searchParams).cursor) }) },

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
    errors: { 422: 'BAD_CSV: the file has a bad line (named in the message); nothing was imported' },
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
    body: { type: 'application/json', schema: catalogSchema }, errors: { 409: 'SCHEDULE_EXISTS: a fee schedule is never changed once added' }, response: { type: 'application/json', schema: z.object({ codes: z.number(), schedules: z.number() }) },
    handle: async (ctx, call) => ({ json: await importCatalog(ctx.db, valid(catalogSchema, await json(call))) }) },

  { method: 'POST', path: '/v1/admin/directory/users', summary: 'Add or update users and roles (PINs hashed with scrypt on arrival)', access: 'admin',
    body: { type: 'application/json', schema: usersImportSchema }, response: { type: 'application/json', schema: z.object({ users: z.number() }) },
    handle: async (ctx, call) => ({ json: await importUsers(ctx.db, valid(usersImportSchema, await json(call)), ctx.pinCost) }) },

  { method: 'GET', path: '/v1/admin/exceptions', summary: 'All exceptions (open only with ?open=true)', access: 'admin',
    query: adminExceptionsQuery, response: { type: 'application/json', schema: z.array(hubExceptionSchema) },
    handle: async (ctx, call) => {
      const q = parseQuery(adminExceptionsQuery, call.url.searchParams);
      return { json: await listExceptions(ctx.db, { open: q.open === 'true', stationId: q.station ?? null }) };
    } },

  { method: 'POST', path: '/v1/admin/exceptions/{id}/resolve', summary: 'Mark an exception resolved by the city, with a note', access: 'admin',
    body: { type: 'application/json', schema: resolveRequest }, response: { type: 'application/json', schema: hubExceptionSchema },
    errors: { 404: 'NOT_FOUND: there is no such exception', 409: 'ALREADY_RESOLVED' },
    handle: async (ctx, call) => {
      const b = valid(resolveRequest, await json(call));
      return { json: await resolveByCity(ctx.db, Number(call.params.id), b.note, b.by, ctx.now().toISOString()) };
    } },

  { method: 'GET', path: '/v1/admin/totals', summary: "The hub's totals for a business day (voided receipts excluded)", access: 'admin',
    query: dayQuery, response: { type: 'application/json', schema: totalsSchema },
    handle: async (ctx, call) => ({ json: await dailyTotals(ctx.db, parseQuery(dayQuery, call.url.searchParams).day) }) },

  { method: 'GET', path: '/v1/admin/deposits', summary: "Deposits holding a business day's money: bag number, totals, the bank's amount and the difference", access: 'admin',
    query: dayStationQuery, response: { type: 'application/json', schema: z.array(hubDepositSchema) },
    handle: async (ctx, call) => {
      const q = parseQuery(dayStationQuery, call.url.searchParams);
      return { json: await depositsOfDay(ctx.db, q.day, q.station ?? null) };
    } },

  { method: 'GET', path: '/v1/admin/business-days', summary: "The stations' closures of a business day, with their figures", access: 'admin',
    query: dayQuery, response: { type: 'application/json', schema: z.array(hubBusinessDaySchema) },
    handle: async (ctx, call) => ({ json: await businessDayClosures(ctx.db, parseQuery(dayQuery, call.url.searchParams).day) }) },

  { method: 'GET', path: '/v1/admin/reconciliations', summary: "Each closed business day's figures as the station sent them against the hub's own copy (issue 15); a mismatch is also a day_mismatch exception", access: 'admin',
    query: dayQuery, response: { type: 'application/json', schema: z.array(dayReconciliationSchema) },
    handle: async (ctx, call) => ({ json: await reconciliationsOfDay(ctx.db.kysely, parseQuery(dayQuery, call.url.searchParams).day) }) },

  { method: 'GET', path: '/v1/admin/exports/cis-payments', summary: 'CIS payment-import file for a business day (CSV; columns documented in src/hub/exports.ts)', access: 'admin',
    query: dayQuery, response: { type: 'text/csv' },
    handle: async (ctx, call) => {
      const day = parseQuery(dayQuery, call.url.searchParams).day;
      return { text: { type: 'text/csv; charset=utf-8', body: await cisPaymentsCsv(ctx.db, day), filename: `cis-payments-${day}.csv` } };
    } },

  { method: 'GET', path: '/v1/admin/exports/gl-journal', summary: 'GL journal for a business day (CSV; debits = credits by fund-department-object)', access: 'admin',
    query: dayQuery, response: { type: 'text/csv' },
    handle: async (ctx, call) => {
      const day = parseQuery(dayQuery, call.url.searchParams).day;
      return { text: { type: 'text/csv; charset=utf-8', body: await glJournalCsv(ctx.db, day), filename: `gl-journal-${day}.csv` } };
    } },

  { method: 'GET', path: '/v1/admin/exports/arrangements', summary: "Payment arrangements of a business day for the CIS: made (with schedules), paid, kept, broken, cancelled (CSV; columns documented in src/hub/arrangementExport.ts)", access: 'admin',
    query: dayQuery, response: { type: 'text/csv' },
    handle: async (ctx, call) => {
      const day = parseQuery(dayQuery, call.url.searchParams).day;
      await reviewDue(ctx.db, ctx.now());
      return { text: { type: 'text/csv; charset=utf-8', body: await arrangementsCsv(ctx.db, day), filename: `arrangements-${day}.csv` } };
    } },

  { method: 'GET', path: '/v1/admin/check-images', summary: "The check images of a receipt's check tenders, by the receipt number printed on it: each side's SHA-256, and whether the hub holds it", access: 'admin',
    query: receiptImagesQuery, response: { type: 'application/json', schema: z.array(receiptCheckImageSchema) },
    handle: async (ctx, call) => {
      const q = parseQuery(receiptImagesQuery, call.url.searchParams);
      return { json: await imagesOfReceipt(ctx.db, q.receipt, q.station ?? null) };
    } },

  { method: 'GET', path: '/v1/admin/check-images/file', summary: 'One check image as the station scanned it (TIFF), by its SHA-256', access: 'admin',
    query: checkImageQuery, response: { type: 'image/tiff' },
    errors: { 404: 'IMAGE_NOT_HELD: the hub does not hold this image (its station has not sent it yet, or no check tender names it)' },
    handle: async (ctx, call) => {
      const sha = parseQuery(checkImageQuery, call.url.searchParams).sha256;
      return { text: { type: 'image/tiff', body: await heldImage(ctx.db, sha), filename: `${sha}.tif` } };
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
      const c = await checkEnrolmentCode(ctx.db, req.headers.authorization, ctx.now(), req.socket.remoteAddress ?? '', enrolRequestIdOf(req));
      return { who: c.stationId, codeHash: c.codeHash };
    }
  }
}
