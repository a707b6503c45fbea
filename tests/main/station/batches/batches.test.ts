// Mail and drop-box batches on a real station: opened with the tape's figures, items keyed (stub and
// check), the difference live, closed only balanced or with a supervisor's approval, then deposited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_STUB_FORMATS, encodeStub } from '../../../../src/shared/stubs';
import { verifyLedger } from '../../../../src/main/station/verify';
import { makeStation, ROUTING, uuid, type TestStation } from '../../../helpers/station';

let t: TestStation;
let accounts: string[];
beforeEach(async () => {
  t = await makeStation({ accounts: 50 });
  accounts = (await t.ok('accounts.search', { query: '1', limit: 10 })).filter((a) => a.status !== 'closed' && a.status !== 'final').map((a) => a.accountNumber);
});
afterEach(() => t.cleanup());

const check = (cents: number, no = '1001') => ({ kind: 'check' as const, amountCents: cents, routing: ROUTING, account: '44001234', checkNumber: no });
// Each item its own check (a number again for the same amount from the same account is a duplicate presentment).
let nextCheck = 1001;
const item = (batchId: string, account: string, cents: number, extra: Record<string, unknown> = {}) => ({
  id: uuid(), batchId, lines: [{ revenueCode: 'WATER', accountNumber: account, amountCents: cents }], tender: check(cents, String(nextCheck++)), dateReceived: '2026-11-19', ...extra,
});

