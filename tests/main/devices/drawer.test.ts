// The cash drawer on the station: opened after the commit (never before), every opening logged with
// user and reason, the sensor watched, left-open warnings, and (a setting) no sale while it is open.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { savePrintSettings } from '../../../src/main/devices/printSettings';
import type { KickFailedEvent } from '../../../src/shared/printing';
import { ROUTING, uuid } from '../../helpers/station';
import { rig, until, type Rig } from './printerRig';

let r: Rig;
afterEach(async () => { await r.close(); });

const log = () => r.t.station.st.sqlAll<{ event: string; user_id: string | null; reason: string | null; detail: string | null }>('SELECT event, user_id, reason, detail FROM drawer_log ORDER BY seq');
const kicks = () => r.emu.events.filter((e) => e.type === 'drawer');

describe('cash drawer on the station', () => {
  it('opens after a cash payment is committed — the receipt is on disk when the pulse reaches the printer', async () => {
    r = await rig();
    const committedAtKick: boolean[] = [];
    r.emu.on('kick', () => {
      const other = new Database(r.t.path, { readonly: true });
      committedAtKick.push(other.prepare('SELECT COUNT(*) n FROM receipts').get() !== undefined && (other.prepare('SELECT COUNT(*) n FROM receipts').get() as { n: number }).n === 1);
      other.close();
    });
    const receipt = await r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 1000 }] });
    await until(() => kicks().length === 1, 'the kick');
    expect(committedAtKick).toEqual([true]);
    expect(kicks()[0]).toEqual({ type: 'drawer', pin: 2, onMs: 100, offMs: 200, via: 'ESC p' });
    // The kick went ahead of the receipt: the drawer opens while the receipt prints.
    await until(() => r.emu.slips().some((sl) => sl.cut), 'the receipt');
    const firstLine = r.emu.events.findIndex((e) => e.type === 'line');
    expect(r.emu.events.findIndex((e) => e.type === 'drawer')).toBeLessThan(firstLine);
    await until(() => log().some((l) => l.event === 'kicked'), 'the log');
    expect(log().slice(0, 2)).toEqual([
      { event: 'open_requested', user_id: 'cashier', reason: `Payment ${receipt.receiptNumber}`, detail: null },
      { event: 'kicked', user_id: 'cashier', reason: `Payment ${receipt.receiptNumber}`, detail: 'pin 2, 100 ms, ESC p' },
    ]);
    await until(() => r.drawer.isOpen() === true, 'the sensor to say open');
    await until(() => log().some((l) => l.event === 'opened'), 'the opening to be logged');
    expect(log().find((l) => l.event === 'opened')).toMatchObject({ user_id: 'cashier', reason: `Payment ${receipt.receiptNumber}`, detail: 'sensor' });
    // Opened with the key, no kick: logged as such.
    r.emu.shutDrawer();
    await until(() => r.drawer.isOpen() === false, 'shut');
    r.emu.setStatus({ drawerOpen: true });
    await until(() => log().filter((l) => l.event === 'opened').length === 2, 'the second opening');
    expect(log().filter((l) => l.event === 'opened')[1]).toMatchObject({ user_id: null, reason: 'Opened without a kick (key or by hand)' });
    expect(r.events.some((e) => e.kind === 'drawer.state' && (e.payload as { open: boolean }).open)).toBe(true);
  });

  it('opens for a check, not for a card-only payment, and never for a refused posting', async () => {
    r = await rig();
    await r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'card', amountCents: 500, brand: 'visa', last4: '4242', authCode: 'A1B2C3' }] });
    const bad = await r.t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 100 }] });
    expect(bad.ok).toBe(false);
    await r.printing.queue.idle();
    await until(() => r.emu.slips().filter((s) => s.cut).length === 1, 'the card receipt');
    expect(kicks()).toEqual([]);
    await r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 700 }], tenders: [{ kind: 'check', amountCents: 700, routing: ROUTING, account: '123456789', checkNumber: '42' }] });
    await until(() => kicks().length === 1, 'the kick for the check');
  });

  it('no-sale, paid-in, paid-out and drop each open it, logged with who and why', async () => {
    r = await rig();
    const open = async (fn: () => Promise<unknown>) => {
      const before = kicks().length;
      await fn();
      await until(() => kicks().length === before + 1, 'a kick');
      await until(() => r.drawer.isOpen() === true, 'the sensor to see it open');
      r.emu.shutDrawer();
      await until(() => r.drawer.isOpen() === false, 'the drawer shut');
    };
    await open(() => r.t.ok('drawer.noSale', { id: uuid(), reason: 'change for the meter' }));
    await open(() => r.t.ok('drawer.paidIn', { id: uuid(), amountCents: 2000, reason: 'float top-up' }));
    await open(() => r.t.ok('drawer.paidOut', { id: uuid(), amountCents: 1000, reason: 'refund deposit', approval: { userId: 'supervisor', pin: '2222' } }));
    await open(() => r.t.ok('drawer.drop', { id: uuid(), amountCents: 5000 }));
    await until(() => log().filter((l) => l.event === 'kicked').length === 4, 'four logged kicks');
    expect(log().filter((l) => l.event === 'open_requested').map((l) => [l.user_id, l.reason])).toEqual([
      ['cashier', 'No sale: change for the meter'],
      ['cashier', 'Paid in: float top-up'],
      ['cashier', 'Paid out: refund deposit'],
      ['cashier', 'Drop'],
    ]);
    const entries = await r.t.ok('drawer.log', { limit: 100 }, 'supervisor');
    expect(entries.filter((e) => e.event === 'opened')).toHaveLength(4);
    expect(entries.filter((e) => e.event === 'closed')).toHaveLength(4);
  });

  it('warns when the drawer is left open, and (setting) refuses the next sale until it is shut', async () => {
    r = await rig();
    savePrintSettings(r.t.station, { blockSaleWhileDrawerOpen: true, drawerOpenWarnSeconds: 1 });
    await r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    await until(() => r.drawer.isOpen() === true, 'the drawer open');
    await until(() => r.events.some((e) => e.kind === 'drawer.leftOpen'), 'the left-open warning', 4000);
    expect((await r.t.ok('drawer.state', {}))).toMatchObject({ configured: true, open: true, leftOpen: true, blocksSale: true });
    const refused = await r.t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 300 }], tenders: [{ kind: 'cash', amountCents: 300 }] });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'DRAWER_OPEN', message: 'Close the cash drawer before starting the next sale.' });
    expect(r.t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) n FROM receipts')!.n).toBe(1);
    await until(() => log().some((l) => l.event === 'sale_blocked'), 'the refusal logged');
    r.emu.shutDrawer();
    await until(() => r.drawer.isOpen() === false, 'the drawer shut');
    const ok = await r.t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 300 }], tenders: [{ kind: 'cash', amountCents: 300 }] });
    expect(ok.receiptNumber).toBe('ST01-000002');
    expect(log().map((l) => l.event)).toEqual(expect.arrayContaining(['left_open', 'sale_blocked', 'closed']));
  });

  it('opens with the real-time pulse while the printer is out of paper, and says so when it cannot', async () => {
    r = await rig();
    r.emu.setStatus({ paperEnd: true });
    await r.printer.refresh();
    await r.t.ok('drawer.noSale', { id: uuid(), reason: 'make change' });
    await until(() => r.emu.realTime.some((e) => e.type === 'drawer'), 'the real-time pulse');
    await until(() => log().some((l) => l.event === 'kicked'), 'the log');
    expect(log().find((l) => l.event === 'kicked')!.detail).toBe('pin 2, 100 ms, DLE DC4');
    r.emu.setStatus({ paperEnd: false });
    r.emu.shutDrawer();
    await r.emu.unplug();
    await r.t.ok('drawer.noSale', { id: uuid(), reason: 'make change again' });
    await until(() => r.events.some((e) => e.kind === 'drawer.kickFailed'), 'the failure told');
    // Why, as a code for the UI (the printer is not reachable), beside the English detail for IT.
    const failed = r.events.find((e) => e.kind === 'drawer.kickFailed')!.payload as KickFailedEvent;
    expect(failed.detail).toMatch(/printer at tcp:\/\/127\.0\.0\.1/);
    expect(failed.detailMessage).toEqual({ code: 'link.unreachable', params: { address: r.printer.address.replace('tcp://', '') } });
    expect(log().filter((l) => l.event === 'kick_failed')).toHaveLength(1);
    await r.emu.plugIn();
  });
});
