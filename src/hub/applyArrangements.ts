// Arrangements from a station's pushed events, as hub rows. An arrangement made while another station
// made one for the same account is kept all the same, and both stations get an exception for a
// supervisor: the hub loses neither. What the stations applied of payments is stored in the events only:
// the hub applies every station's payments itself (arrangementReview.ts).
import { sql, type Insertable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { ExceptionKind } from '../shared/hubProtocol';
import { canonicalJson } from '../shared/canonical';
import { arrangementCancelledSchema, arrangementCreatedSchema } from './eventData';
import type { StoredEvent } from './push';
import type { Fresh } from './apply';
import type { Ownership } from './ownership';
import type { HubDB } from './schema';
import { insertChunked } from './sqlUtil';

type Row<T extends keyof HubDB> = Insertable<HubDB[T]>;
type Read = <S extends z.ZodType>(e: StoredEvent, schema: S) => z.infer<S> | null;
type Raise = (e: StoredEvent, kind: ExceptionKind, detail: string, extra?: { accountNumber?: string | null; amountCents?: number | null }) => void;

export const ARRANGEMENT_KINDS = new Set(['arrangement.created', 'arrangement.cancelled', 'arrangement.paid', 'arrangement.paymentReversed']);

export class ArrangementRows {
  private arrangements: Row<'arrangements'>[] = [];
  private instalments: Row<'arrangement_instalments'>[] = [];
  private cancellations: Row<'arrangement_cancellations'>[] = [];
  /** The other station's arrangement a new one collides with: that station is told too. */
  private collisions: { arrangementId: string; detail: string; accountNumber: string; amountCents: number }[] = [];
  /** Accounts whose arrangements must be judged again after this push. */
  readonly accounts = new Set<string>();

  constructor(private readonly stationId: string, private readonly read: Read, private readonly raise: Raise, private readonly fresh: Fresh, private readonly own: Ownership) {}

  async add(tx: Transaction<HubDB>, e: StoredEvent): Promise<void> {
    switch (e.event.kind) {
      case 'arrangement.created': {
        const r = this.read(e, arrangementCreatedSchema);
        if (!r) return;
        if (r.stationId !== this.stationId) { this.raise(e, 'unreadable_event', `arrangement ${r.number} names station ${r.stationId}`); return; }
        const id = await this.fresh(e, 'arrangements', 'arrangement_id', r.id, `arrangement ${r.number}`);
        if (!id) return;
        const others = [
          ...(await tx.selectFrom('arrangement_status as s').innerJoin('arrangements as a', 'a.arrangement_id', 's.arrangement_id')
            .select(['a.arrangement_id', 'a.arrangement_number', 'a.station_id']).where('s.account_number', '=', r.accountNumber).where('s.status', '=', 'active')
            .where('a.arrangement_id', '<>', id).execute()),
          ...this.arrangements.filter((x) => x.account_number === r.accountNumber && x.arrangement_id !== id),
        ];
        for (const o of others) {
          const detail = `account ${r.accountNumber} has two running payment arrangements: ${o.arrangement_number} (${o.station_id}) and ${r.number} (${r.stationId}), one made while the other was not known; both are kept: a supervisor cancels the one that should not stand`;
          this.raise(e, 'duplicate_arrangement', detail, { accountNumber: r.accountNumber, amountCents: r.totalCents });
          if (o.station_id !== this.stationId) this.collisions.push({ arrangementId: o.arrangement_id, detail, accountNumber: r.accountNumber, amountCents: r.totalCents });
        }
        this.arrangements.push({
          arrangement_id: id, station_id: r.stationId, arrangement_number: r.number, account_number: r.accountNumber, business_day: r.businessDay, created_at: r.createdAt,
          total_cents: r.totalCents, down_payment_cents: r.downPaymentCents, down_receipt_id: r.downReceiptId, grace_days: r.graceDays, time_zone: r.timeZone,
          record: canonicalJson(e.event.data), event_seq: e.event.seq,
        });
        for (const x of r.instalments) this.instalments.push({ arrangement_id: id, instalment_no: x.no, due_date: x.dueDate, amount_cents: x.amountCents });
        this.accounts.add(r.accountNumber);
        return;
      }
      case 'arrangement.cancelled': {
        const c = this.read(e, arrangementCancelledSchema);
        if (!c) return;
        // A supervisor may cancel an arrangement made at another station: its id is kept as the hub holds it.
        const arrangementId = await this.own.resolve('arrangements', 'arrangement_id', c.arrangementId, 'arrangement', true);
        const cancellationId = await this.fresh(e, 'arrangement_cancellations', 'cancellation_id', c.cancellationId, 'cancellation');
        if (!cancellationId) return;
        this.cancellations.push({ cancellation_id: cancellationId, arrangement_id: arrangementId, station_id: this.stationId, business_day: c.businessDay, cancelled_at: e.event.at,
          user_id: c.userId, approved_by: c.approvedBy, reason: c.reason, event_seq: e.event.seq });
        this.accounts.add(c.accountNumber);
        return;
      }
      default: return; // the station's own application of payments: kept in the event
    }
  }

  async flush(tx: Transaction<HubDB>, at: string): Promise<void> {
    await insertChunked(tx, 'arrangements', this.arrangements);
    await insertChunked(tx, 'arrangement_instalments', this.instalments);
    await insertChunked(tx, 'arrangement_cancellations', this.cancellations);
    for (const c of this.collisions) {
      await sql`INSERT INTO exceptions (station_id, event_id, seq, kind, receipt_number, account_number, amount_cents, detail, created_at, version)
        SELECT e.station_id, e.event_id, e.seq, 'duplicate_arrangement', NULL, ${c.accountNumber}, ${c.amountCents}::bigint, ${c.detail}, ${at}, nextval('exception_version')
        FROM arrangements a JOIN events e ON e.station_id = a.station_id AND e.seq = a.event_seq WHERE a.arrangement_id = ${c.arrangementId}`.execute(tx);
    }
  }
}
