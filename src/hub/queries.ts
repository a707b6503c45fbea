// The query parameters each endpoint takes, as zod schemas: the hub checks them with these, and the
// OpenAPI document describes them from the same schemas.
import { z } from 'zod';
import { isCalendarDate } from '../shared/calendar';
import { MAX_PULL_LIMIT, sha256HexSchema, stationIdSchema } from '../shared/hubProtocol';
import { badRequest } from './errors';
import { zodReason } from './zodReason';

export const DEFAULT_PULL_LIMIT = 5000;

const whole = (what: string) => z.string().regex(/^\d{1,15}$/, `${what} must be a whole number, 0 to 15 digits`);
const cursor = (what: string) => whole(`cursor (${what})`).default('0').transform(Number).describe(`the cursor of the last answer (${what})`);

export const dayParam = z.string().refine(isCalendarDate, 'day must be a calendar day, YYYY-MM-DD (e.g. 2026-11-20)').describe('business day, YYYY-MM-DD');
const stationParam = stationIdSchema.optional().describe('one station only');

export const pullQuery = z.object({
  cursor: cursor('0 for a first pull'),
  limit: z.string().regex(/^\d{1,6}$/, `limit must be 1 to ${MAX_PULL_LIMIT}`).default(String(DEFAULT_PULL_LIMIT)).transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PULL_LIMIT, `limit must be 1 to ${MAX_PULL_LIMIT}`).describe(`rows per page (default ${DEFAULT_PULL_LIMIT}, at most ${MAX_PULL_LIMIT})`),
});
export const exceptionsQuery = z.object({ cursor: cursor('0 for all') });
export const adminExceptionsQuery = z.object({ open: z.enum(['true', 'false']).optional().describe('true for unresolved only'), station: stationParam });
export const dayQuery = z.object({ day: dayParam });
export const dayStationQuery = z.object({ day: dayParam, station: stationParam });

const sha256Param = sha256HexSchema.describe("the image's SHA-256, as its check.images event names it");
export const checkImageQuery = z.object({ sha256: sha256Param });
export const receiptImagesQuery = z.object({
  receipt: z.string().min(1).max(40).describe('the receipt number as printed on it, e.g. ST01-000123'),
  station: stationParam,
});
export const checkImageChunkQuery = z.object({
  sha256: sha256Param,
  offset: whole('offset').transform(Number).describe('the byte this chunk starts at: the receivedBytes the hub holds'),
  size: whole('size').transform(Number).refine((n) => n > 0, 'size must be at least 1').describe("the whole image's size in bytes"),
});

/** The query string checked against its schema: a 400 with the reason, never a database error. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in raw) throw badRequest(`${k} is given twice`);
    raw[k] = v;
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw badRequest(zodReason(r.error));
  return r.data;
}
