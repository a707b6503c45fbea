// The demo's card terminal: the emulator on loopback HTTPS with a certificate of its own (made at
// start, selfsigned being a development package: a packaged station has a real terminal instead), a
// fresh shared key, and the station pointed at it, so a newcomer can take a card payment with no hardware.
import { randomBytes, X509Certificate } from 'node:crypto';
import { TerminalEmulator } from '../../hardware/terminal/emulator';
import { saveTerminalSettings, terminalSettings } from '../station/card/settings';
import type { Station } from '../station/station';
import { firstAdmin } from './emulate';

export async function startDemoTerminal(station: Station): Promise<TerminalEmulator | null> {
  const admin = firstAdmin(station);
  if (!admin) return null;
  // A terminal someone set up is left alone; only the demo's own is replaced at each start.
  const { stored } = terminalSettings(station);
  if (stored.enabled && stored.poiId !== 'V400m-DEMO') return null;
  let generate: (attrs: { name: string; value: string }[], o: object) => Promise<{ cert: string; private: string }>;
  try {
    ({ generate } = await import('selfsigned') as unknown as { generate: typeof generate });
  } catch {
    return null;
  }
  const pems = await generate([{ name: 'commonName', value: 'V400m-DEMO.terminal.local' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
  const security = { keyIdentifier: 'DEMOKEY', keyVersion: 1, passphrase: randomBytes(18).toString('base64url') };
  const emu = new TerminalEmulator({ cert: pems.cert, key: pems.private, security, poiId: 'V400m-DEMO' });
  await emu.listen();
  const pin = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '').toLowerCase();
  saveTerminalSettings(station, admin, { enabled: true, url: emu.url, poiId: emu.poiId, keyIdentifier: security.keyIdentifier, keyVersion: 1, passphrase: security.passphrase, certificatePin: pin });
  station.onClose(() => { void emu.kill(); });
  return emu;
}
