// Check images to the hub (issue 16), a station and a PGlite hub over HTTP on this machine.
// check_images_to_hub_200_checks: 200 scanned checks' images (front and back) sent after their events,
//   64 kB chunks, each hashed by the hub and confirmed at the station — one sync cycle, events included.
// check_images_to_hub_rate: the same as images per second.
// image_upload_event_loop_p99: the event-loop delay while it uploads (what a till call could wait). The hub
//   runs in this same process here, so its PGlite work is counted too: an upper bound for the station.
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { STANDARD_FLOAT } from '../src/shared/denominations';
import { syncOf } from '../src/main/sync/service';
import { makeStation, uuid } from '../tests/helpers/station';
import { makeHub } from '../tests/helpers/hub';
import { payByScannedCheck } from '../tests/helpers/checks';

const round = (v: number): number => Math.round(v * 100) / 100;
const hub = await makeHub();
const t = await makeStation();
syncOf(t.station, { requestTimeoutMs: 15_000, idleMs: 600_000 });
const { code } = await hub.admin<{ code: string }>('POST', '/v1/admin/enrolment-codes', { stationId: 'ST01' });
await t.ok('sync.enrol', { hubUrl: hub.url, code }, 'admin');
await syncOf(t.station).stop();
await t.ok('session.open', { id: uuid(), floatCounts: STANDARD_FLOAT });
const N = 200;
for (let i = 0; i < N; i++) await payByScannedCheck(t, String(5000 + i), 1000 + i);
const images = (await t.ok('sync.status', {})).images.pending;
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
const t0 = performance.now();
const s = await t.ok('sync.now', {});
const ms = performance.now() - t0;
lag.disable();
if (s.images.pending !== 0) throw new Error(`images left: ${JSON.stringify(s.images)}`);
console.log(`check_images_to_hub_200_checks: ${round(ms)} ms`);
console.log(`check_images_to_hub_rate: ${round(images / (ms / 1000))} images/s`);
console.log(`image_upload_event_loop_p99: ${round(lag.percentile(99) / 1e6)} ms`);
t.cleanup();
await hub.cleanup();
