// A serial ten-key on a socat pty: the bytes a keypad sends become key events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerialKeypad } from '../../../src/hardware/tenkey/keypad';
import { KeyDecoder, resolveKeymap, KeymapError, type KeyHit } from '../../../src/hardware/tenkey/keymap';
import { SerialLink } from '../../../src/hardware/serial/link';
import { parseSerialAddress } from '../../../src/hardware/serial/settings';
import { DeviceSettingsError } from '../../../src/hardware/serial/settings';
import { ptyPair, tempDir, type PtyPair } from '../../helpers/pty';
import { EventQueue, until } from '../../helpers/events';

describe('serial ten-key over a socat pty', () => {
  const tmp = tempDir();
  let pty: PtyPair;
  let keypad: SerialKeypad;
  let wire: SerialLink;
  const keys = new EventQueue<KeyHit>();
  const take = async (n: number): Promise<string[]> => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push((await keys.next()).key);
    return out;
  };

  beforeAll(async () => {
    pty = await ptyPair(join(tmp.dir, 'host'), join(tmp.dir, 'dev'));
    keypad = new SerialKeypad({ id: 'tenkey1', kind: 'tenkey', address: `serial:${pty.host}?baud=9600`, options: { keymap: 'ascii;3030=00;1b5b32347e=Tender', seqMs: 1500 } });
    keypad.onEvent((e) => { if (e.type === 'key') keys.push(e.payload as KeyHit); });
    await keypad.open();
    wire = new SerialLink(parseSerialAddress(`serial:${pty.device}`));
    await wire.open();
  });
  afterAll(async () => {
    await wire?.close();
    await keypad?.close();
    await pty?.stop();
    tmp.cleanup();
  });

  it('digits, decimal point, operators and Enter; CR LF is one Enter', async () => {
    await wire.write(Buffer.from('123.45+\r\n7*2\r'));
    expect(await take(11)).toEqual(['1', '2', '3', '.', '4', '5', '+', 'Enter', '7', '*', '2']);
    expect(await take(1)).toEqual(['Enter']);
    expect(keys.pending).toEqual([]);
  });

  it('multi-byte keys: "00", F1, a custom Tender key, also when split across reads', async () => {
    await wire.write(Buffer.from('100\x1bOP\x1b[24~'));
    expect(await take(4)).toEqual(['1', '00', 'F1', 'Tender']);
    const n = keypad.stats.reads;
    await wire.write(Buffer.from('\x1b['));
    await until(() => keypad.stats.reads > n, 'the first half of the sequence');
    await wire.write(Buffer.from('24~9'));
    expect(await take(2)).toEqual(['Tender', '9']);
  });

  it('a lone Escape after a pause, Backspace, unknown bytes ignored', async () => {
    const unknown = keypad.unknownBytes;
    await wire.write(Buffer.from([0x08, 0xff, 0x35, 0x1b]));
    expect(await take(3)).toEqual(['Backspace', '5', 'Escape']);
    expect(keypad.unknownBytes).toBe(unknown + 1);
    const k = keys.all.at(-1)!;
    expect(k).toEqual({ key: 'Escape', raw: '1b' });
  });

  it('test action names the key pressed', async () => {
    const t = keypad.test();
    await wire.write(Buffer.from('\r'));
    expect(await t).toBe('Key pressed: Enter (bytes 0d).');
    await keys.next();
  });
});

describe('keymaps', () => {
  it('rejects malformed entries', () => {
    expect(() => resolveKeymap('ascii;zz=F1')).toThrow(KeymapError);
    expect(() => resolveKeymap('')).toThrow(KeymapError);
    expect(() => new SerialKeypad({ id: 'k', kind: 'tenkey', address: 'serial:/dev/null', options: { keymap: 'nope' } })).toThrow(DeviceSettingsError);
  });
  it('a custom map without ascii', () => {
    const d = new KeyDecoder(resolveKeymap('81=7;82=8;83=Enter'));
    expect(d.push([0x81, 0x82, 0x37, 0x83]).map((k) => k.key)).toEqual(['7', '8', 'Enter']);
    expect(d.unknown).toBe(1);
  });
});
