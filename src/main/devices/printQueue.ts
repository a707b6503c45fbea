// The durable print queue. A job is written in the transaction of the posting that needs it (a
// txListener), printed after the commit, retried with backoff while the printer cannot take it, and
// shown to the cashier as waiting. A person can retry or cancel. Nothing prints twice unless asked:
// a printed job is final (trigger), and a reprint is a new copy that says DUPLICATE.
import { isBatchSession } from '../station/batches/isBatch';
import { randomUUID } from 'node:crypto';
import { StationError } from '../../shared/errors';
import type { PrintForm, PrintJobState, PrintJobView } from '../../shared/printing';
import type { Statements } from '../db/statements';
import type { Recorded, Station } from '../station/station';
import { PrinterNotReady, PrintUncertain } from '../../hardware/printer/errors';
import type { ReceiptPrinter } from '../../hardware/printer/printer';
import { describeFault, type FaultReason } from '../../hardware/printer/status';
import { faultMessage } from '../../hardware/printer/messages';
import { isMessageCode, msg, type StationMessage } from '../../shared/messages';
import { jobLabel, jobLabelMessage, movementPrint, receiptPrint, voidPrint, type JobData } from './printData';
import { docFor, formContext } from './printDocs';
import { asUnconfirmedCopy } from '../../hardware/forms/unconfirmedCopy';
import { printSettings, receiptLanguage } from './printSettings';
import { depositView } from '../station/endOfDay/deposits';
import { zReport } from '../station/endOfDay/reports';
import { agreementLanguage, agreementPrint } from '../station/arrangements/agreement';
import { slipSettings } from '../station/slips/settings';
import { slipPrints, slipRef } from '../station/slips/prints';
import { logSlip } from '../station/slips/log';
import { SlipInterrupted } from '../../hardware/printer/slip';
import { EndorseFailed, type MicrReader } from '../../hardware/micr/reader';
import { slipDoc } from '../../hardware/forms/slip';
import type { SlipLogEntry, SlipPrint } from '../../shared/slips';

export interface PrintJobRow {
  id: string; seq: number; form: PrintForm; ref: string; copy: number; cause: string; lang: 'en' | 'es'; data: string;
  state: PrintJobState; waiting: (FaultReason | 'noPrinter') | null; attempts: number; last_error: string | null; last_error_message: string | null; created_at: string;
  created_by: string | null; printed_at: string | null; printer: string | null; cancelled_at: string | null;
  cancelled_by: string | null; cancel_reason: string | null;
  /** 1 once an attempt went unconfirmed: from then on the job prints as a copy (migration 0007). */
  unconfirmed: number;
}

export interface QueueTiming { firstRetryMs: number; maxRetryMs: number }
const DEFAULT_TIMING: QueueTiming = { firstRetryMs: 500, maxRetryMs: 15000 };

const NO_PRINTER = { en: 'No receipt printer is set up at this station', es: 'No hay impresora de recibos en esta estación' };

/** Why a job waits, as stored in print_jobs.waiting: a printer fault, or no printer at all. */
type WaitReason = FaultReason | 'noPrinter' | 'slipInsert';

const SLIP_INSERT = { en: 'Waiting for the form in the slip station', es: 'Esperando el formulario en la estación de formularios' };

function waitWords(reason: string, lang: 'en' | 'es'): string {
  if (reason === 'slipInsert') return SLIP_INSERT[lang];
  return reason === 'noPrinter' ? NO_PRINTER[lang] : describeFault(reason as FaultReason, lang);
}

const isSlipForm = (f: string): f is 'validation' | 'endorsement' => f === 'validation' || f === 'endorsement';

export class PrintQueue {
  private printer: ReceiptPrinter | null = null;
  private unwatch: (() => void) | null = null;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private notBefore = new Map<string, number>();
  private closed = false;
  /** Resolves when the queue has nothing it can print right now (tests, shutdown). */
  private idleWaiters: (() => void)[] = [];

