// Handlers of the stubs contract.
import type { stubsContract } from '../../../shared/contract/stubs';
import type { Handlers } from '../handlers';
import { scanStub } from './scan';
import { saveStubSettings, stubSettings } from './settings';

export const stubsHandlers: Handlers<keyof typeof stubsContract> = {
  'stubs.settings': ({ station }) => stubSettings(station),
  'stubs.updateSettings': ({ station, user }, i) => saveStubSettings(station, user, {
    ...(i.formats ? { formats: i.formats } : {}), ...(i.wedge ? { wedge: i.wedge } : {}),
  }),
  'stubs.scan': ({ station }, i) => scanStub(station, i.raw, i.asOf),
};
