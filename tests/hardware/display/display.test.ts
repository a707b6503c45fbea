// The customer display driver against an emulated 2×20 VFD on a socat pty: the exact bytes on the wire,
// and the screen they produce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CustomerDisplay } from '../../../src/hardware/display/customerDisplay';
import { DisplayEmulator } from '../../../src/hardware/display/emulator';
import { encodePc437 } from '../../../src/hardware/display/commands';
import { ptyPair, tempDir, type PtyPair } from '../../helpers/pty';

const bytes = (s: string): number[] => [...Buffer.from(s, 'latin1')];
const at = (col: number, row: number): number[] => [0x1f, 0x24, col, row];

describe('customer display over a socat pty', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let display: CustomerDisplay;
  let vfd: DisplayEmulator;

  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    vfd = new DisplayEmulator(pty.device);
    await vfd.open();
    display = new CustomerDisplay({ id: 'display1', kind: 'display', address: `serial:${pty.host}?baud=9600`, options: { welcome: 'City of Riverton', brightness: 3 } });
    await display.open();
  });
  afterAll(async () => {
    await display?.close();
    await vfd?.close();
    await pty?.stop();
    tmp.cleanup();
  });

  it('initialises and shows the welcome screen: exact bytes', async () => {
    const lines = await vfd.until((l) => l[1].includes('Riverton'));
    expect(lines).toEqual(['      Welcome       ', '  City of Riverton  ']);
    expect(vfd.received).toEqual([
      0x1b, 0x40, 0x1b, 0x74, 0x00, 0x1f, 0x01, 0x1f, 0x43, 0x00, 0x1f, 0x58, 0x03, 0x0c,
      ...at(1, 1), ...bytes('      Welcome       '), ...at(1, 2), ...bytes('  City of Riverton  '),
    ]);
    expect(vfd.brightness).toBe(3);
    expect(vfd.cursorShown).toBe(false);
    expect(display.status().state).toBe('ready');
  });

  it('each line with the amount due, the text giving way to the amount', async () => {
    const n = vfd.received.length;
    expect(await display.show({ screen: 'item', description: 'Water/Sewer/Garbage bill', amountCents: 4512, totalCents: 123456 }))
      .toEqual(['Water/Sewer/G $45.12', 'Total      $1,234.56']);
    await vfd.until((l) => l[1] === 'Total      $1,234.56');
    expect(vfd.lines()).toEqual(['Water/Sewer/G $45.12', 'Total      $1,234.56']);
    expect(vfd.received.slice(n)).toEqual([...at(1, 1), ...bytes('Water/Sewer/G $45.12'), ...at(1, 2), ...bytes('Total      $1,234.56')]);
  });

  it('amount due, change due and thank-you; Spanish letters in PC437', async () => {
    await display.show({ screen: 'total', totalCents: 12050 });
    expect(await vfd.until((l) => l[0].startsWith('Amount due'))).toEqual(['Amount due          ', '             $120.50']);
    await display.show({ screen: 'change', tenderedCents: 20000, changeCents: 7950 });
    expect(await vfd.until((l) => l[1].startsWith('Change'))).toEqual(['Paid         $200.00', 'Change        $79.50']);
    const n = vfd.received.length;
    await display.show({ screen: 'thanks' }, 'es');
    expect(await vfd.until((l) => l[0].includes('Gracias'))).toEqual(['     ¡Gracias!      ', ' Que tenga buen día ']);
    const sent = vfd.received.slice(n);
    expect(sent.slice(4, 24)).toEqual([...bytes('     '), 0xad, ...bytes('Gracias!      ')]);
    expect(sent.slice(28, 48)).toEqual([...bytes(' Que tenga buen d'), 0xa1, ...bytes('a ')]);
  });

  it('text that does not fit is cut; characters outside PC437 fall back', async () => {
    await display.show({ screen: 'text', line1: 'Ñandú — Straße 12345678901234', line2: 'tab\there' });
    expect(await vfd.until((l) => l[1].startsWith('tab'))).toEqual(['Ñandú ? Straße 12345', 'tab here            ']);
    expect(encodePc437('Ñandú — ')).toEqual([0xa5, ...bytes('and'), 0xa3, 0x20, 0x3f, 0x20]);
  });

  it('test action shows a test pattern', async () => {
    expect(await display.test()).toBe('Showing "CivicTill display" / "12345678901234567890".');
    expect(await vfd.until((l) => l[1] === '12345678901234567890')).toEqual(['CivicTill display   ', '12345678901234567890']);
  });
});
