// The wire protocol between a station and the city hub (ARCHITECTURE.md "The hub"), versioned under /v1/.
// Both sides validate with these schemas; the hub's OpenAPI document is generated from them.
import { z } from 'zod';
import { ACCOUNT_STATUSES, REVENUE_CATEGORIES, ROLES } from './domain';
import { ARRANGEMENT_LIMITS, ARRANGEMENT_STATUSES, FREQUENCIES } from './arrangements';
import { feeRuleSchema } from './fees';
import { jsonDepthExceeds } from './jsonDepth';

export const HUB_API_PREFIX = '/v1';
/** Most events one push may carry, and the largest request body the hub reads. */
export const MAX_PUSH_EVENTS = 1000;
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Largest directory page the hub serves (rows across all directory tables). */
export const MAX_PULL_LIMIT = 10_000;
/** Deepest nesting an event's data may have (a station's records nest a few levels). */
export const MAX_EVENT_DEPTH = 32;

export const stationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a station id is 1–32 letters, digits, _ or -');

/** One outbox event exactly as the station recorded it (src/main/station/journal.ts OutboxEvent). */
export const outboxEventSchema = z.object({
  eventId: z.uuid(),
  stationId: stationIdSchema,
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  kind: z.string().max(64).regex(/^[a-z][a-zA-Z0-9_]*(\.[a-z][a-zA-Z0-9_]*)*$/, 'an event kind such as receipt.posted'),
  at: z.iso.datetime(),
  data: z.unknown().refine((d) => !jsonDepthExceeds(d, MAX_EVENT_DEPTH), `event data may nest at most ${MAX_EVENT_DEPTH} levels deep`),
}).strict();
export type WireEvent = z.infer<typeof outboxEventSchema>;

export const pushRequestSchema = z.object({
  events: z.array(outboxEventSchema).min(1, 'a push carries at least one event').max(MAX_PUSH_EVENTS, `a push carries at most ${MAX_PUSH_EVENTS} events`),
}).strict();

export const pushResponseSchema = z.object({
  /** The highest seq of this station the hub has stored with no gap below it. */
  ackedSeq: z.number().int().min(0),
  stored: z.number().int().min(0),
  replayed: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const hubErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** On SEQ_GAP: the seq the hub expects next. */
    expectedSeq: z.number().int().optional(),
    /** On WRONG_OFFSET (a check image's chunk): the byte the hub expects next. */
    expectedOffset: z.number().int().optional(),
  }),
});
export type HubErrorBody = z.infer<typeof hubErrorSchema>;

/** The station's id for one enrolment attempt (a UUID it keeps until the attempt is done): sent again
 * after a lost answer, it spends the same code again, with a new secret. */
export const ENROL_REQUEST_HEADER = 'x-civictill-enrol-request';

export const enrolRequestSchema = z.object({
  /** Left out by a station set up from the code alone: it becomes the station the code was made for. */
  stationId: stationIdSchema.optional(),
  /** The station's last outbox seq (0 for a new database) and that event's id: the hub refuses a
   * takeover that would rewind what it has acknowledged, unless the code allows it. */
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  lastEventId: z.uuid().nullable().default(null),
}).strict();
export const enrolResponseSchema = z.object({
  stationId: stationIdSchema,
  secret: z.string(),
  /** The highest seq of this station the hub holds: a station behind it carries on after it. */
  ackedSeq: z.number().int().min(0),
  /** The highest receipt number (seq) of this station the hub holds: new receipts are numbered after it. */
  receiptSeq: z.number().int().min(0).default(0),
  /** A takeover that rewound the station: the seqs the hub has and the station does not (an exception names them). */
  rewound: z.object({ fromSeq: z.number().int().positive(), toSeq: z.number().int().positive(), exceptionId: z.number().int().positive() }).nullable().default(null),
  /** The city's name, address and time zone as the hub keeps them (`civictill hub set-city`); null when not set. */
  city: z.object({ name: z.string().min(1).max(120), address: z.string().max(300), timeZone: z.string().max(64).nullable() }).nullable().default(null),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

// ---- Directory pull ----

export const directoryAccountSchema = z.object({
  accountNumber: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
  name: z.string().min(1).max(200),
  serviceAddress: z.string().min(1).max(300),
  status: z.enum(ACCOUNT_STATUSES),
  balanceCents: z.number().int(),
  cashOnlyUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
});
export type WireAccount = z.infer<typeof directoryAccountSchema>;

export const glAccountSchema = z.string().regex(/^\d{1,6}-\d{1,6}-\d{1,8}$/, 'a GL account is fund-department-object, e.g. 401-3410-34340');

export const revenueCodeSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{1,16}$/),
  nameEn: z.string().min(1).max(120),
  nameEs: z.string().min(1).max(120),
  gl: glAccountSchema,
  category: z.enum(REVENUE_CATEGORIES),
  requiresAccount: z.boolean(),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).default(0),
});
export type WireRevenueCode = z.infer<typeof revenueCodeSchema>;

export const feeScheduleSchema = z.object({
  revenueCode: z.string().regex(/^[A-Z0-9_]{1,16}$/),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rule: feeRuleSchema,
});
export type WireFeeSchedule = z.infer<typeof feeScheduleSchema>;

