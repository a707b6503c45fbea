// The station's sync service: one SyncLoop per station, attached as an extension, plus the marking
// of receipts taken while the hub could not be reached.
import type { Station } from '../station/station';
import { getState } from './state';
import { SyncLoop, type SyncOptions } from './loop';

const KEY = 'sync';

/** The station's sync loop (made on first use, not started). */
export function syncOf(station: Station, opts?: Partial<SyncOptions>): SyncLoop {
  let loop = station.extensions[KEY] as SyncLoop | undefined;
  if (!loop) {
    loop = new SyncLoop(station, opts);
    station.extensions[KEY] = loop;
    const l = loop;
    // A payment taken while offline is marked so, in the same transaction: the city sees it was
    // taken against the balance the station had cached (as of its last directory pull).
    station.txListeners.push((st, rec) => {
      if (rec.kind !== 'receipt.posted' || l.isOnline) return;
      const receiptId = rec.ref;
      const asOf = getState(st, 'directory_as_of');
      st.sqlRun('INSERT INTO offline_receipts(receipt_id, directory_as_of, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', receiptId, asOf, rec.at);
      station.record('receipt.offline', receiptId, { receiptId, directoryAsOf: asOf }, rec.at);
    });
    // A new outbox event wakes the loop (debounced) so it reaches the hub soon after it happens.
    let lastSeq = 0;
    const onEvent = () => {
      const seq = station.st.sqlGet<{ s: number | null }>('SELECT MAX(seq) AS s FROM outbox')!.s ?? 0;
      if (seq > lastSeq) { lastSeq = seq; l.nudge(); }
    };
    station.events.on('*', onEvent);
    station.onClose(() => { station.events.off('*', onEvent); void l.stop(); });
  }
  return loop;
}

/** Starts syncing (it idles until the station is enrolled). */
export function startSync(station: Station, opts?: Partial<SyncOptions>): SyncLoop {
  const loop = syncOf(station, opts);
  loop.start();
  return loop;
}
