// Whether a session is a batch (no drawer, no customer at the counter): devices leave its receipts alone.
import type { Station } from '../station';

export function isBatchSession(station: Station, sessionId: unknown): boolean {
  return typeof sessionId === 'string' && !!station.st.sqlGet("SELECT 1 FROM drawer_sessions WHERE id = ? AND kind = 'batch'", sessionId);
}
