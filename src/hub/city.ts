// The city a new station takes its name, address and time zone from at enrolment (hub_settings city.*).
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { freeText } from '../shared/text';
import type { HubDB } from './schema';

export const citySchema = z.object({
  name: freeText({ min: 1, max: 120 }),
  address: freeText({ min: 0, max: 300 }).default(''),
  timeZone: z.string().regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone such as America/Chicago').max(64).nullable().default(null),
}).strict();
export type City = z.infer<typeof citySchema>;

export async function cityOf(db: Kysely<HubDB> | Transaction<HubDB>): Promise<City | null> {
  const rows = await db.selectFrom('hub_settings').selectAll().where('key', 'in', ['city.name', 'city.address', 'city.time_zone']).execute();
  const v = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  if (!v['city.name']) return null;
  return { name: v['city.name'], address: v['city.address'] ?? '', timeZone: v['city.time_zone'] || null };
}

export async function setCity(db: Kysely<HubDB>, city: City): Promise<City> {
  await db.transaction().execute(async (tx) => {
    for (const [key, value] of [['city.name', city.name], ['city.address', city.address], ['city.time_zone', city.timeZone ?? '']] as const) {
      await tx.insertInto('hub_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    }
  });
  return (await cityOf(db))!;
}
