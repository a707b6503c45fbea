// Deposits and closed business days from a station's pushed events, as hub rows (each step of a deposit
// is a row of its own: the city sees its history, and the latest step is its state).
import type { Insertable, Transaction } from 'kysely';
import type { z } from 'zod';
import { businessDayClosedSchema, depositCreatedSchema, depositDiscardedSchema, depositFloatChangedSchema, depositPreparedSchema, depositVerifiedSchema } from './eventData';
import type { StoredEvent } from './push';
import type { Fresh } from './apply';
import type { Ownership } from './ownership';
import type { ExceptionKind } from '../shared/hubProtocol';
import type { HubDB } from './schema';
import { insertChunked } from './sqlUtil';

type Row<T extends keyof HubDB> = Insertable<HubDB[T]>;
type Read = <S extends z.ZodType>(e: StoredEvent, schema: S) => z.infer<S> | null;
type Raise = (e: StoredEvent, kind: ExceptionKind, detail: string) => void;

export const END_OF_DAY_KINDS = new Set(['deposit.created', 'deposit.floatChanged', 'deposit.discarded', 'deposit.prepared', 'deposit.verified', 'businessDay.closed']);

export class EndOfDayRows {
  private deposits: Row<'deposits'>[] = [];
  private days: Row<'deposit_days'>[] = [];
  private steps: Row<'deposit_steps'>[] = [];
  private closures: Row<'business_day_closures'>[] = [];
  /** businessDay.closed events of the batch, reconciled once every row of the batch is in. */
  readonly closedDays: StoredEvent[] = [];

  /** Days this push closes (a second closure of a day is a duplicate). */
  private readonly daysClosed = new Set<string>();

  constructor(private readonly stationId: string, private readonly read: Read, private readonly fresh: Fresh, private readonly own: Ownership, private readonly raise: Raise) {}

  /** The key of this station's deposit a later step names (another station's is refused: FOREIGN_ID). */
  private deposit(id: string): Promise<string> { return this.own.resolve('deposits', 'deposit_id', id, 'deposit'); }

  async add(tx: Transaction<HubDB>, e: StoredEvent): Promise<void> {
    const seq = e.event.seq, at = e.event.at, station_id = this.stationId;
    const step = { station_id, event_seq: seq, at, cash_cents: null, bag_number: null, bank_confirmed_cents: null, difference_cents: null, note: null,
      recorded_day: null };
    switch (e.event.kind) {
      case 'deposit.created': {
        const d = this.read(e, depositCreatedSchema);
        if (!d) return;
        for (const s of d.sessionIds) await this.own.resolve('sessions', 'session_id', s, 'session');
        const depositId = await this.fresh(e, 'deposits', 'deposit_id', d.depositId, 'deposit');
        if (!depositId) return;
        this.deposits.push({ deposit_id: depositId, station_id, bank_name: d.bank.name, bank_routing: d.bank.routing, bank_account: d.bank.account,
          session_count: d.sessionIds.length, cash_cents: d.cashCents, checks_cents: d.checksCents, money_orders_cents: d.moneyOrdersCents,
          total_cents: d.totalCents, item_count: d.items.length, created_by: d.createdBy, created_at: at, event_seq: seq });
        for (const day of new Set(d.businessDays)) this.days.push({ deposit_id: depositId, business_day: day });
        return;
      }
      case 'deposit.floatChanged': {
        const d = this.read(e, depositFloatChangedSchema);
        if (d) this.steps.push({ ...step, deposit_id: await this.deposit(d.depositId), step: 'float_changed', by_user: d.changedBy, cash_cents: d.cashCents, total_cents: d.totalCents });
        return;
      }
      case 'deposit.discarded': {
        const d = this.read(e, depositDiscardedSchema);
        if (d) this.steps.push({ ...step, deposit_id: d.depositId, step: 'discarded', by_user: d.discardedBy, total_cents: 0, note: d.reason });
        return;
      }
      case 'deposit.prepared': {
        const d = this.read(e, depositPreparedSchema);
        if (d) this.steps.push({ ...step, deposit_id: await this.deposit(d.depositId), step: 'prepared', by_user: d.preparedBy, total_cents: d.totalCents, bag_number: d.bagNumber });
        return;
      }
      case 'deposit.verified': {
        const d = this.read(e, depositVerifiedSchema);
        if (d) this.steps.push({ ...step, deposit_id: await this.deposit(d.depositId), step: 'verified', by_user: d.verifiedBy, total_cents: d.totalCents,
          bank_confirmed_cents: d.bankConfirmedCents, difference_cents: d.differenceCents, note: d.note, recorded_day: d.recordedDay ?? at.slice(0, 10) });
        return;
      }
      case 'businessDay.closed': {
        const d = this.read(e, businessDayClosedSchema);
        if (!d) return;
        if (this.daysClosed.has(d.day) || await tx.selectFrom('business_day_closures').select('event_seq').where('station_id', '=', station_id).where('business_day', '=', d.day).executeTakeFirst()) {
          this.raise(e, 'duplicate_id', `businessDay.closed seq ${seq}: station ${station_id} already closed business day ${d.day}; the first closure stands, this one is kept in its event`);
          return;
        }
        this.daysClosed.add(d.day);
        this.closures.push({ station_id, business_day: d.day, closed_at: at, closed_by: d.closedBy, receipts: d.collections.receipts.count,
          collections_cents: d.collections.totalCents, closeouts_cents: d.closeouts.totalCents, over_short_cents: d.closeouts.overShortCents,
          returned_checks: d.returnedChecks.count, returned_checks_cents: d.returnedChecks.totalCents, returned_fees_cents: d.returnedChecks.feesCents,
          net_cents: d.netCents, event_seq: seq });
        this.closedDays.push(e);
        return;
      }
    }
  }

  async flush(tx: Transaction<HubDB>): Promise<void> {
    await insertChunked(tx, 'deposits', this.deposits);
    await insertChunked(tx, 'deposit_days', this.days);
    await insertChunked(tx, 'deposit_steps', this.steps);
    await insertChunked(tx, 'business_day_closures', this.closures);
  }
}