  constructor(readonly station: Station, private readonly timing: QueueTiming = DEFAULT_TIMING) {
    // A job left "printing" by a crash may or may not be on paper: a person decides.
    station.st.sqlRun(`UPDATE print_jobs SET state = 'failed', waiting = NULL, unconfirmed = 1,
      last_error = 'Interrupted while printing: check whether it printed, then retry or cancel',
      last_error_message = ? WHERE state = 'printing'`, JSON.stringify(msg('printJob.interrupted')));
    station.txListeners.push((st, rec) => this.onRecord(st, rec));
    const onEvent = ({ kind }: { kind: string }) => { if (QUEUED_BY.has(kind)) this.kick(); };
    station.events.on('*', onEvent);
    station.onClose(() => { this.closed = true; station.events.off('*', onEvent); this.usePrinter(null); if (this.timer) clearTimeout(this.timer); });
  }

  /** The printer jobs go to (the device manager sets it; null when there is none). */
  usePrinter(printer: ReceiptPrinter | null): void {
    this.unwatch?.();
    this.unwatch = null;
    this.printer = printer;
    if (printer) {
      // The moment the printer is ready again, waiting jobs go without sitting out their backoff.
      this.unwatch = printer.onStatus((s) => { if (s.state === 'ready') { this.notBefore.clear(); this.kick(); } });
      this.kick();
    }
  }

  get currentPrinter(): ReceiptPrinter | null { return this.printer; }

  /** A check reader's endorser (null: none); used for endorsements when the slip settings say checkReader. */
  private endorser: MicrReader | null = null;
  useEndorser(reader: MicrReader | null): void { this.endorser = reader; if (reader) this.kick(); }

  /** Queues a job inside the caller's transaction; `copy` null = the next copy (a reprint). */
  enqueue(st: Statements, data: JobData, ref: string, cause: string, userId: string | null, lang: 'en' | 'es', copy: number | null): string | null {
    const id = randomUUID();
    const r = st.sqlRun(`INSERT OR IGNORE INTO print_jobs(id, seq, form, ref, copy, cause, lang, data, state, created_at, created_by)
      VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM print_jobs), ?, ?, COALESCE(?, (SELECT COALESCE(MAX(copy), -1) + 1 FROM print_jobs WHERE form = ? AND ref = ?)), ?, ?, ?, 'queued', ?, ?)`,
    id, data.form, ref, copy, data.form, ref, cause, lang, JSON.stringify(data), this.station.nowIso(), userId);
    return r.changes ? id : null;
  }

  private enqueueSlip(st: Statements, sp: SlipPrint, cause: string, userId: string, lang: 'en' | 'es', copy: number | null, event: SlipLogEntry['event']): void {
    const ref = slipRef(sp.receiptId, sp.kind, sp.number);
    const id = this.enqueue(st, { form: sp.kind, slip: sp }, ref, cause, userId, lang, copy);
    logSlip(st, { at: this.station.nowIso(), receiptId: sp.receiptId, jobId: id, form: sp.kind, ref, event, userId, detail: null });
  }

  private logJob(job: PrintJobRow, event: SlipLogEntry['event'], detail: string | null = null, userId: string | null = null): void {
    if (this.closed || !isSlipForm(job.form)) return;
    const sp = (JSON.parse(job.data) as { slip: SlipPrint }).slip;
    logSlip(this.station.st, { at: this.station.nowIso(), receiptId: sp.receiptId, jobId: job.id, form: job.form, ref: job.ref, event, userId, detail });
  }

  /** Jobs the cashier skipped while the printer waits for their form: the wait ends. */
  private skipped = new Set<string>();

  /** The cashier skips a validation or endorsement: cancelled and logged with the receipt; the payment stands. */
  skip(id: string, userId: string, reason: string): PrintJobView {
    const row = this.station.st.sqlGet<PrintJobRow>('SELECT * FROM print_jobs WHERE id = ?', id);
    if (!row) throw new StationError('PRINT_JOB_NOT_FOUND', { job: id }, 'jobId');
    if (!isSlipForm(row.form)) throw new StationError('SLIP_NOT_A_SLIP', {}, 'jobId');
    if (row.state === 'printed' || row.state === 'cancelled') throw new StationError('PRINT_JOB_FINAL', {}, 'jobId');
    this.skipped.add(id);
    this.station.st.tx(() => {
      this.station.st.sqlRun(`UPDATE print_jobs SET state = 'cancelled', waiting = NULL, cancelled_at = ?, cancelled_by = ?, cancel_reason = ?
        WHERE id = ? AND state IN ('queued','printing','failed')`, this.station.nowIso(), userId, `Skipped: ${reason}`, id);
      this.logJob(row, 'skipped', reason, userId);
    });
    const now = this.view(id);
    this.publish(now);
    this.kick();
    return now;
  }

