// The cash drawer on the station side: opened after the commit of a posting that took cash or checks
// (and on no-sale, paid-in/out, drop, and a void that hands money back) — never before. Every opening
// is logged with user and reason; the sensor is watched, a drawer left open is reported, and (a
// setting) the next sale is refused until it is shut.
import { isBatchSession } from '../station/batches/isBatch';
import { StationError } from '../../shared/errors';
import type { DrawerLogEntry, DrawerStateView, KickFailedEvent } from '../../shared/printing';
import { msg } from '../../shared/messages';
import { failureMessage } from '../../hardware/printer/messages';
import type { CashDrawer } from '../../hardware/drawer/drawer';
import type { Statements } from '../db/statements';
import type { Recorded, Station } from '../station/station';
import { printSettings } from './printSettings';

interface OpenReason { userId: string | null; sessionId: string | null; reason: string; ref: string }

const TAKES_DRAWER = new Set(['cash', 'check', 'money_order']);
const KICK_TO_OPEN_MS = 10_000;

export class DrawerService {
  private drawer: CashDrawer | null = null;
  private unwatch: (() => void) | null = null;
  private openSince: string | null = null;
  /** The last kick, to say who and why when the sensor then reports the drawer open. */
  private lastKick: { why: OpenReason; at: number } | null = null;
  private leftOpen = false;
  private warnTimer: NodeJS.Timeout | null = null;

  constructor(readonly station: Station) {
    station.txListeners.push((st, rec) => this.onRecord(st, rec));
    const onEvent = ({ kind, payload }: { kind: string; payload: unknown }) => {
      const why = this.reasonFor(kind, payload as Record<string, unknown>);
      if (why) void this.kick(why);
    };
    station.events.on('*', onEvent);
    station.onClose(() => { station.events.off('*', onEvent); this.useDrawer(null); });
  }

  useDrawer(drawer: CashDrawer | null): void {
    this.unwatch?.();
    this.unwatch = null;
    this.drawer = drawer;
    this.stopWarn();
    this.openSince = null;
    this.leftOpen = false;
    if (drawer) {
      this.unwatch = drawer.onStatus(() => this.sensed(drawer.isOpen()));
      this.sensed(drawer.isOpen());
    }
  }

  get currentDrawer(): CashDrawer | null { return this.drawer; }

  state(): DrawerStateView {
    const open = this.drawer?.isOpen() ?? null;
    return {
      configured: this.drawer !== null,
      open,
      openSince: open ? this.openSince : null,
      leftOpen: open === true && this.leftOpen,
      blocksSale: open === true && printSettings(this.station).blockSaleWhileDrawerOpen,
    };
  }

  logEntries(limit: number, sessionId?: string): DrawerLogEntry[] {
    const rows = sessionId
      ? this.station.st.sqlAll<Row>('SELECT * FROM drawer_log WHERE session_id = ? ORDER BY seq DESC LIMIT ?', sessionId, limit)
      : this.station.st.sqlAll<Row>('SELECT * FROM drawer_log ORDER BY seq DESC LIMIT ?', limit);
    return rows.map((r) => ({ seq: r.seq, at: r.at, event: r.event, userId: r.user_id, sessionId: r.session_id, reason: r.reason, ref: r.ref, detail: r.detail }));
  }

  /** Why a recorded change opens the drawer, or null when it does not. */
  reasonFor(kind: string, p: Record<string, unknown>, st: Statements = this.station.st): OpenReason | null {
    switch (kind) {
      case 'receipt.posted': {
        // A batch has no drawer: mail and drop-box checks never open it.
        if (isBatchSession(this.station, p.sessionId)) return null;
        const tenders = p.tenders as { kind: string }[];
        if (!tenders.some((t) => TAKES_DRAWER.has(t.kind))) return null;
        return { userId: p.cashierId as string, sessionId: p.sessionId as string, reason: `Payment ${p.receiptNumber as string}`, ref: p.id as string };
      }
      case 'receipt.voided': {
        const hands = st.sqlGet('SELECT 1 FROM tenders WHERE receipt_id = ? AND kind IN (\'cash\',\'check\',\'money_order\') LIMIT 1', p.receiptId as string);
        if (!hands) return null;
        return { userId: p.userId as string, sessionId: p.sessionId as string, reason: `Void ${p.receiptNumber as string}: ${p.reason as string}`, ref: p.voidId as string };
      }
      case 'drawer.paid_in': case 'drawer.paid_out': case 'drawer.drop': case 'drawer.no_sale': {
        const what = { 'drawer.paid_in': 'Paid in', 'drawer.paid_out': 'Paid out', 'drawer.drop': 'Drop', 'drawer.no_sale': 'No sale' }[kind];
        return { userId: p.userId as string, sessionId: p.sessionId as string, reason: p.reason ? `${what}: ${p.reason as string}` : what, ref: p.id as string };
      }
      default: return null;
    }
  }

