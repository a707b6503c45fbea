// check.images events as check_image_refs: the images a station may upload are the ones its own pushed
// events name (the hub keeps only images it knows belong to a check tender).
import type { Insertable, Transaction } from 'kysely';
import type { z } from 'zod';
import { checkImagesSchema } from './eventData';
import type { StoredEvent } from './push';
import type { HubDB } from './schema';

type Read = <S extends z.ZodType>(e: StoredEvent, schema: S) => z.infer<S> | null;

export class CheckImageRefs {
  private rows: Insertable<HubDB['check_image_refs']>[] = [];
  constructor(private readonly stationId: string, private readonly read: Read) {}

  add(e: StoredEvent): void {
    const d = this.read(e, checkImagesSchema);
    if (!d) return;
    const ref = { station_id: this.stationId, receipt_id: d.receiptId, tender_no: d.tenderNo, event_seq: e.event.seq };
    this.rows.push({ ...ref, side: 'front', sha256: d.front });
    if (d.back) this.rows.push({ ...ref, side: 'back', sha256: d.back });
  }

  async flush(tx: Transaction<HubDB>): Promise<void> {
    // A tender's images are named once; the same tender named again (a station out of step) keeps the first.
    for (let i = 0; i < this.rows.length; i += 2000) {
      await tx.insertInto('check_image_refs').values(this.rows.slice(i, i + 2000)).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}