  /** Queues a job in its own transaction (reports, deposit slips, test pages) and starts printing. */
  request(data: JobData, ref: string, userId: string, copy: number | null = null): PrintJobView {
    const lang = receiptLanguage(this.station);
    const id = this.station.st.tx(() => this.enqueue(this.station.st, data, ref, 'print.request', userId, lang, copy));
    const view = id ? this.view(id) : this.view(this.station.st.sqlGet<{ id: string }>('SELECT id FROM print_jobs WHERE form = ? AND ref = ? ORDER BY copy DESC LIMIT 1', data.form, ref)!.id);
    this.publish(view);
    this.kick();
    return view;
  }

  list(states: PrintJobState[] | undefined, limit: number): PrintJobView[] {
    const rows = states?.length
      ? this.station.st.sqlAll<PrintJobRow>(`SELECT * FROM print_jobs WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY seq DESC LIMIT ?`, ...states, limit)
      : this.station.st.sqlAll<PrintJobRow>('SELECT * FROM print_jobs ORDER BY seq DESC LIMIT ?', limit);
    return rows.map(toView);
  }

  view(id: string): PrintJobView {
    const row = this.station.st.sqlGet<PrintJobRow>('SELECT * FROM print_jobs WHERE id = ?', id);
    if (!row) throw new StationError('PRINT_JOB_NOT_FOUND', { job: id }, 'jobId');
    return toView(row);
  }

  /**
   * A person asks for a failed or waiting job to go now. The journal keeps who did, and whether the
   * printer had left an earlier attempt unconfirmed: then this one prints marked as a copy.
   */
  retry(id: string, userId: string | null = null): PrintJobView {
    const v = this.view(id);
    if (v.state === 'printed' || v.state === 'cancelled') throw new StationError('PRINT_JOB_FINAL', {}, 'jobId');
    if (v.state === 'printing') throw new StationError('PRINT_JOB_PRINTING', {}, 'jobId');
    this.station.commit(() => {
      this.station.st.sqlRun("UPDATE print_jobs SET state = 'queued', last_error = NULL, last_error_message = NULL WHERE id = ? AND state IN ('queued','failed')", id);
      this.station.record('print.retried', id, { jobId: id, form: v.form, ref: v.ref, copy: v.copy, unconfirmed: v.unconfirmed, printsAs: v.unconfirmed ? 'unconfirmedCopy' : 'asQueued', userId }, this.station.nowIso(), { sync: false });
    });
    this.notBefore.delete(id);
    this.retriedAt.set(id, Date.parse(this.station.nowIso()));
    const now = this.view(id);
    this.publish(now);
    this.kick();
    return now;
  }

  /** A person gives up on a job. One already at a stopped printer is wiped from its buffer too. */
  async cancel(id: string, userId: string, reason: string): Promise<PrintJobView> {
    const v = this.view(id);
    if (v.state === 'printed' || v.state === 'cancelled') throw new StationError('PRINT_JOB_FINAL', {}, 'jobId');
    this.station.st.sqlRun(`UPDATE print_jobs SET state = 'cancelled', waiting = NULL, cancelled_at = ?, cancelled_by = ?, cancel_reason = ?
      WHERE id = ? AND state IN ('queued','printing','failed')`, this.station.nowIso(), userId, reason, id);
    if (v.state === 'printing') {
      const lang = this.station.st.sqlGet<{ lang: 'en' | 'es' }>('SELECT lang FROM print_jobs WHERE id = ?', id)!.lang;
      await this.printer?.discardPending(lang === 'es' ? '*** NO VALIDO - CANCELADO ***' : '*** NOT VALID - CANCELLED ***').catch(() => undefined);
    }
    const now = this.view(id);
    this.publish(now);
    this.kick();
    return now;
  }

