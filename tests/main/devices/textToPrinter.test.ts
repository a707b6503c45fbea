// Typed text never drives the printer (issue 17, defect 3), at both ends, against the ESC/POS
// emulator over TCP: the contract refuses control characters in the payer name and a description;
// and text that reached the ledger some other way (stored by an older version, from the hub) prints
// as text — the drawer opens only where drawer_log says so, and each receipt is cut once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allHandlers } from '../../../src/main/registry';
import { userForToken } from '../../../src/main/station/auth';
import { CONTROL_MESSAGE } from '../../../src/shared/text';
import type { ParsedInputOf } from '../../../src/shared/api';
import { uuid } from '../../helpers/station';
import { jobRows, rig, until, type Rig } from './printerRig';

let r: Rig;
beforeAll(async () => { r = await rig(); });
afterAll(async () => { await r.close(); });

const CARD = { kind: 'card' as const, brand: 'visa' as const, last4: '4242', authCode: 'A1B2C3' };
const drawerLog = () => r.t.station.st.sqlAll<{ event: string; reason: string | null }>("SELECT event, reason FROM drawer_log WHERE event IN ('open_requested', 'kicked') ORDER BY seq");
const kicks = () => r.emu.events.filter((e) => e.type === 'drawer');

/** Posts as the cashier straight to the handler: the receipt as an older version may have stored it. */
async function postUnchecked(input: ParsedInputOf<'receipt.post'>) {
  const ctx = { station: r.t.station, user: userForToken(r.t.station, r.t.tokens.cashier)!, token: r.t.tokens.cashier };
  return allHandlers['receipt.post'](ctx, input as never);
}

it('the contract refuses the payer name and the description, on their fields', async () => {
  const payer = await r.t.call('receipt.post', { id: uuid(), payerName: 'Ann\x1bp\x00\x32\x64 Lee', lines: [{ revenueCode: 'MISC', amountCents: 1500 }], tenders: [{ ...CARD, amountCents: 1500 }] });
  expect(payer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'payerName', params: { detail: CONTROL_MESSAGE } } });
  const desc = await r.t.call('receipt.post', { id: uuid(), lines: [{ revenueCode: 'MISC', amountCents: 1500, description: 'x\x1dV\x00y' }], tenders: [{ ...CARD, amountCents: 1500 }] });
  expect(desc).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'lines.0.description' } });
  expect(r.t.station.st.sqlGet<{ n: number }>('SELECT COUNT(*) AS n FROM receipts')!.n).toBe(0);
});

it('a stored card-only receipt with ESC p in the payer name prints as text: no drawer opens, none is logged', async () => {
  const receipt = await postUnchecked({ id: uuid(), payerName: 'Ann\x1bp\x00\x32\x64 Lee', lines: [{ revenueCode: 'MISC', amountCents: 1500, description: 'x\x1dV\x00y' }], tenders: [{ ...CARD, amountCents: 1500 }] });
  await until(() => jobRows(r.t).some((j) => j.ref === receipt.id && j.state === 'printed'), 'the receipt to print');
  expect(kicks()).toEqual([]);
  expect(drawerLog()).toEqual([]);
  const slips = r.emu.slips();
  expect(slips).toHaveLength(1); // GS V inside the description would have cut it in two
  expect(slips[0]!.cut).toBe(true);
  expect(slips[0]!.text).toEqual(expect.arrayContaining([expect.stringMatching(/^Payer +Ann\?p\?2d Lee$/), '  x?V?y']));
  expect(r.emu.events.filter((e) => e.type === 'unknown')).toEqual([]);
  for (const line of r.emu.events.filter((e) => e.type === 'line')) {
    for (const run of line.runs) expect(run.text, run.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  }
});

it('a cash receipt opens the drawer once, and drawer_log says so', async () => {
  const receipt = await r.t.ok('receipt.post', { id: uuid(), payerName: 'Ann Lee', lines: [{ revenueCode: 'MISC', amountCents: 500 }], tenders: [{ kind: 'cash', amountCents: 500 }] });
  await until(() => jobRows(r.t).some((j) => j.ref === receipt.id && j.state === 'printed') && drawerLog().length === 2, 'the receipt and the kick');
  expect(kicks()).toHaveLength(1);
  expect(drawerLog()).toEqual([{ event: 'open_requested', reason: `Payment ${receipt.receiptNumber}` }, { event: 'kicked', reason: `Payment ${receipt.receiptNumber}` }]);
  expect(r.emu.slips().filter((s) => s.cut)).toHaveLength(2);
});
