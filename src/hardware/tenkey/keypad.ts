// A serial keypad (ten-key): bytes → 'key' events ({ key, raw }). Options: keymap (see keymap.ts),
// seqMs (pause that ends a multi-byte key sequence, default 50 ms).
import type { DeviceConfig, TestOutcome } from '../device';
import { msg } from '../../shared/messages';
import { SerialDevice } from '../serial/deviceBase';
import { later } from '../serial/reconnect';
import { DeviceSettingsError } from '../serial/settings';
import { KeyDecoder, KeymapError, resolveKeymap, type KeyHit } from './keymap';

export class SerialKeypad extends SerialDevice {
  private readonly decoder: KeyDecoder;
  private readonly seqMs: number;
  private readonly testTimeoutMs: number;
  private cancelFlush: (() => void) | undefined;
  readonly stats = { reads: 0, keys: 0 };

  constructor(config: DeviceConfig, now?: () => Date) {
    super(config, now);
    const o = config.options ?? {};
    try {
      this.decoder = new KeyDecoder(resolveKeymap(o.keymap === undefined ? undefined : String(o.keymap)));
    } catch (e) {
      if (e instanceof KeymapError) throw new DeviceSettingsError('keymap', e.message);
      throw e;
    }
    this.seqMs = Number(o.seqMs ?? 50);
    this.testTimeoutMs = Number(o.testTimeoutMs ?? 15_000);
  }

  get unknownBytes(): number { return this.decoder.unknown; }

  protected onData(chunk: Buffer): void {
    this.stats.reads++;
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.emitKeys(this.decoder.push(chunk));
    if (this.decoder.waiting) {
      this.cancelFlush = later(this.seqMs, () => { this.cancelFlush = undefined; this.emitKeys(this.decoder.flush()); });
    }
  }

  protected override onLost(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.decoder.flush();
  }

  private emitKeys(keys: KeyHit[]): void {
    for (const k of keys) { this.stats.keys++; this.emitEvent('key', k); }
  }

  /** Test action: waits for a key press and names it. */
  test(): Promise<string> { return this.runTest().then((o) => o.text); }

  runTest(): Promise<TestOutcome> {
    if (!this.link) return Promise.resolve({ text: `Keypad ${this.id} is not open: ${this.status().detail}`, message: msg('test.notOpen') });
    return new Promise((ok) => {
      const stop = this.onEvent((e) => {
        if (e.type !== 'key') return;
        cancel(); stop();
        const k = e.payload as KeyHit;
        ok({ text: `Key pressed: ${k.key} (bytes ${k.raw}).`, message: msg('test.keyPressed', { key: k.key }) });
      });
      const s = Math.round(this.testTimeoutMs / 1000);
      const cancel = later(this.testTimeoutMs, () => { stop(); ok({ text: `No key was pressed within ${s} s.`, message: msg('test.noKey', { s }) }); });
    });
  }
}
