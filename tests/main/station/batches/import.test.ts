// Lockbox and online files imported on a real station: whole or not at all, with line numbers and
// reasons; the same file twice adds nothing; an item in two files is refused with its line; encodings,
// BOM, CRLF and trailing blank lines are read correctly or refused with a reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../../src/main/station/verify';
import { b64, lockboxFile, portalCsv, type LockboxItem } from '../../../helpers/batchFiles';
import { makeStation, uuid, type TestStation } from '../../../helpers/station';

let t: TestStation;
let accounts: string[];
beforeEach(async () => {
  t = await makeStation({ accounts: 50 });
  accounts = (await t.ok('accounts.search', { query: '1', limit: 10 })).filter((a) => a.status !== 'closed' && a.status !== 'final').map((a) => a.accountNumber);
});
afterEach(() => t.cleanup());

const counts = () => t.station.st.sqlGet<{ r: number; j: number; o: number }>('SELECT (SELECT COUNT(*) FROM receipts) AS r, (SELECT COUNT(*) FROM journal) AS j, (SELECT COUNT(*) FROM outbox) AS o')!;
const items = (n: number, prefix = 'LB'): LockboxItem[] => Array.from({ length: n }, (_, i) => ({ ref: `${prefix}${String(i + 1).padStart(5, '0')}`, account: accounts[i % accounts.length]!, cents: 1000 + i, check: String(2000 + i) }));
const total = (xs: LockboxItem[]) => xs.reduce((a, x) => a + x.cents, 0);
const imp = (text: string | Buffer, bank: number, source: 'lockbox' | 'online' = 'lockbox', id = uuid()) =>
  t.call('batch.import', { id, source, fileName: `${source}.txt`, contentBase64: b64(text), bankDepositCents: bank });

describe('a lockbox file', () => {
  it('imports as a closed batch matched to the bank, and the same file twice adds nothing and says so', async () => {
    const xs = items(5);
    const file = lockboxFile(xs);
    const r = await imp(file, total(xs));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ outcome: 'imported', exceptions: 0, batch: { source: 'lockbox', state: 'closed', balanced: true, bankDifferenceCents: 0, depositable: false, control: { count: 5, cents: total(xs) } } });
    expect(r.value.batch.items.map((i) => [i.sourceRef, i.fileLine, i.dateReceived, i.tender])).toEqual(xs.map((x, i) => [x.ref, i + 2, '2026-11-19', 'check']));
    const before = counts();
    const again = await imp(file, total(xs));
    expect(again.ok && again.value).toMatchObject({ outcome: 'already', batch: { id: r.value.batch.id } });
    expect(counts()).toEqual(before);
    // Already in the bank: it goes into no counter deposit.
    const dep = await t.call('deposit.create', { id: uuid(), sessionIds: [r.value.batch.id] }, 'supervisor');
    expect(dep.ok || dep.error.code).toBe('DEPOSIT_BATCH_IN_BANK');
    expect(verifyLedger(t.station).ok).toBe(true);
  });

  it('refuses an item already imported from another file, with its line, and writes nothing', async () => {
    const first = items(3);
    expect((await imp(lockboxFile(first), total(first))).ok).toBe(true);
    const overlap = [...items(2, 'NX'), first[1]!];
    const before = counts();
    const r = await imp(lockboxFile(overlap), total(overlap));
    expect(r.ok || r.error).toMatchObject({ code: 'BATCH_FILE_REFUSED', field: 'contentBase64' });
    expect(r.ok || r.error.message).toContain(`line 4: item ${first[1]!.ref} was already imported in batch ST01-B00001 (line 3 of its file)`);
    expect(counts()).toEqual(before);
  });

  it('refuses a malformed file whole, naming each line and its reason', async () => {
    const xs = items(4);
    const lines = lockboxFile(xs).split('\n');
    lines[2] = lines[2]!.slice(0, 19) + '123456789' + lines[2]!.slice(28); // a routing number that fails the checksum
    lines[3] = lines[3]!.slice(0, 11) + '20261399' + lines[3]!.slice(19); // no such date
    lines[4] = lines[4]!.slice(0, 40); // cut short
    const before = counts();
    const r = await imp(lines.join('\n'), total(xs));
    expect(r.ok).toBe(false);
    const msg = r.ok ? '' : r.error.message;
    expect(msg).toContain('(3 problems)');
    expect(msg).toContain('line 3: routing number "123456789" is not a valid ABA routing number');
    expect(msg).toContain('line 4: date received "20261399" is not a date YYYYMMDD');
    expect(msg).toContain('line 5: the record is 40 characters long');
    const trailer = await imp(lockboxFile(xs, { trailer: { count: 4, cents: total(xs) + 1 } }), total(xs));
    expect(trailer.ok || trailer.error.message).toContain(`the trailer says 4 items for ${total(xs) + 1} cents, the records hold 4 for ${total(xs)}`);
    const future = await imp(lockboxFile([{ ...xs[0]!, date: '20261121' }]), xs[0]!.cents);
    expect(future.ok || future.error.message).toContain('line 2: date received 2026-11-21 is in the future');
    expect(counts()).toEqual(before);
  });

  it('reads CRLF, a BOM and trailing blank lines; refuses another encoding and binary with a reason', async () => {
    const xs = items(3);
    const crlf = '\uFEFF' + lockboxFile(xs, { eol: '\r\n' }) + '\r\n\r\n  \r\n';
    const r = await imp(crlf, total(xs));
    expect(r.ok && r.value.batch.entered).toEqual({ count: 3, cents: total(xs) });
    const ys = items(2, 'LT');
    const latin = Buffer.from(portalCsv([{ ref: 'C1', account: accounts[0]!, amount: '10.00', payer: 'José Núñez' }]), 'latin1');
    const bad = await imp(latin, 1000, 'online');
    expect(bad.ok || bad.error).toMatchObject({ code: 'BATCH_FILE_UNREADABLE' });
    expect(bad.ok || bad.error.message).toContain('not UTF-8');
    const bin = await imp(Buffer.concat([Buffer.from(lockboxFile(ys)), Buffer.from([0, 1, 2])]), total(ys));
    expect(bin.ok || bin.error.message).toContain('binary');
    const blankInside = lockboxFile(ys).replace('\n6', '\n\n6');
    const inside = await imp(blankInside, total(ys));
    expect(inside.ok || inside.error.message).toContain('line 2: blank line inside the file');
  });

  it('keeps an item for an unknown account, and a bank difference leaves the batch open for a supervisor', async () => {
    const xs = [...items(2), { ref: 'UNK0001', account: '000000-00', cents: 5555 }];
    const r = await imp(lockboxFile(xs), total(xs) - 100);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ exceptions: 1, batch: { state: 'open', balanced: true, bankDifferenceCents: -100, openExceptions: 1 } });
    const close = await t.call('batch.close', { id: uuid(), batchId: r.value.batch.id });
    expect(close.ok || close.error.code).toBe('BATCH_BANK_DIFFERENCE');
    const ok = await t.ok('batch.close', { id: uuid(), batchId: r.value.batch.id, approval: { userId: 'supervisor', pin: '2222' }, reason: 'bank fee taken from the deposit' });
    expect(ok.closure?.approvedBy?.id).toBe('supervisor');
    const [ex] = await t.ok('batch.exceptions', {});
    expect(ex).toMatchObject({ accountNumber: '000000-00', amountCents: 5555 });
    await t.ok('batch.resolveException', { id: uuid(), exceptionId: ex!.id, action: 'refund', note: 'returned to the payer' }, 'supervisor');
    expect(verifyLedger(t.station).ok).toBe(true);
  });
});