  /** Starts printing what is due (after a commit, a retry, a printer coming back). */
  kick(): void {
    if (this.closed) return;
    if (this.running) { this.again = true; return; }
    void this.drain();
  }

  /** Resolves once nothing more can print right now. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---- inside the posting transaction ----

  private onRecord(st: Statements, rec: Recorded): void {
    const p = rec.payload as Record<string, unknown>;
    const lang = receiptLanguage(this.station);
    switch (rec.kind) {
      case 'batch.item':
        // A batch prints a receipt only for the items that ask for one (a payer who wants it mailed).
        if (p.printReceipt === true) this.enqueue(st, { form: 'receipt', print: receiptPrint(this.station, rec.ref, false) }, rec.ref, 'receipt.posted', p.enteredBy as string, lang, 0);
        break;
      case 'receipt.posted': {
        if (isBatchSession(this.station, p.sessionId)) break;
        this.enqueue(st, { form: 'receipt', print: receiptPrint(this.station, rec.ref, false) }, rec.ref, rec.kind, p.cashierId as string, lang, 0);
        // Validations and endorsements after the receipt, only where there is something to print them on:
        // the printer's slip station, or (endorsements) a check reader's endorser.
        const slips = slipSettings(this.station);
        for (const sp of slipPrints(this.station, rec.ref, slips)) {
          if (slips.slipStation || (sp.kind === 'endorsement' && slips.endorseOn === 'checkReader')) this.enqueueSlip(st, sp, rec.kind, p.cashierId as string, lang, 0, 'queued');
        }
        break;
      }
      case 'slip.requested': {
        const slips = slipSettings(this.station);
        const sp = slipPrints(this.station, p.receiptId as string, { ...slips, validateStubs: true, endorseChecks: true }, true)
          .find((x) => x.kind === p.form && x.number === p.number);
        if (sp) this.enqueueSlip(st, sp, rec.kind, p.userId as string, lang, null, 'requested_again');
        break;
      }
      case 'receipt.reprinted': {
        const receiptId = p.receiptId as string;
        const print = receiptPrint(this.station, receiptId, true);
        // The balances as they were printed on the original, not as they are now.
        const original = st.sqlGet<{ data: string }>("SELECT data FROM print_jobs WHERE form = 'receipt' AND ref = ? AND copy = 0", receiptId);
        if (original) print.balances = (JSON.parse(original.data) as Extract<JobData, { form: 'receipt' }>).print.balances;
        this.enqueue(st, { form: 'receipt', print }, receiptId, rec.kind, p.userId as string, lang, null);
        break;
      }
      case 'receipt.voided':
        this.enqueue(st, { form: 'void', print: voidPrint(this.station, p as never, rec.at) }, rec.ref, rec.kind, p.userId as string, lang, 0);
        break;
      case 'drawer.drop': case 'drawer.paid_out': case 'drawer.paid_in': {
        const form = rec.kind.slice('drawer.'.length) as 'drop' | 'paid_out' | 'paid_in';
        this.enqueue(st, { form, print: movementPrint(this.station, p as never) }, rec.ref, rec.kind, p.userId as string, lang, 0);
        break;
      }
      case 'session.closed':
        // A batch's report is printed on request (batch.report), not a Z report of a drawer it never had.
        if (isBatchSession(this.station, p.sessionId)) break;
        this.enqueue(st, { form: 'z_report', report: zReport(this.station, p.sessionId as string), duplicate: false }, p.sessionId as string, rec.kind, p.closedBy as string, lang, 0);
        break;
      // The agreement prints in the language chosen with the customer, not the receipt language.
      case 'arrangement.created':
        this.enqueue(st, { form: 'arrangement', print: agreementPrint(this.station, rec.ref, false) }, rec.ref, rec.kind, p.createdBy as string, agreementLanguage(this.station, rec.ref), 0);
        break;
      case 'arrangement.reprinted': {
        const id = p.arrangementId as string;
        this.enqueue(st, { form: 'arrangement', print: agreementPrint(this.station, id, true) }, id, rec.kind, p.userId as string, agreementLanguage(this.station, id), null);
        break;
      }
      case 'deposit.prepared':
        this.enqueue(st, { form: 'deposit_slip', deposit: depositView(this.station, p.depositId as string), duplicate: false }, p.depositId as string, rec.kind, p.preparedBy as string, lang, 0);
        break;
      default: break;
    }
  }

  // ---- after the commit ----

  private async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        while (!this.closed) {
          const job = this.station.st.sqlGet<PrintJobRow>("SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY seq LIMIT 1");
          if (!job) break;
          const printer = this.printer;
          if (!printer) {
            if (this.expired(job)) {
              this.station.st.sqlRun("UPDATE print_jobs SET state = 'printing' WHERE id = ? AND state = 'queued'", job.id);
              const minutes = printSettings(this.station).giveUpMinutes;
              this.finish(job.id, 'failed', `${NO_PRINTER[job.lang]} for ${minutes} minutes — print it from the job list if still wanted`, msg('printJob.noPrinter', { minutes }));
              continue;
            }
            this.hold(job, 'noPrinter');
            break;
          }
          const wait = (this.notBefore.get(job.id) ?? 0) - Date.now();
          if (wait > 0) { this.wakeIn(wait); break; }
          if (!(await this.printOne(job, printer))) break; // first in line waits: later jobs keep their order
        }
      } while (this.again && !this.closed);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Prints one job; false when it has to wait for the printer. */
  private async printOne(job: PrintJobRow, printer: ReceiptPrinter): Promise<boolean> {
    const st = this.station.st;
    if (st.sqlRun("UPDATE print_jobs SET state = 'printing', attempts = attempts + 1 WHERE id = ? AND state = 'queued'", job.id).changes !== 1) return true;
    if (!job.waiting) this.publish(this.view(job.id)); // a retry of a waiting job stays "waiting" until it prints
    if (isSlipForm(job.form)) return this.printSlipJob(job, printer);
    let doc;
    try {
      doc = docFor(formContext(this.station, printer.columns, job.lang), JSON.parse(job.data) as JobData);
      if (job.unconfirmed) doc = asUnconfirmedCopy(doc, job.lang);
    } catch (e) {
      this.finish(job.id, 'failed', `Could not lay out the form: ${e instanceof Error ? e.message : String(e)}`, msg('printJob.layout'));
      return true;
    }
    try {
      await printer.print(doc, {
        onWaiting: (reason) => this.waiting(job.id, reason),
        onResumed: () => this.waiting(job.id, null),
      });
      // The station closed while the printer worked: the job stays 'printing' and comes back as failed
      // at the next start, for a person to decide (the database is gone, nothing may be written now).
      if (this.closed) return false;
      st.sqlRun("UPDATE print_jobs SET state = 'printed', waiting = NULL, last_error = NULL, last_error_message = NULL, printed_at = ?, printer = ? WHERE id = ? AND state = 'printing'",
        this.station.nowIso(), printer.id, job.id);
      this.notBefore.delete(job.id);
      this.publish(this.view(job.id));
      return true;
    } catch (e) {
      if (this.closed) return false;
      if (e instanceof PrinterNotReady) {
        const words = describeFault(e.reason, job.lang);
        if (this.expired(job)) {
          const minutes = printSettings(this.station).giveUpMinutes;
          this.finish(job.id, 'failed', `${words}: stopped retrying after ${minutes} minutes — print it from the job list if still wanted`, msg('printJob.gaveUp', { minutes }));
          return true;
        }
        st.sqlRun("UPDATE print_jobs SET state = 'queued', waiting = ?, last_error = ?, last_error_message = ? WHERE id = ? AND state = 'printing'",
          e.reason, e.message, JSON.stringify(faultMessage(e.reason, printer.address, e)), job.id);
        const delay = Math.min(this.timing.maxRetryMs, this.timing.firstRetryMs * 2 ** Math.min(10, job.attempts));
        this.notBefore.set(job.id, Date.now() + delay);
        this.publish(this.view(job.id));
        this.wakeIn(delay);
        return false;
      }
      const message = e instanceof PrintUncertain ? e.message : `Printing failed: ${e instanceof Error ? e.message : String(e)}`;
      // Sent and not confirmed: it may be on paper, so the next attempt is a copy.
      if (e instanceof PrintUncertain) st.run(this.station.kysely.updateTable('print_jobs').set({ unconfirmed: 1 }).where('id', '=', job.id).where('state', '=', 'printing'));
      this.finish(job.id, 'failed', message, msg(e instanceof PrintUncertain ? 'printJob.uncertain' : 'printJob.failed'));
      return true;
    }
  }

