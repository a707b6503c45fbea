// At station start: every attempt a crash or a lost answer left unfinished is settled with the
// terminal before the next charge (charge.ts awaits it); what cannot be settled stays on the list.
import type { Station } from '../station';
import { resolveUnfinished } from './resolve';
import { logTerminal, setRecovering, terminalOf } from './terminal';

export function startCardRecovery(station: Station): Promise<void> {
  const p = resolveUnfinished(station, terminalOf(station)).then((left) => {
    if (left.length) station.publish('card.unresolved', { count: left.length });
  }, (e: unknown) => logTerminal(station, `resolving unfinished card payments failed: ${(e as Error).message}`));
  setRecovering(station, p);
  return p;
}