  // Inside the posting transaction: refuse a sale while the drawer is open (setting), log the reason to open.
  private onRecord(st: Statements, rec: Recorded): void {
    const p = rec.payload as Record<string, unknown>;
    if (rec.kind === 'receipt.posted' && this.drawer?.isOpen() === true && printSettings(this.station).blockSaleWhileDrawerOpen && !isBatchSession(this.station, p.sessionId)) {
      const user = p.cashierId as string;
      // Logged once the refused transaction has rolled back.
      setImmediate(() => this.log('sale_blocked', { userId: user, sessionId: p.sessionId as string, reason: 'Drawer open', ref: p.id as string }, null));
      this.station.publish('drawer.state', this.state());
      throw new StationError('DRAWER_OPEN');
    }
    const why = this.reasonFor(rec.kind, p, st);
    if (why) this.log('open_requested', why, null, st, rec.at);
  }

  // After the commit: kick, and log what happened.
  private async kick(why: OpenReason): Promise<void> {
    const drawer = this.drawer;
    if (!drawer) {
      this.log('kick_failed', why, 'No cash drawer is set up at this station');
      const failed: KickFailedEvent = { reason: why.reason, detail: 'No cash drawer is set up at this station', detailMessage: msg('drawer.notSetUp') };
      this.station.publish('drawer.kickFailed', failed);
      return;
    }
    try {
      const r = await drawer.kick();
      this.lastKick = { why, at: Date.now() };
      this.log('kicked', why, r.detail ?? `pin ${r.pin ?? ''}, ${r.onMs} ms, ${r.via}`);
      this.station.publish('drawer.kicked', { reason: why.reason, via: r.via });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      this.log('kick_failed', why, detail);
      const failed: KickFailedEvent = { reason: why.reason, detail, detailMessage: failureMessage(e, drawer.linkAddress) };
      this.station.publish('drawer.kickFailed', failed);
    }
  }

  private sensed(open: boolean | null): void {
    const wasOpen = this.openSince !== null;
    if (open === true && !wasOpen) {
      this.openSince = this.station.nowIso();
      this.leftOpen = false;
      // Open within seconds of a kick: that kick's user and reason. Otherwise it was opened by hand or key.
      const k = this.lastKick && Date.now() - this.lastKick.at < KICK_TO_OPEN_MS ? this.lastKick.why : null;
      this.lastKick = null;
      this.log('opened', k ?? { userId: null, sessionId: null, reason: 'Opened without a kick (key or by hand)', ref: '' }, 'sensor');
      const secs = printSettings(this.station).drawerOpenWarnSeconds;
      this.stopWarn();
      this.warnTimer = setTimeout(() => this.warnLeftOpen(secs), secs * 1000);
      this.warnTimer.unref();
      this.station.publish('drawer.state', this.state());
    } else if (open === false && wasOpen) {
      this.openSince = null;
      this.leftOpen = false;
      this.stopWarn();
      this.log('closed', { userId: null, sessionId: null, reason: 'Shut', ref: '' }, 'sensor');
      this.station.publish('drawer.state', this.state());
    }
  }

  private warnLeftOpen(secs: number): void {
    if (this.drawer?.isOpen() !== true) return;
    this.leftOpen = true;
    this.log('left_open', { userId: null, sessionId: null, reason: `Open more than ${secs} s`, ref: '' }, `since ${this.openSince ?? ''}`);
    this.station.publish('drawer.leftOpen', { openSince: this.openSince, seconds: secs });
    this.station.publish('drawer.state', this.state());
  }

  private stopWarn(): void { if (this.warnTimer) clearTimeout(this.warnTimer); this.warnTimer = null; }

  private log(event: DrawerLogEntry['event'], why: OpenReason, detail: string | null, st: Statements = this.station.st, at = this.station.nowIso()): void {
    st.sqlRun('INSERT INTO drawer_log(at, event, user_id, session_id, reason, ref, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      at, event, why.userId, why.sessionId, why.reason, why.ref || null, detail);
  }
}

interface Row { seq: number; at: string; event: DrawerLogEntry['event']; user_id: string | null; session_id: string | null; reason: string | null; ref: string | null; detail: string | null }
