// The station's hub secret stays where the sync needs it (hub_link): never in the journal, the outbox,
// the events a transport forwards, the sync status, or what the hub stores.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STANDARD_FLOAT } from '../../../src/shared/denominations';
import { syncOf } from '../../../src/main/sync/service';
import { loadLink } from '../../../src/main/sync/state';
import { makeStation, uuid, type TestStation } from '../../helpers/station';
import { makeHub, ENGINE, type TestHub } from '../../helpers/hub';
import { postNth } from '../../helpers/dayAtCounter';
import { FAST } from '../../helpers/syncOptions';

let hub: TestHub;
let t: TestStation;
beforeEach(async () => {
  hub = await makeHub();
  t = await makeStation();
  syncOf(t.station, FAST);
});
afterEach(async () => { t?.cleanup(); await hub?.cleanup(); });

describe(`the station's hub secret (${ENGINE})`, () => {
  it('is in no journal row, outbox event, forwarded event or status, and not on the hub', async () => {
    const seen: string[] = [];
    t.station.events.on('*', (e: unknown) => seen.push(JSON.stringify(e)));
    const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
    const enrolled = await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
    await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
    for (let i = 0; i < 3; i++) await postNth(t, i);
    const status = await t.ok('sync.now', {});
    expect(status).toMatchObject({ state: 'online', pendingCount: 0 });

    const secret = loadLink(t.station.st)!.secret;
    expect(secret.length).toBeGreaterThanOrEqual(16);
    const rows = (table: string) => t.station.st.sqlAll<Record<string, unknown>>(`SELECT * FROM ${table}`).map((r) => JSON.stringify(r));
    const journal = rows('journal');
    expect(journal.some((r) => r.includes('sync.enrolled'))).toBe(true);
    for (const text of [...journal, ...rows('outbox'), ...rows('settings'), ...rows('sync_state'), ...seen, JSON.stringify(enrolled), JSON.stringify(status)]) {
      expect(text).not.toContain(secret);
    }
    const onHub = await hub.db.kysely.selectFrom('events').select('payload').execute();
    expect(onHub.length).toBeGreaterThan(0);
    for (const e of onHub) expect(e.payload).not.toContain(secret);
    const st = await hub.db.kysely.selectFrom('stations').select('secret_hash').where('station_id', '=', 'ST01').executeTakeFirstOrThrow();
    expect(st.secret_hash).not.toContain(secret);
  });
});
