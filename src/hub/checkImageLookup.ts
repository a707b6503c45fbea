// The city's copy of a check image, for the finance office: a returned check, a customer's dispute, the
// bank asking for an item after the station has removed its own copy (the retention years). Found by the
// receipt it paid, as the cashier's receipt shows it; each image then fetched whole by its SHA-256.
import { sql } from 'kysely';
import { z } from 'zod';
import type { HubDb } from './db';
import { HubError } from './errors';

export const receiptCheckImageSchema = z.object({
  stationId: z.string(), receiptNumber: z.string(), businessDay: z.string(), tenderNo: z.number().int(), checkNumber: z.string().nullable(),
  amountCents: z.number().int(), side: z.enum(['front', 'back']), sha256: z.string(),
  held: z.boolean().describe('the hub has the image (its station may not have sent it yet)'), size: z.number().int().nullable(),
});
export type ReceiptCheckImage = z.infer<typeof receiptCheckImageSchema>;

/** The images of the check tenders of a receipt (of one station, when its number alone is not enough). */
export async function imagesOfReceipt(db: HubDb, receiptNumber: string, stationId: string | null): Promise<ReceiptCheckImage[]> {
  let q = db.kysely.selectFrom('receipts as r')
    // A receipt whose id another station held first is kept under `<id>@<station>` (ownership.ts).
    .innerJoin('check_image_refs as ref', (j) => j.onRef('ref.station_id', '=', 'r.station_id')
      .on((eb) => eb.or([eb('ref.receipt_id', '=', eb.ref('r.receipt_id')), eb(sql<string>`ref.receipt_id || '@' || ref.station_id`, '=', eb.ref('r.receipt_id'))])))
    .innerJoin('tenders as t', (j) => j.onRef('t.receipt_id', '=', 'r.receipt_id').onRef('t.tender_no', '=', 'ref.tender_no'))
    .leftJoin('check_images as ci', 'ci.sha256', 'ref.sha256')
    .select(['r.station_id', 'r.receipt_number', 'r.business_day', 'ref.tender_no', 't.check_number', 't.amount_cents', 'ref.side', 'ref.sha256', 'ci.size'])
    .where('r.receipt_number', '=', receiptNumber);
  if (stationId) q = q.where('r.station_id', '=', stationId);
  const rows = await q.orderBy('r.station_id').orderBy('ref.tender_no').orderBy('ref.side', 'desc').execute();
  return rows.map((r) => ({
    stationId: r.station_id, receiptNumber: r.receipt_number, businessDay: r.business_day, tenderNo: r.tender_no, checkNumber: r.check_number,
    amountCents: r.amount_cents, side: r.side, sha256: r.sha256, held: r.size !== null, size: r.size ?? null,
  }));
}

/** One image's bytes (TIFF), as the station scanned it and the hub checked it against its name. */
export async function heldImage(db: HubDb, sha256: string): Promise<Buffer> {
  const row = await db.kysely.selectFrom('check_images').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
  if (!row) throw new HubError(404, 'IMAGE_NOT_HELD', `the hub does not hold image ${sha256}: its station may not have sent it yet (see its Sync screen), or no check tender names it`);
  return Buffer.from(row.bytes);
}