  /** A validation or endorsement: the form waited for, printed, released; each step in the slip log. */
  private async printSlipJob(job: PrintJobRow, printer: ReceiptPrinter): Promise<boolean> {
    const st = this.station.st;
    const sp = (JSON.parse(job.data) as { slip: SlipPrint }).slip;
    const settings = slipSettings(this.station);
    if (job.form === 'endorsement' && settings.endorseOn === 'checkReader') return this.endorseOnReader(job, sp, settings.slipColumns);
    try {
      await printer.printSlip(slipDoc(sp, job.lang, settings.slipColumns), settings.insertTimeoutSeconds * 1000, {
        onWaitingForm: () => { this.waiting(job.id, 'slipInsert'); this.logJob(job, 'waiting_form'); },
        onInserted: () => { this.waiting(job.id, null); this.logJob(job, 'inserted'); },
      }, () => this.skipped.has(job.id));
      if (this.closed) return false;
      st.tx(() => {
        st.sqlRun("UPDATE print_jobs SET state = 'printed', waiting = NULL, last_error = NULL, last_error_message = NULL, printed_at = ?, printer = ? WHERE id = ? AND state = 'printing'",
          this.station.nowIso(), printer.id, job.id);
        this.logJob(job, 'printed');
      });
      this.publish(this.view(job.id));
      return true;
    } catch (e) {
      if (this.closed) return false;
      this.skipped.delete(job.id);
      if (e instanceof SlipInterrupted) {
        if (e.reason === 'skipped') return true; // cancelled and logged by skip()
        const code = e.reason === 'timeout' ? 'printJob.slipTimeout' : e.reason === 'removed' ? 'printJob.slipRemoved' : 'printJob.noSlipStation';
        st.tx(() => {
          this.finish(job.id, 'failed', e.message, msg(code, { seconds: settings.insertTimeoutSeconds }));
          this.logJob(job, e.reason === 'noStation' ? 'failed' : e.reason, e.message);
        });
        return true;
      }
      if (e instanceof PrinterNotReady) {
        st.sqlRun("UPDATE print_jobs SET state = 'queued', waiting = ?, last_error = ?, last_error_message = ? WHERE id = ? AND state = 'printing'",
          e.reason, e.message, JSON.stringify(faultMessage(e.reason, printer.address, e)), job.id);
        const delay = Math.min(this.timing.maxRetryMs, this.timing.firstRetryMs * 2 ** Math.min(10, job.attempts));
        this.notBefore.set(job.id, Date.now() + delay);
        this.publish(this.view(job.id));
        this.wakeIn(delay);
        return false;
      }
      const message = `Printing failed: ${e instanceof Error ? e.message : String(e)}`;
      st.tx(() => { this.finish(job.id, 'failed', message, msg('printJob.failed')); this.logJob(job, 'failed', message); });
      return true;
    }
  }

