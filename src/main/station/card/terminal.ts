// The station's payment terminal: built from its settings (nexo over HTTPS) when first needed and
// rebuilt when they change; tests and the demo may hand one in. Null when none is set up.
import { NexoTerminal } from '../../../hardware/terminal/nexoTerminal';
import type { PaymentTerminal } from '../../../hardware/terminal/terminal';
import type { Station } from '../station';
import { terminalPassphrase, terminalSettings } from './settings';

const KEY = 'cardTerminal';

interface Slot { terminal: PaymentTerminal | null; given: boolean; key: string; recovering: Promise<void> | null }

function slot(station: Station): Slot {
  let s = station.extensions[KEY] as Slot | undefined;
  if (!s) {
    s = { terminal: null, given: false, key: '', recovering: null };
    station.extensions[KEY] = s;
    station.onClose(() => s!.terminal?.close());
  }
  return s;
}

/** Hands the station a terminal (tests, the demo's emulator); it is used instead of the settings. */
export function useTerminal(station: Station, terminal: PaymentTerminal): void {
  const s = slot(station);
  s.terminal?.close();
  Object.assign(s, { terminal, given: true });
}

/** Logged where a refused terminal response goes: its reason in words, never a message's content. */
export function logTerminal(station: Station, why: string): void {
  station.publish('card.refused', { reason: why });
  process.stderr.write(`card terminal: ${why}\n`);
}

export function terminalOf(station: Station): PaymentTerminal | null {
  const s = slot(station);
  if (s.given) return s.terminal;
  const { stored } = terminalSettings(station);
  const passphrase = terminalPassphrase(station);
  const key = JSON.stringify([stored, passphrase]);
  if (key === s.key) return s.terminal;
  s.terminal?.close();
  s.key = key;
  s.terminal = null;
  if (stored.enabled && passphrase && stored.certificatePin && stored.poiId) {
    try {
      s.terminal = new NexoTerminal({
        url: stored.url, poiId: stored.poiId, saleId: station.stationId, certificatePin: stored.certificatePin,
        key: { keyIdentifier: stored.keyIdentifier, keyVersion: stored.keyVersion, passphrase }, onRefused: (w) => logTerminal(station, w),
      });
    } catch (e) {
      // Settings an older version let through: no terminal (keyed entry) rather than a failing till.
      logTerminal(station, `the terminal settings are not usable: ${(e as Error).message}`);
    }
  }
  return s.terminal;
}

/** The start-up resolution of unfinished attempts, awaited by the next charge. */
export function recovering(station: Station): Promise<void> | null { return slot(station).recovering; }
export function setRecovering(station: Station, p: Promise<void>): void { slot(station).recovering = p; }
