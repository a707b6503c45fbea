// Why a sync failed, as the code the UI words: a hub that does not answer, answers too late, has a
// server problem, or refuses the station (also when the loop wraps the refusal in its own words).
import { describe, expect, it } from 'vitest';
import { HubRefused, HubUnreachable } from '../../../src/main/sync/client';
import { syncErrorMessage } from '../../../src/main/sync/errorMessage';

const HUB = 'http://10.0.0.9:8450';
const refusedSocket = Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:8450'), { code: 'ECONNREFUSED' });

describe('syncErrorMessage', () => {
  it('sorts what the hub client throws', () => {
    const down = new HubUnreachable('the hub at http://10.0.0.9:8450 cannot be reached (ECONNREFUSED)', 'network', { cause: new TypeError('fetch failed', { cause: refusedSocket }) });
    expect(syncErrorMessage(down, HUB)).toEqual({ code: 'sync.unreachable', params: { address: '10.0.0.9:8450' } });
    const slow = new HubUnreachable('the hub at http://10.0.0.9:8450 cannot be reached (no answer within 15 s)', 'network', { cause: new DOMException('timeout', 'TimeoutError') });
    expect(syncErrorMessage(slow, HUB)).toEqual({ code: 'sync.timeout', params: { address: '10.0.0.9:8450' } });
    expect(syncErrorMessage(new HubUnreachable('the hub answered 502', 'server'), HUB)).toEqual({ code: 'sync.hubError', params: { address: '10.0.0.9:8450' } });
    // An unknown network cause is still "the hub does not answer": that is what the station saw.
    expect(syncErrorMessage(new HubUnreachable('the hub at x cannot be reached (weird)'), HUB).code).toBe('sync.unreachable');
  });

  it('a refusal keeps the hub code, also wrapped by the loop', () => {
    const refused = new HubRefused(401, 'BAD_CREDENTIALS', 'station secret does not match');
    expect(syncErrorMessage(refused, HUB)).toEqual({ code: 'sync.refused', params: { code: 'BAD_CREDENTIALS' } });
    expect(syncErrorMessage(new Error("the hub refused station ST01's events: x", { cause: refused }), HUB)).toEqual({ code: 'sync.refused', params: { code: 'BAD_CREDENTIALS' } });
  });

  it('anything else is "other", with the English text as the detail', () => {
    expect(syncErrorMessage(new Error('the hub acknowledged up to seq 3 only, after seq 5 was sent'), HUB)).toEqual({ code: 'sync.other', params: {} });
  });
});