  /** An endorsement on the check reader's endorser: the check in its path, printed, logged. */
  private async endorseOnReader(job: PrintJobRow, sp: SlipPrint, columns: number): Promise<boolean> {
    const st = this.station.st;
    const reader = this.endorser;
    const doc = slipDoc(sp, job.lang, columns);
    try {
      if (!reader) throw new EndorseFailed('noAnswer', 'No check reader with an endorser is set up');
      await reader.endorse(doc.lines);
      if (this.closed) return false;
      st.tx(() => {
        st.sqlRun("UPDATE print_jobs SET state = 'printed', waiting = NULL, last_error = NULL, last_error_message = NULL, printed_at = ?, printer = ? WHERE id = ? AND state = 'printing'",
          this.station.nowIso(), reader.id, job.id);
        this.logJob(job, 'printed', `endorsed on ${reader.id}`);
      });
      this.publish(this.view(job.id));
    } catch (e) {
      if (this.closed) return false;
      const why = e instanceof Error ? e.message : String(e);
      const code = !reader ? 'printJob.noEndorser' : e instanceof EndorseFailed && e.reason === 'noCheck' ? 'printJob.endorserNoCheck' : 'printJob.failed';
      st.tx(() => { this.finish(job.id, 'failed', why, msg(code)); this.logJob(job, 'failed', why); });
    }
    return true;
  }

