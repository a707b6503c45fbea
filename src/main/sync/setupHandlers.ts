// The first-run setup operations (src/shared/contract/setup.ts): public, and refused once the station has users.
import type { setupContract } from '../../shared/contract/setup';
import type { Handlers } from '../station/handlers';
import { setUpStandAlone } from '../station/setup/standAlone';
import { setupEnrol, setupStatus } from './setup';

export const setupHandlers: Handlers<keyof typeof setupContract> = {
  'setup.status': ({ station }) => setupStatus(station),
  'setup.enrol': ({ station }, i) => setupEnrol(station, i.hubUrl, i.code),
  'setup.standAlone': ({ station }, i) => { setUpStandAlone(station, i); return setupStatus(station); },
};
