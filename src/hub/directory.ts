// The city's directory on the hub: accounts (CIS import), revenue codes with fee schedules, users.
// Each write takes DIRECTORY_LOCK and stamps changed rows with the next directory version, so stations
// pull exactly what changed. Unchanged rows keep their version: re-importing the same file sends nothing.
import { randomBytes, scryptSync } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { directoryAccountSchema } from '../shared/hubProtocol';
import { catalogSchema } from '../shared/catalogFile';
import { ROLES } from '../shared/domain';
import { CONTROL_MESSAGE, freeText } from '../shared/text';
import { DIRECTORY_LOCK } from './apply';
import { canonicalJson } from '../shared/canonical';
import type { HubDb } from './db';
import { HubError } from './errors';
import type { HubDB } from './schema';

type Tx = Transaction<HubDB>;
type Account = z.infer<typeof directoryAccountSchema>;

async function lockDirectory(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${DIRECTORY_LOCK})`.execute(tx);
}

/** Upserts accounts in one transaction; returns how many rows changed. */
export async function importAccounts(db: HubDb, accounts: Account[], at: string): Promise<{ accounts: number; changed: number }> {
  return db.kysely.transaction().execute(async (tx) => {
    await lockDirectory(tx);
    let changed = 0;
    const size = 4000;
    for (let i = 0; i < accounts.length; i += size) {
      const values = sql.join(accounts.slice(i, i + size).map((a) =>
        sql`(${a.accountNumber}, ${a.name}, ${a.serviceAddress}, ${a.status}, ${a.balanceCents}::bigint, ${a.cashOnlyUntil}::text, nextval('directory_version'), ${at})`));
      const r = await sql`INSERT INTO accounts (account_number, name, service_address, status, balance_cents, cash_only_until, version, updated_at)
        VALUES ${values}
        ON CONFLICT (account_number) DO UPDATE SET name = excluded.name, service_address = excluded.service_address, status = excluded.status,
          balance_cents = excluded.balance_cents, cash_only_until = excluded.cash_only_until, version = excluded.version, updated_at = excluded.updated_at
        WHERE (accounts.name, accounts.service_address, accounts.status, accounts.balance_cents, accounts.cash_only_until)
          IS DISTINCT FROM (excluded.name, excluded.service_address, excluded.status, excluded.balance_cents, excluded.cash_only_until)`.execute(tx);
      changed += Number(r.numAffectedRows ?? 0n);
    }
    return { accounts: accounts.length, changed };
  });
}

// The catalogue file's format is shared with a station set up on its own (src/shared/catalogFile.ts).
export { catalogSchema };

/** Revenue codes and their fee schedules. A schedule is never changed: a new rule takes a new effective date. */
export async function importCatalog(db: HubDb, codes: z.infer<typeof catalogSchema>): Promise<{ codes: number; schedules: number }> {
  return db.kysely.transaction().execute(async (tx) => {
    await lockDirectory(tx);
    let schedules = 0;
    for (const c of codes) {
      await sql`INSERT INTO revenue_codes (code, name_en, name_es, gl_account, category, requires_account, active, sort, version)
        VALUES (${c.code}, ${c.nameEn}, ${c.nameEs}, ${c.gl}, ${c.category}, ${c.requiresAccount}, ${c.active}, ${c.sort}, nextval('directory_version'))
        ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_es = excluded.name_es, gl_account = excluded.gl_account, category = excluded.category,
          requires_account = excluded.requires_account, active = excluded.active, sort = excluded.sort, version = excluded.version
        WHERE (revenue_codes.name_en, revenue_codes.name_es, revenue_codes.gl_account, revenue_codes.category, revenue_codes.requires_account, revenue_codes.active, revenue_codes.sort)
          IS DISTINCT FROM (excluded.name_en, excluded.name_es, excluded.gl_account, excluded.category, excluded.requires_account, excluded.active, excluded.sort)`.execute(tx);
      for (const s of c.schedules) {
        const rule = canonicalJson(s.rule);
        const existing = await tx.selectFrom('fee_schedules').select('rule').where('revenue_code', '=', c.code).where('effective_from', '=', s.from).executeTakeFirst();
        if (existing) {
          if (existing.rule !== rule) throw new HubError(409, 'SCHEDULE_EXISTS', `${c.code} already has a different schedule from ${s.from}: schedules are never changed, add one with a new effective date`);
          continue;
        }
        await sql`INSERT INTO fee_schedules (revenue_code, effective_from, rule, version) VALUES (${c.code}, ${s.from}, ${rule}, nextval('directory_version'))`.execute(tx);
        schedules++;
      }
    }
    return { codes: codes.length, schedules };
  });
}

export const usersImportSchema = z.array(z.object({
  id: z.string().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]*$/, CONTROL_MESSAGE),
  name: freeText({ min: 1, max: 120 }),
  role: z.enum(ROLES),
  /** A new PIN (hashed here, never stored) — or keep the current one by leaving it out. */
  pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.').optional(),
  active: z.boolean().default(true),
}).strict()).min(1).max(10_000);

/** The same scrypt format the station checks PINs with ("scrypt$N$r$p$salt$hash"). */
export function hashPin(pin: string, N = 16384): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function importUsers(db: HubDb, users: z.infer<typeof usersImportSchema>, pinCost?: number): Promise<{ users: number }> {
  return db.kysely.transaction().execute(async (tx) => {
    await lockDirectory(tx);
    for (const u of users) {
      const current = await tx.selectFrom('users').select('pin_hash').where('id', '=', u.id).executeTakeFirst();
      if (!current && !u.pin) throw new HubError(400, 'PIN_REQUIRED', `user ${u.id} is new: give a PIN`);
      const pinHash = u.pin ? hashPin(u.pin, pinCost) : current!.pin_hash;
      await sql`INSERT INTO users (id, name, role, pin_hash, active, version) VALUES (${u.id}, ${u.name}, ${u.role}, ${pinHash}, ${u.active}, nextval('directory_version'))
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active, version = excluded.version
        WHERE (users.name, users.role, users.pin_hash, users.active) IS DISTINCT FROM (excluded.name, excluded.role, excluded.pin_hash, excluded.active)`.execute(tx);
    }
    return { users: users.length };
  });
}
