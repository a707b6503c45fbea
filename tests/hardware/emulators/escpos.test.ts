// The emulator's decoder and printer model on raw bytes: what a real printer would make of them.
import { describe, expect, it } from 'vitest';
import { EscPosEmulator } from '../../../src/hardware/emulators/escpos/emulator';
import { renderEscPos } from '../../../src/hardware/printer/render';
import { receiptForm } from '../../../src/hardware/forms/receipt';
import { ctxFor, sampleReceipt } from '../fixtures';

function feed(emu: EscPosEmulator, ...chunks: Buffer[]): void {
  for (const c of chunks) emu.receive(c);
}

const b = (...xs: (number | string)[]) => Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.of(x))));

describe('ESC/POS emulator', () => {
  it('decodes the same receipt whichever way the bytes are split', () => {
    const bytes = renderEscPos(receiptForm(ctxFor('es', 32), { receipt: sampleReceipt(), balances: [], duplicate: false }));
    const whole = new EscPosEmulator({ columns: 32 });
    feed(whole, bytes);
    const dribbled = new EscPosEmulator({ columns: 32 });
    feed(dribbled, ...[...bytes].map((x) => Buffer.of(x)));
    expect(dribbled.events).toEqual(whole.events);
    expect(whole.slips()).toHaveLength(1);
    expect(whole.lines()).toContain('Pagador               José Núñez');
  });

  it('decodes styles, alignment, code pages, barcodes, cuts and kicks', () => {
    const emu = new EscPosEmulator({ columns: 48 });
    feed(emu, b(
      0x1b, 0x40, 0x1b, 0x74, 19, 0x1b, 0x61, 1, 0x1b, 0x45, 1, 'Total ', 0xd5, '5', 0x1b, 0x45, 0, ' ok', 0x0a,
      0x1d, 0x21, 0x11, 'BIG', 0x1d, 0x21, 0x00, 0x0a,
      0x1d, 0x6b, 73, 14, '{B', 'ST01-0', '{C', 0, 12, 34, 56, 0x0a,
      0x1d, 0x6b, 4, 'ABC', 0x00,
      0x1b, 0x70, 0x30, 25, 250,
      0x1b, 0x64, 3, 0x1d, 0x56, 0x42, 0x00,
    ));
    const lines = emu.events.filter((e) => e.type === 'line');
    expect(lines[0]).toMatchObject({ text: 'Total €5 ok', align: 'center' });
    expect(lines[0]!.type === 'line' && lines[0]!.runs.map((r) => [r.text, r.bold])).toEqual([['Total €5', true], [' ok', false]]);
    expect(lines[1]!.type === 'line' && lines[1]!.runs[0]).toMatchObject({ text: 'BIG', width: 2, height: 2 });
    expect(emu.events).toContainEqual({ type: 'codepage', n: 19, name: 'PC858' });
    expect(emu.events).toContainEqual(expect.objectContaining({ type: 'barcode', symbology: 'CODE128', data: 'ST01-000123456' }));
    expect(emu.events).toContainEqual(expect.objectContaining({ type: 'barcode', symbology: 'CODE39', data: 'ABC' }));
    expect(emu.events).toContainEqual({ type: 'drawer', pin: 2, onMs: 50, offMs: 500, via: 'ESC p' });
    expect(emu.events).toContainEqual({ type: 'feed', lines: 3 });
    expect(emu.events[emu.events.length - 1]).toEqual({ type: 'cut', partial: true });
    expect(emu.events.filter((e) => e.type === 'unknown')).toEqual([]);
  });

  it('breaks a line that runs past the paper and says so', () => {
    const emu = new EscPosEmulator({ columns: 32 });
    feed(emu, b('x'.repeat(40), 0x0a));
    expect(emu.events.filter((e) => e.type === 'line').map((e) => e.type === 'line' && [e.text.length, e.wrapped])).toEqual([[32, true], [8, false]]);
  });

  it('answers DLE EOT at once, even offline, with the status configured', () => {
    const emu = new EscPosEmulator({ drawerOpenLevel: 'low', status: { coverOpen: true, paperNearEnd: true, drawerOpen: false } });
    const replies: number[] = [];
    emu.receive(b(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4), (r: Buffer) => replies.push(...r));
    // 1: offline, pin 3 high (a drawer that pulls it low when open is shut); 2: cover open; 3: no error; 4: near end.
    expect(replies).toEqual([0x12 | 0x08 | 0x04, 0x12 | 0x04, 0x12, 0x12 | 0x0c]);
  });

  it('holds data while stopped and prints it, once, when it can again; GS ( H answers only then', () => {
    const emu = new EscPosEmulator({ status: { paperEnd: true } });
    const replies: number[] = [];
    const reply = (r: Buffer) => replies.push(...r);
    emu.receive(b('ONE', 0x0a, 0x1d, 0x28, 0x48, 6, 0, 0x30, 0x30, '0042'), reply);
    expect(emu.lines()).toEqual([]);
    expect(emu.pendingBytes).toBeGreaterThan(0);
    expect(replies).toEqual([]);
    emu.setStatus({ paperEnd: false });
    expect(emu.lines()).toEqual(['ONE']);
    expect(replies).toEqual([0x37, 0x22, 0x30, 0x30, 0x34, 0x32, 0x00]);
  });

  it('DLE DC4 8 clears what it holds; DLE DC4 1 pulses the drawer even while stopped', () => {
    const emu = new EscPosEmulator({ status: { coverOpen: true } });
    emu.receive(b('LOST', 0x0a), () => undefined);
    emu.receive(b(0x10, 0x14, 1, 1, 3), () => undefined);
    emu.receive(b(0x10, 0x14, 8, 1, 3, 20, 1, 6, 2, 8), () => undefined);
    emu.setStatus({ coverOpen: false });
    expect(emu.lines()).toEqual([]);
    expect(emu.realTime).toEqual([
      { type: 'drawer', pin: 5, onMs: 300, offMs: 300, via: 'DLE DC4' },
      { type: 'clearBuffers', discardedBytes: 5 },
    ]);
    expect(emu.status.drawerOpen).toBe(true);
  });
});