describe('an online-payment file', () => {
  it('carries its tender (card or ACH) and the processor reference', async () => {
    const csv = portalCsv([
      { ref: 'WEB-1', account: accounts[0]!, amount: '45.10', method: 'CARD', processorRef: 'ch_3Nabc', payer: 'Ana Ruiz' },
      { ref: 'WEB-2', account: accounts[1]!, amount: '120.00', method: 'ACH', processorRef: 'ach_778' },
    ], '\r\n');
    const r = await imp(csv, 16510, 'online');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.batch.items.map((i) => [i.tender, i.reference, i.payerName])).toEqual([['card_online', 'CARD ch_3Nabc', 'Ana Ruiz'], ['ach', 'ACH ach_778', null]]);
    const bad = await imp(portalCsv([{ ref: 'WEB-3', account: accounts[0]!, amount: '12.345', method: 'CHECK' as 'ACH' }]), 100000, 'online');
    expect(bad.ok || bad.error.message).toContain('line 2: amount "12.345" is not a positive amount');
    expect(bad.ok || bad.error.message).toContain('line 2: method "CHECK" must be CARD or ACH');
    const missing = await imp('confirmation,account,amount\nA,1,2\n', 100, 'online');
    expect(missing.ok || missing.error.message).toContain('missing columns "paid_on", "method", "processor_ref"');
  });
});

describe('a layout set by an admin', () => {
  it('reads a semicolon CSV in Windows-1252 with its own column names; a cashier cannot change layouts', async () => {
    const layout = {
      id: 'county-portal', name: 'County portal export', source: 'online' as const, kind: 'csv' as const, encoding: 'latin1' as const, revenueCode: 'SEWER', delimiter: ';' as const,
      columns: { sourceRef: 'Ref', accountNumber: 'Cuenta', amount: 'Importe', dateReceived: 'Fecha', method: 'Medio', processorRef: 'Autorizacion', payerName: 'Pagador' },
    };
    const denied = await t.call('batch.updateSettings', { layouts: [layout] });
    expect(denied.ok || denied.error.code).toBe('FORBIDDEN');
    const s = await t.ok('batch.updateSettings', { layouts: [layout] }, 'admin');
    expect(s.layouts.map((l) => l.id)).toEqual(['county-portal']);
    const text = `Ref;Cuenta;Importe;Fecha;Medio;Autorizacion;Pagador\r\nR-1;${accounts[0]};25.50;2026-11-20;ACH;A77;José Núñez\r\n`;
    const r = await t.call('batch.import', { id: uuid(), source: 'online', layoutId: 'county-portal', fileName: 'county.csv', contentBase64: Buffer.from(text, 'latin1').toString('base64'), bankDepositCents: 2550 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.batch.items[0]).toMatchObject({ payerName: 'José Núñez', amountCents: 2550, tender: 'ach' });
    expect(t.station.st.sqlGet('SELECT revenue_code FROM receipt_lines WHERE receipt_id = ?', r.value.batch.items[0]!.receiptId)).toEqual({ revenue_code: 'SEWER' });
    // The lockbox layout was not kept: a lockbox file now has no layout, and says so.
    const none = await t.call('batch.import', { id: uuid(), source: 'lockbox', fileName: 'lb.txt', contentBase64: b64(lockboxFile(items(1))), bankDepositCents: 1000 });
    expect(none.ok || [none.error.code, none.error.field]).toEqual(['BATCH_LAYOUT_UNKNOWN', 'layoutId']);
  });
});