describe('a mail batch', () => {
  it('shows the difference live, refuses to close out of balance, closes balanced and goes into a deposit', async () => {
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 3, controlCents: 30000 });
    expect(b).toMatchObject({ state: 'open', source: 'mail', control: { count: 3, cents: 30000 }, entered: { count: 0, cents: 0 }, difference: { count: -3, cents: -30000 }, balanced: false, depositable: true });
    // A stub scanned: its account and amount fill the line.
    const raw = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: accounts[0]!, amountCents: 10000, dueDate: '2026-12-01', billNumber: '2026110101', revenueCodeValue: '01' });
    const scan = await t.ok('stubs.scan', { raw });
    await t.ok('batch.addItem', { ...item(b.id, scan.account.accountNumber, scan.stub.amountCents), lines: [{ revenueCode: scan.revenueCode.code, accountNumber: scan.account.accountNumber, amountCents: scan.stub.amountCents, stub: { raw } }], postmarkDate: '2026-11-17' });
    await t.ok('batch.addItem', item(b.id, accounts[1]!, 10000));
    const wrong = await t.ok('batch.addItem', item(b.id, accounts[2]!, 9999));
    let v = await t.ok('batch.get', { batchId: b.id });
    expect(v.entered).toEqual({ count: 3, cents: 29999 });
    expect(v.difference).toEqual({ count: 0, cents: -1 });
    const refused = await t.call('batch.close', { id: uuid(), batchId: b.id });
    expect(refused.ok || refused.error).toMatchObject({ code: 'BATCH_UNBALANCED', field: 'approval' });
    // Corrected: the item keyed a cent short is voided (supervisor) and keyed again.
    await t.ok('receipt.void', { id: uuid(), receiptNumber: wrong.receiptNumber, reason: 'keyed a cent short', approval: { userId: 'supervisor', pin: '2222' } });
    await t.ok('batch.addItem', item(b.id, accounts[2]!, 10000));
    v = await t.ok('batch.get', { batchId: b.id });
    expect(v).toMatchObject({ entered: { count: 3, cents: 30000 }, difference: { count: 0, cents: 0 }, balanced: true });
    expect(v.items.map((i) => i.voided)).toEqual([false, false, true, false]);
    const closed = await t.ok('batch.close', { id: uuid(), batchId: b.id });
    expect(closed).toMatchObject({ state: 'closed', closure: { approvedBy: null, differenceCents: 0 } });
    // Into a deposit like a closed drawer session: checks only, no float kept back.
    const d = await t.ok('deposit.create', { id: uuid(), sessionIds: [b.id] }, 'supervisor');
    expect(d).toMatchObject({ checks: { count: 3, totalCents: 30000 }, cash: { deposited: { totalCents: 0 } }, float: { targetCents: 0, keptCents: 0 }, totalCents: 30000 });
    expect((await t.ok('batch.get', { batchId: b.id })).depositId).toBe(d.id);
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('takes gapless receipt numbers shared with the drawer, and never opens or needs the drawer', async () => {
    await t.ok('session.open', { id: uuid(), floatCounts: { bill_2000: 5, bill_1000: 5 } });
    const counter = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: accounts[0]!, amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    const b = await t.ok('batch.open', { id: uuid(), source: 'drop_box', controlCount: 1, controlCents: 700 });
    const it1 = await t.ok('batch.addItem', item(b.id, accounts[1]!, 700));
    const counter2 = await t.ok('receipt.post', { id: uuid(), lines: [{ revenueCode: 'WATER', accountNumber: accounts[0]!, amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
    const seqs = [counter.receiptNumber, it1.receiptNumber, counter2.receiptNumber].map((n) => Number(n.split('-')[1]));
    expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
    // The drawer's expected cash does not see the batch.
    expect((await t.ok('session.current', {}))!.expectedCashCents).toBe(15000 + 1000);
    // The daily summary and its export total by collection point.
    const day = (await t.ok('report.dailySummary', { businessDay: '2026-11-20' }, 'supervisor')).collections;
    expect(day.byCollectionPoint).toEqual([{ point: 'counter', count: 2, totalCents: 1000 }, { point: 'drop_box', count: 1, totalCents: 700 }]);
    const csv = await t.ok('export.dailySummary', { businessDay: '2026-11-20' }, 'supervisor');
    expect(csv.content).toContain('2026-11-20,collection_point,drop_box,,,1,7.00');
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('closes out of balance only with a supervisor approval and a reason', async () => {
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 2, controlCents: 20000 });
    await t.ok('batch.addItem', item(b.id, accounts[0]!, 10000));
    const noReason = await t.call('batch.close', { id: uuid(), batchId: b.id, approval: { userId: 'supervisor', pin: '2222' } });
    expect(noReason.ok || noReason.error.code).toBe('REASON_REQUIRED');
    const self = await t.call('batch.close', { id: uuid(), batchId: b.id, approval: { userId: 'cashier', pin: '1111' }, reason: 'tape was wrong' });
    expect(self.ok).toBe(false);
    const id = uuid();
    const closed = await t.ok('batch.close', { id, batchId: b.id, approval: { userId: 'supervisor', pin: '2222' }, reason: 'second envelope was empty' });
    expect(closed.closure).toMatchObject({ approvedBy: { id: 'supervisor' }, reason: 'second envelope was empty', differenceCount: -1, differenceCents: -10000 });
    // The same request again changes nothing; a new item is refused.
    expect((await t.ok('batch.close', { id, batchId: b.id })).state).toBe('closed');
    const late = await t.call('batch.addItem', item(b.id, accounts[0]!, 100));
    expect(late.ok || late.error.code).toBe('BATCH_CLOSED');
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('refuses bad input on its field and writes nothing', async () => {
    const bad = [
      [{ controlCount: -1, controlCents: 100 }, 'controlCount'],
      [{ controlCount: 1, controlCents: -100 }, 'controlCents'],
      [{ controlCount: 99999, controlCents: 100 }, 'controlCount'],
      [{ controlCount: 1, controlCents: 1e12 }, 'controlCents'],
      [{ controlCount: 1.5, controlCents: 100 }, 'controlCount'],
    ] as const;
    for (const [fig, field] of bad) {
      const r = await t.call('batch.open', { id: uuid(), source: 'mail', ...fig });
      expect(r.ok || r.error.field).toBe(field);
    }
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 1, controlCents: 100 });
    const journal = () => t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM journal')!.n;
    const before = journal();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ dateReceived: '2026-11-21' }, 'DATE_RECEIVED_FUTURE', 'dateReceived'],
      [{ postmarkDate: '2026-11-20' }, 'POSTMARK_AFTER_RECEIVED', 'postmarkDate'],
      [{ tender: { ...check(100), routing: '123456789' } }, 'INVALID_ROUTING', 'tender.routing'],
      [{ tender: { kind: 'cash', amountCents: 100 } }, 'BATCH_TENDER_NOT_ALLOWED', 'tender.kind'],
      [{ tender: check(150) }, 'BATCH_AMOUNT_MISMATCH', 'tender.amountCents'],
    ];
    for (const [extra, code, field] of cases) {
      const r = await t.call('batch.addItem', item(b.id, accounts[0]!, 100, extra));
      expect(r.ok || [r.error.code, r.error.field]).toEqual([code, field]);
    }
    expect(journal()).toBe(before);
    expect((await t.ok('batch.get', { batchId: b.id })).entered).toEqual({ count: 0, cents: 0 });
  });

  it('keeps money for an unknown or closed account, raising an exception a supervisor resolves', async () => {
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 1, controlCents: 4200 });
    const it1 = await t.ok('batch.addItem', item(b.id, '999999-99', 4200));
    expect(it1.accountNumbers).toEqual(['999999-99']);
    const [ex] = await t.ok('batch.exceptions', {});
    expect(ex).toMatchObject({ receiptNumber: it1.receiptNumber, accountNumber: '999999-99', kind: 'unknown_account', amountCents: 4200, resolution: null });
    const cashier = await t.call('batch.resolveException', { id: uuid(), exceptionId: ex!.id, action: 'refund', note: 'no such account' });
    expect(cashier.ok || cashier.error.code).toBe('FORBIDDEN');
    const r = await t.ok('batch.resolveException', { id: uuid(), exceptionId: ex!.id, action: 'apply_to_account', accountNumber: accounts[0]!, note: 'digits swapped on the stub' }, 'supervisor');
    expect(r.resolution).toMatchObject({ action: 'apply_to_account', accountNumber: accounts[0] });
    expect(await t.ok('batch.exceptions', {})).toEqual([]);
    expect(verifyLedger(t.station).ok).toBe(true);
  });
});

