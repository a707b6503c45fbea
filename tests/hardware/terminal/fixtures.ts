// A terminal emulator on loopback HTTPS with its own certificate, and a driver pinned to it.
import { selfSignedCert } from '../../helpers/certs';
import { TerminalEmulator } from '../../../src/hardware/terminal/emulator';
import { NexoTerminal, type NexoSettings } from '../../../src/hardware/terminal/nexoTerminal';
import type { SecurityKey } from '../../../src/hardware/terminal/security';

export const KEY: SecurityKey = { keyIdentifier: 'CIVICKEY', passphrase: 'counter-terminal-shared-secret', keyVersion: 1 };

export async function terminalRig(port = 0): Promise<{ emu: TerminalEmulator; fingerprint: string; settings(o?: Partial<NexoSettings>): NexoSettings; driver(o?: Partial<NexoSettings>): NexoTerminal }> {
  const cert = await selfSignedCert('terminal.counter.test');
  const emu = new TerminalEmulator({ cert: cert.cert, key: cert.key, security: KEY });
  await emu.listen(port);
  const settings = (o: Partial<NexoSettings> = {}): NexoSettings => ({ url: emu.url, poiId: emu.poiId, saleId: 'ST01', key: KEY, certificatePin: cert.fingerprint, requestTimeoutMs: 3000, paymentTimeoutMs: 3000, ...o });
  return { emu, fingerprint: cert.fingerprint, settings, driver: (o) => new NexoTerminal(settings(o)) };
}