export const directoryUserSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(120),
  role: z.enum(ROLES),
  pinHash: z.string().regex(/^scrypt\$/),
  active: z.boolean(),
});
export type WireUser = z.infer<typeof directoryUserSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An arrangement as made (the `arrangement.created` event's data, src/shared/arrangements.ts ArrangementRecord). */
export const arrangementRecordSchema = z.looseObject({
  id: z.uuid(), number: z.string().min(1).max(40), stationId: stationIdSchema, accountNumber: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
  createdAt: z.iso.datetime(), businessDay: day, createdBy: z.string().min(1).max(64),
  totalCents: z.number().int().positive(), downPaymentCents: z.number().int().min(0),
  downReceiptId: z.string().nullable(), downReceiptNumber: z.string().nullable(),
  frequency: z.enum(FREQUENCIES), instalmentCount: z.number().int().positive(), firstDue: day,
  graceDays: z.number().int().min(0).max(3650), timeZone: z.string().min(1).max(64), lang: z.enum(['en', 'es']),
  payerName: z.string().nullable(), terms: z.string(), approvedBy: z.string().nullable(), overrideReason: z.string().nullable(),
  overrides: z.array(z.enum(ARRANGEMENT_LIMITS)),
  instalments: z.array(z.object({ no: z.number().int().min(0).max(100_000), dueDate: day, amountCents: z.number().int().positive() })).min(1),
}).refine((r) => new Set(r.instalments.map((i) => i.no)).size === r.instalments.length, 'two instalments share a number').refine((r) => r.instalments.reduce((s, i) => s + i.amountCents, 0) === r.totalCents, 'the instalments do not add up to the amount arranged');

/** An arrangement and how it stands on the hub's own figures (every station's payments). */
export const wireArrangementSchema = z.object({
  record: arrangementRecordSchema,
  status: z.enum(ARRANGEMENT_STATUSES),
  /** Paid on it so far, capped at the amount arranged. */
  paidCents: z.number().int().min(0),
  brokenOn: day.nullable(),
  brokenInstalment: z.number().int().min(0).nullable(),
  cancelled: z.object({ at: z.string(), by: z.string(), approvedBy: z.string().nullable(), reason: z.string() }).nullable(),
});
export type WireArrangement = z.infer<typeof wireArrangementSchema>;

export const pullResponseSchema = z.object({
  /** Pass it back as ?cursor= for the next page; keep it once the page is applied. */
  cursor: z.number().int().min(0),
  /** The newest directory version on the hub when this page was read (for progress). */
  latest: z.number().int().min(0),
  more: z.boolean(),
  accounts: z.array(directoryAccountSchema),
  revenueCodes: z.array(revenueCodeSchema),
  feeSchedules: z.array(feeScheduleSchema),
  users: z.array(directoryUserSchema),
  /** Arrangements whose standing changed (a hub from before arrangements sends none). */
  arrangements: z.array(wireArrangementSchema).default([]),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

// ---- Exceptions ----

export const EXCEPTION_KINDS = ['unknown_account', 'closed_account', 'unknown_revenue_code', 'cash_only_check', 'unknown_receipt', 'unreadable_event', 'missing_at_station', 'duplicate_arrangement', 'arrangement_late_payment', 'id_clash', 'duplicate_id', 'day_mismatch', 'fee_mismatch', 'duplicate_check'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const hubExceptionSchema = z.object({
  id: z.number().int().positive(),
  stationId: stationIdSchema,
  eventId: z.uuid(),
  seq: z.number().int().positive(),
  kind: z.enum(EXCEPTION_KINDS),
  receiptNumber: z.string().nullable(),
  accountNumber: z.string().nullable(),
  amountCents: z.number().int().nullable(),
  detail: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
  /** Bumped whenever the exception is created or resolved: stations fetch changes past their cursor. */
  version: z.number().int().positive(),
});
export type WireException = z.infer<typeof hubExceptionSchema>;

export const exceptionsResponseSchema = z.object({ cursor: z.number().int().min(0), exceptions: z.array(hubExceptionSchema) });
export type ExceptionsResponse = z.infer<typeof exceptionsResponseSchema>;

/** What a station records (and pushes through its outbox) to mark an exception resolved. */
export const exceptionResolvedSchema = z.object({ exceptionId: z.number().int().positive(), note: z.string().min(3).max(500), userId: z.string().min(1).max(64) });

// ---- Check images (issue 16) ----

/** Largest check image the hub takes (a station's quality check keeps them under 100 kB), and the largest chunk. */
export const MAX_CHECK_IMAGE_BYTES = 1024 * 1024;
export const MAX_IMAGE_CHUNK_BYTES = 256 * 1024;
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 lowercase hex digits');

/** How much of an image the hub holds: resume an upload from receivedBytes; complete, it has all of it (hash checked). */
export const checkImageStatusSchema = z.object({
  sha256: sha256HexSchema,
  complete: z.boolean(),
  receivedBytes: z.number().int().min(0),
  /** The size the upload declared; null before any byte arrived. */
  totalBytes: z.number().int().positive().nullable(),
  /** On a chunk: the image was complete before this request (nothing of it was kept twice). */
  alreadyHad: z.boolean().default(false),
});
export type CheckImageStatus = z.infer<typeof checkImageStatusSchema>;