  /**
   * Waited longer than the give-up time (station clock, so it holds across restarts): it stops
   * retrying, rather than coming out of a printer hours later, or all at once when one is set up.
   */
  private expired(job: PrintJobRow): boolean {
    const since = Math.max(Date.parse(job.created_at), this.retriedAt.get(job.id) ?? 0);
    return Date.parse(this.station.nowIso()) - since > printSettings(this.station).giveUpMinutes * 60_000;
  }

  /** A person's retry starts the give-up time again (in memory: after a restart it counts from creation). */
  private retriedAt = new Map<string, number>();

  private hold(job: PrintJobRow, reason: WaitReason): void {
    if (job.waiting === reason) return;
    this.station.st.sqlRun("UPDATE print_jobs SET waiting = ? WHERE id = ? AND state = 'queued'", reason, job.id);
    this.publish(this.view(job.id));
  }

  private waiting(id: string, reason: WaitReason | null): void {
    if (this.closed) return;
    this.station.st.sqlRun("UPDATE print_jobs SET waiting = ? WHERE id = ? AND state = 'printing'", reason, id);
    this.publish(this.view(id));
  }

  private finish(id: string, state: 'failed', error: string, message: StationMessage): void {
    if (this.closed) return;
    this.station.st.sqlRun("UPDATE print_jobs SET state = ?, waiting = NULL, last_error = ?, last_error_message = ? WHERE id = ? AND state = 'printing'",
      state, error, JSON.stringify(message), id);
    this.notBefore.delete(id);
    this.publish(this.view(id));
  }

  private wakeIn(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.kick(); }, ms);
    this.timer.unref();
  }

  /**
   * Tells the UI. A job retried while it waits on the printer changes nothing the cashier needs to
   * hear about on every try: the same state and reason are said once.
   */
  private publish(v: PrintJobView): void {
    const said = `${v.state}|${v.waitingReason ?? ''}`;
    if (this.said.get(v.id) === said) return;
    if (v.state === 'printed' || v.state === 'cancelled') this.said.delete(v.id); else this.said.set(v.id, said);
    this.station.publish('print.job', v);
  }

  private said = new Map<string, string>();
}

const QUEUED_BY = new Set(['slip.requested', 'receipt.posted', 'batch.item', 'receipt.reprinted', 'receipt.voided', 'drawer.drop', 'drawer.paid_out', 'drawer.paid_in', 'session.closed', 'deposit.prepared', 'arrangement.created', 'arrangement.reprinted']);

/** A stored message, or null when there is none (or it names a code this build does not know). */
function storedMessage(json: string | null): StationMessage | null {
  if (!json) return null;
  const m = JSON.parse(json) as StationMessage;
  return isMessageCode(m.code) ? m : null;
}

export function toView(r: PrintJobRow): PrintJobView {
  const data = JSON.parse(r.data) as JobData;
  return {
    id: r.id, form: r.form, ref: r.ref, label: jobLabel(data, r.lang), labelMessage: jobLabelMessage(data), copy: r.copy, state: r.state,
    waiting: r.waiting ? waitWords(r.waiting, r.lang) : null, waitingReason: r.waiting, attempts: r.attempts, unconfirmed: r.unconfirmed === 1, lastError: r.last_error, lastErrorMessage: storedMessage(r.last_error_message), createdAt: r.created_at, printedAt: r.printed_at, cancelledAt: r.cancelled_at,
    ...('slip' in data ? { slip: data.slip } : {}),
  };
}
