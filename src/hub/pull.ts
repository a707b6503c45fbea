// GET /v1/sync/pull?cursor=…: directory changes past a cursor, paged. Every directory row carries the
// version it was last written at (one sequence for all tables, handed out under DIRECTORY_LOCK, so in
// commit order); a page is the `limit` lowest versions past the cursor across the five tables (accounts,
// revenue codes, fee schedules, users, and the standing of payment arrangements).
import { sql, type Transaction } from 'kysely';
import { type PullResponse, type WireArrangement } from '../shared/hubProtocol';
import type { HubDB } from './schema';
import type { FeeRule } from '../shared/fees';
import type { HubDb } from './db';


type Tagged = { version: number; table: 'a' | 'r' | 'f' | 'u' | 'p'; row: Record<string, unknown> };

export async function pullDirectory(db: HubDb, cursor: number, limit: number): Promise<PullResponse> {
  const k = db.kysely;
  // One snapshot for the whole page: REPEATABLE READ, read only.
  return k.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => {
    const take = limit + 1;
    const [accounts, codes, schedules, users, plans, latest] = [
      await tx.selectFrom('accounts').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
      await tx.selectFrom('revenue_codes').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
      await tx.selectFrom('fee_schedules').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
      await tx.selectFrom('users').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
      await tx.selectFrom('arrangement_status').selectAll().where('version', '>', cursor).orderBy('version').limit(take).execute(),
      await sql<{ v: number | null }>`SELECT GREATEST((SELECT max(version) FROM accounts), (SELECT max(version) FROM revenue_codes),
        (SELECT max(version) FROM fee_schedules), (SELECT max(version) FROM users), (SELECT max(version) FROM arrangement_status)) AS v`.execute(tx),
    ];
    const all: Tagged[] = [
      ...accounts.map((row) => ({ version: row.version, table: 'a' as const, row })),
      ...codes.map((row) => ({ version: row.version, table: 'r' as const, row })),
      ...schedules.map((row) => ({ version: row.version, table: 'f' as const, row })),
      ...users.map((row) => ({ version: row.version, table: 'u' as const, row })),
      ...plans.map((row) => ({ version: row.version, table: 'p' as const, row })),
    ].sort((a, b) => a.version - b.version);
    const page = all.slice(0, limit);
    const more = all.length > limit;
    const out: PullResponse = { cursor: page.length ? page[page.length - 1]!.version : cursor, latest: latest.rows[0]?.v ?? 0, more, accounts: [], revenueCodes: [], feeSchedules: [], users: [], arrangements: [] };
    const codeRows = new Map<string, Record<string, unknown>>();
    for (const t of page) {
      const r = t.row;
      if (t.table === 'a') out.accounts.push({ accountNumber: r.account_number as string, name: r.name as string, serviceAddress: r.service_address as string, status: r.status as never, balanceCents: r.balance_cents as number, cashOnlyUntil: (r.cash_only_until as string | null) ?? null });
      else if (t.table === 'r') codeRows.set(r.code as string, r);
      else if (t.table === 'f') out.feeSchedules.push({ revenueCode: r.revenue_code as string, from: r.effective_from as string, rule: JSON.parse(r.rule as string) as FeeRule });
      else if (t.table === 'p') continue;
      else out.users.push({ id: r.id as string, name: r.name as string, role: r.role as never, pinHash: r.pin_hash as string, active: r.active as boolean });
    }
    // A schedule's code travels with it, so a page applies on its own (the station's schedules reference codes).
    const missing = [...new Set(out.feeSchedules.map((f) => f.revenueCode))].filter((c) => !codeRows.has(c));
    if (missing.length) for (const r of await tx.selectFrom('revenue_codes').selectAll().where('code', 'in', missing).execute()) codeRows.set(r.code, r);
    for (const r of codeRows.values()) {
      out.revenueCodes.push({ code: r.code as string, nameEn: r.name_en as string, nameEs: r.name_es as string, gl: r.gl_account as string, category: r.category as never, requiresAccount: r.requires_account as boolean, active: r.active as boolean, sort: r.sort as number });
    }
    out.arrangements = await wireArrangements(tx, page.filter((t) => t.table === 'p').map((t) => t.row.arrangement_id as string));
    return out;
  });
}

/** Arrangements as the stations get them: as made, and how they stand on the hub's figures. */
async function wireArrangements(tx: Transaction<HubDB>, ids: string[]): Promise<WireArrangement[]> {
  if (!ids.length) return [];
  const rows = await tx.selectFrom('arrangement_status as s').innerJoin('arrangements as a', 'a.arrangement_id', 's.arrangement_id')
    .leftJoin('arrangement_breaks as b', 'b.arrangement_id', 's.arrangement_id')
    .select(['a.record', 's.arrangement_id', 's.status', 's.paid_cents', 's.version', 'b.broken_on', 'b.instalment_no'])
    .where('s.arrangement_id', 'in', ids).orderBy('s.version').execute();
  const cancels = await tx.selectFrom('arrangement_cancellations').selectAll().where('arrangement_id', 'in', ids).orderBy('cancelled_at').orderBy('cancellation_id').execute();
  return rows.map((r) => {
    const c = cancels.find((x) => x.arrangement_id === r.arrangement_id);
    return {
      record: JSON.parse(r.record) as WireArrangement['record'], status: r.status, paidCents: r.paid_cents,
      brokenOn: r.broken_on ?? null, brokenInstalment: r.instalment_no ?? null,
      cancelled: c ? { at: c.cancelled_at, by: c.user_id, approvedBy: c.approved_by, reason: c.reason } : null,
    };
  });
}
