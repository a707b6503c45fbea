// Applying what the hub sends: a directory page (atomically, with its cursor) and exception changes.
// Each is one short synchronous transaction; the network wait happened before it.
import type { PullResponse, WireArrangement, WireException } from '../../shared/hubProtocol';
import type { HubExceptionView } from '../../shared/contract/sync';
import type { ExceptionKind } from '../../shared/hubProtocol';
import { invalidateCatalog } from '../station/catalogCache';
import { bulkUpsertAccounts, upsertAccounts } from '../station/directory';
import { applyHubArrangements } from '../station/arrangements/hubStatus';
import type { Station } from '../station/station';
import { getState, loadLink, setState } from './state';
import { cleanExceptions, cleanPage } from './clean';

/**
 * `asOf` is when this station's outbox was last found drained: every payment it took before then is in
 * the hub's balances, and AccountView subtracts only payments taken since a row's updated_at.
 */
export function applyDirectoryPage(station: Station, received: Omit<PullResponse, 'arrangements'> & { arrangements?: WireArrangement[] }, asOf: string): void {
  const { page, cleaned } = cleanPage({ ...received, arrangements: received.arrangements ?? [] });
  const arrangements = page.arrangements;
  station.commit(() => {
    const st = station.st;
    if (page.revenueCodes.length || page.feeSchedules.length) invalidateCatalog(station);
    for (const c of page.revenueCodes) {
      st.sqlRun(`INSERT INTO revenue_codes(code, name_en, name_es, gl_account, category, requires_account, active, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(code) DO UPDATE SET name_en = excluded.name_en, name_es = excluded.name_es, gl_account = excluded.gl_account, category = excluded.category,
          requires_account = excluded.requires_account, active = excluded.active, sort = excluded.sort`,
      c.code, c.nameEn, c.nameEs, c.gl, c.category, c.requiresAccount ? 1 : 0, c.active ? 1 : 0, c.sort);
    }
    // Schedules are append-only on both sides: one already here is the same one.
    for (const f of page.feeSchedules) {
      st.sqlRun('INSERT INTO fee_schedules(revenue_code, effective_from, rule, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(revenue_code, effective_from) DO NOTHING',
        f.revenueCode, f.from, JSON.stringify(f.rule), asOf);
    }
    for (const u of page.users) {
      st.sqlRun(`INSERT INTO users(id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active`,
      u.id, u.name, u.role, u.pinHash, u.active ? 1 : 0, asOf);
    }
    if (page.accounts.length) {
      if (getState(st, 'directory_complete') !== '1' && page.accounts.length >= 500) bulkUpsertAccounts(station, page.accounts, asOf);
      else upsertAccounts(station, page.accounts, asOf);
    }
    applyHubArrangements(station, arrangements, asOf);
    setState(st, 'directory_cursor', page.cursor);
    setState(st, 'directory_latest', page.latest);
    if (!page.more) {
      setState(st, 'directory_complete', 1);
      setState(st, 'directory_as_of', asOf);
    }
    // Set up from the hub: sign-in opens once the whole directory, users among it, is here.
    const setUp = !page.more && station.config.setupPending && st.sqlGet('SELECT 1 FROM users WHERE active = 1 LIMIT 1');
    if (setUp) station.updateConfig({ setupPending: false });
    station.record('directory.pulled', String(page.cursor), {
      cursor: page.cursor, accounts: page.accounts.length, revenueCodes: page.revenueCodes.length, feeSchedules: page.feeSchedules.length, users: page.users.length,
      arrangements: arrangements.length,
      // Fields whose control characters or card numbers were taken out before they were stored.
      ...(cleaned ? { cleanedFields: cleaned } : {}),
    }, station.nowIso(), { sync: false });
    if (setUp) station.record('setup.enrolled', station.stationId, { stationId: station.stationId, hubUrl: loadLink(st)?.hubUrl ?? null, cursor: page.cursor }, station.nowIso(), { sync: false });
  });
}

/** Upserts the hub's view of exceptions; a resolution made here stays pending until the hub confirms it. */
export function applyExceptions(station: Station, received: WireException[], cursor: number): void {
  const rows = cleanExceptions(received);
  station.st.tx(() => {
    for (const x of rows) {
      station.st.sqlRun(`INSERT INTO hub_exceptions(id, event_id, seq, kind, receipt_number, account_number, amount_cents, detail, created_at, resolved_at, resolved_by, note, version, resolution_pending)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
        ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, detail = excluded.detail, version = excluded.version,
          resolved_at = COALESCE(excluded.resolved_at, hub_exceptions.resolved_at), resolved_by = COALESCE(excluded.resolved_by, hub_exceptions.resolved_by),
          note = COALESCE(excluded.note, hub_exceptions.note),
          resolution_pending = CASE WHEN excluded.resolved_at IS NULL THEN hub_exceptions.resolution_pending ELSE 0 END`,
      x.id, x.eventId, x.seq, x.kind, x.receiptNumber, x.accountNumber, x.amountCents, x.detail, x.createdAt, x.resolvedAt, x.resolvedBy, x.note, x.version);
    }
    setState(station.st, 'exceptions_cursor', cursor);
  });
}

interface ExceptionRow {
  id: number; kind: string; receipt_number: string | null; account_number: string | null; amount_cents: number | null; detail: string; created_at: string;
  resolved_at: string | null; resolved_by: string | null; note: string | null; resolution_pending: number;
}

export function exceptionView(r: ExceptionRow): HubExceptionView {
  return {
    id: r.id, kind: r.kind as ExceptionKind, receiptNumber: r.receipt_number, accountNumber: r.account_number, amountCents: r.amount_cents, detail: r.detail,
    createdAt: r.created_at, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by, note: r.note, resolutionPending: r.resolution_pending === 1,
  };
}

export function listExceptions(station: Station, includeResolved: boolean): HubExceptionView[] {
  return station.st.sqlAll<ExceptionRow>(`SELECT * FROM hub_exceptions ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY id`).map(exceptionView);
}

export function getException(station: Station, id: number): HubExceptionView | undefined {
  const r = station.st.sqlGet<ExceptionRow>('SELECT * FROM hub_exceptions WHERE id = ?', id);
  return r ? exceptionView(r) : undefined;
}
