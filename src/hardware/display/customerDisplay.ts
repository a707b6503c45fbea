// Customer display (2×20 VFD, Epson-style commands) on a serial port. Options: language (en|es),
// welcome (second line of the welcome screen), brightness (1–4).
import type { DisplayScreen } from '../../shared/devices';
import type { DeviceConfig, TestOutcome } from '../device';
import { msg } from '../../shared/messages';
import { SerialDevice } from '../serial/deviceBase';
import { DeviceSettingsError } from '../serial/settings';
import { CMD, screenBytes } from './commands';
import { screenLines, type DisplayLanguage } from './screens';

export class CustomerDisplay extends SerialDevice {
  private readonly language: DisplayLanguage;
  private readonly welcome: string;
  private readonly brightness: number;
  private writing: Promise<void> = Promise.resolve();
  private shown: [string, string] = ['', ''];

  constructor(config: DeviceConfig, now?: () => Date) {
    super(config, now);
    const o = config.options ?? {};
    const lang = String(o.language ?? 'en');
    if (lang !== 'en' && lang !== 'es') throw new DeviceSettingsError('language', `Display language is en or es, not "${lang}".`);
    this.language = lang;
    this.welcome = String(o.welcome ?? '');
    const b = Number(o.brightness ?? 4);
    if (!Number.isInteger(b) || b < 1 || b > 4) throw new DeviceSettingsError('brightness', `Brightness is 1 to 4, not "${String(o.brightness)}".`);
    this.brightness = b;
  }

  /** What the display was last told to show. */
  lines(): [string, string] { return [...this.shown] as [string, string]; }

  protected onData(): void { /* a display sends nothing we use */ }

  protected override async onOpened(): Promise<void> {
    await this.send([...CMD.init, ...CMD.codePagePc437, ...CMD.overwrite, ...CMD.cursorOff, ...CMD.brightness(this.brightness), ...CMD.clear]);
    await this.sendLines(screenLines({ screen: 'welcome' }, this.language, { welcome: this.welcome }));
  }

  /** Shows a screen; language defaults to the display's setting. */
  async show(screen: DisplayScreen, language: DisplayLanguage = this.language): Promise<[string, string]> {
    const lines = screenLines(screen, language, { welcome: this.welcome });
    await this.sendLines(lines);
    return lines;
  }

  async test(): Promise<string> { return (await this.runTest()).text; }

  async runTest(): Promise<TestOutcome> {
    const lines = await this.show({ screen: 'text', line1: 'CivicTill display', line2: '12345678901234567890' });
    return { text: `Showing "${lines[0]}" / "${lines[1]}".`, message: msg('test.displayShown', { line1: lines[0], line2: lines[1] }) };
  }

  private async sendLines(lines: [string, string]): Promise<void> {
    await this.send(screenBytes(lines[0], lines[1]));
    this.shown = lines;
  }

  /** Writes one after another, so two screens never interleave on the wire. */
  private send(bytes: number[]): Promise<void> {
    const next = this.writing.then(() => this.write(Uint8Array.from(bytes)));
    this.writing = next.catch(() => undefined);
    return next;
  }
}
