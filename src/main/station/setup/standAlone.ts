// Setting a station up on its own (no hub yet, or a city with one counter): the first admin, the city,
// the station ID and time zone, the catalogue file and the accounts file. Everything is read and checked
// first, then written in one transaction: a refused file leaves the station exactly as it was.
import { readFileSync } from 'node:fs';
import { AccountsCsvError, parseAccountsCsvText, type CsvAccount } from '../../../shared/accountsCsv';
import { CatalogFileError, parseCatalogText, type CatalogFile } from '../../../shared/catalogFile';
import type { StandAloneInput } from '../../../shared/contract/setup';
import { StationError } from '../../../shared/errors';
import { bulkUpsertAccounts, upsertRevenueCodes } from '../directory';
import { loadConfig } from '../config';
import { hashPin } from '../pins';
import type { Station } from '../station';
import { requireNotSetUp } from './state';

function readText(path: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const detail = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.code === 'EACCES' ? 'no permission to read it' : err.message;
    throw new StationError('FILE_UNREADABLE', { file: path, detail }, field);
  }
}

export function readCatalogFile(path: string): CatalogFile {
  const text = readText(path, 'catalogFile');
  try {
    return parseCatalogText(text);
  } catch (e) {
    if (e instanceof CatalogFileError) throw new StationError('CATALOG_FILE_BAD', { file: path, line: e.line, reason: e.reason }, 'catalogFile');
    throw e;
  }
}

export function readAccountsFile(path: string): CsvAccount[] {
  const text = readText(path, 'accountsFile');
  try {
    return parseAccountsCsvText(text);
  } catch (e) {
    if (e instanceof AccountsCsvError) throw new StationError('ACCOUNTS_FILE_BAD', { file: path, line: e.line, reason: e.reason }, 'accountsFile');
    throw e;
  }
}

export interface StandAloneResult { stationId: string; revenueCodes: number; schedules: number; accounts: number }

export function setUpStandAlone(station: Station, i: StandAloneInput, pinCost?: { N?: number }): StandAloneResult {
  requireNotSetUp(station);
  if (i.pin !== i.pinAgain) throw new StationError('PIN_MISMATCH', {}, 'pinAgain');
  const catalog = readCatalogFile(i.catalogFile);
  const accounts = i.accountsFile ? readAccountsFile(i.accountsFile) : [];
  // Receipt numbers carry the station ID: it is fixed once money has been taken (a database that held a ledger before).
  if (i.stationId !== station.stationId && station.st.sqlGet('SELECT 1 FROM receipts LIMIT 1')) {
    throw new StationError('INVALID_INPUT', { detail: 'the station ID cannot change once receipts exist' }, 'stationId');
  }
  const pinHash = hashPin(i.pin, pinCost);
  try {
    return write(station, i, catalog, accounts, pinHash);
  } catch (e) {
    // Rolled back: the settings in memory go back to what the database holds.
    station.config = loadConfig(station.st);
    throw e;
  }
}

function write(station: Station, i: StandAloneInput, catalog: CatalogFile, accounts: CsvAccount[], pinHash: string): StandAloneResult {
  return station.commit(() => {
    // Checked again inside the transaction: two setups racing cannot both make a first admin.
    requireNotSetUp(station);
    const at = station.nowIso();
    station.updateConfig({ stationId: i.stationId, cityName: i.cityName, cityAddress: i.cityAddress, timeZone: i.timeZone, language: i.language });
    station.st.sqlRun('INSERT INTO users(id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)', i.adminId, i.adminName, 'admin', pinHash, at);
    upsertRevenueCodes(station, catalog, at);
    const n = accounts.length ? bulkUpsertAccounts(station, accounts, at) : 0;
    const schedules = catalog.reduce((s, c) => s + c.schedules.length, 0);
    // Never the PIN: who was made, and what was loaded from where.
    station.record('setup.standAlone', i.stationId, {
      stationId: i.stationId, cityName: i.cityName, admin: i.adminId, catalogFile: i.catalogFile, revenueCodes: catalog.length, schedules,
      accountsFile: i.accountsFile, accounts: n,
    }, at, { sync: false });
    station.record('user.created', i.adminId, { id: i.adminId, name: i.adminName, role: 'admin', by: 'setup' }, at, { sync: false });
    return { stationId: i.stationId, revenueCodes: catalog.length, schedules, accounts: n };
  });
}