describe('verify', () => {
  it('finds a balanced batch gone out of balance, and a batch whose receipts no longer add up to its items', async () => {
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 1, controlCents: 500 });
    const it1 = await t.ok('batch.addItem', item(b.id, accounts[0]!, 500));
    await t.ok('batch.close', { id: uuid(), batchId: b.id });
    expect(verifyLedger(t.station).ok).toBe(true);
    const db = t.station.db.sqlite;
    // Someone with the database open edits behind the ledger's back: each is found.
    db.exec('DROP TRIGGER batch_closures_no_update');
    // (The table itself refuses a closure out of balance without an approval: only the figures can be edited.)
    expect(() => db.prepare('UPDATE batch_closures SET difference_cents = -100 WHERE session_id = ?').run(b.id)).toThrow(/CHECK constraint failed/);
    db.prepare('UPDATE batch_closures SET entered_cents = 400 WHERE session_id = ?').run(b.id);
    // The trigger put back, so only the edit itself is left to find.
    db.exec("CREATE TRIGGER batch_closures_no_update BEFORE UPDATE ON batch_closures BEGIN SELECT RAISE(ABORT, 'batch_closures is append-only: write a correcting row'); END;");
    expect(verifyLedger(t.station).summary).toMatch(/invariant 10 \(a balanced batch stays balanced\) at batch ST01-B00001: closed at 1 for 400, it now holds 1 for 500/);
    db.exec('DROP TRIGGER batch_closures_no_update');
    db.prepare('UPDATE batch_closures SET entered_cents = 500 WHERE session_id = ?').run(b.id);
    db.exec('DROP TRIGGER receipt_lines_no_update');
    db.prepare('UPDATE receipt_lines SET amount_cents = 499 WHERE receipt_id = ?').run(it1.receiptId);
    expect(verifyLedger(t.station).ok).toBe(false);
  });
});

describe('the postmark and the late penalty', () => {
  it('judges a mailed stub late on its postmark, not on the day it is opened', async () => {
    const raw = encodeStub(BUILT_IN_STUB_FORMATS[0]!, { accountNumber: accounts[0]!, amountCents: 8000, dueDate: '2026-11-15', billNumber: '2026110102', revenueCodeValue: '01' });
    expect((await t.ok('stubs.scan', { raw })).late).toMatchObject({ revenueCode: 'LATE', monthsPastDue: 1 });
    expect((await t.ok('stubs.scan', { raw, asOf: '2026-11-14' })).late).toBeNull();
    const late = (await t.ok('stubs.scan', { raw, asOf: '2026-11-16' })).late!;
    // Paid with the penalty: the check covers both lines, and the postmark is kept with the item.
    const b = await t.ok('batch.open', { id: uuid(), source: 'mail', controlCount: 1, controlCents: 8000 + late.amountCents });
    const it1 = await t.ok('batch.addItem', { id: uuid(), batchId: b.id, postmarkDate: '2026-11-16', dateReceived: '2026-11-19',
      lines: [{ revenueCode: 'WATER', accountNumber: accounts[0]!, amountCents: 8000, stub: { raw } }, { revenueCode: 'LATE', accountNumber: accounts[0]!, amountCents: late.amountCents, feeInputs: { baseCents: late.baseCents, monthsPastDue: late.monthsPastDue } }],
      tender: check(8000 + late.amountCents) });
    expect(it1).toMatchObject({ postmarkDate: '2026-11-16', dateReceived: '2026-11-19', amountCents: 8000 + late.amountCents });
    expect((await t.ok('batch.get', { batchId: b.id })).balanced).toBe(true);
  });
});
