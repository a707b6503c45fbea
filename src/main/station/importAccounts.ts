// `civictill import-accounts`: the account directory from a CIS export. All or nothing: every row is
// checked first (src/shared/accountsCsv.ts, the same rules the hub uses), then all are written in one
// transaction. The columns are documented there and in the README.
import { parseAccountsCsvText } from '../../shared/accountsCsv';
import { bulkUpsertAccounts } from './directory';
import type { Station } from './station';

export { AccountsCsvError as ImportError } from '../../shared/accountsCsv';

export function importAccounts(station: Station, text: string, source: string): number {
  const accounts = parseAccountsCsvText(text);
  return station.commit(() => {
    const at = station.nowIso();
    const n = bulkUpsertAccounts(station, accounts, at);
    station.record('directory.imported', source, { source, accounts: n }, at, { sync: false });
    return n;
  });
}
