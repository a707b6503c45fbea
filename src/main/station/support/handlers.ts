// The support bundle's handler (src/shared/contract/support.ts).
import type { supportContract } from '../../../shared/contract/support';
import type { Handlers } from '../handlers';
import { supportBundle } from './bundle';

export const supportHandlers: Handlers<keyof typeof supportContract> = {
  'support.bundle': ({ station, user }) => supportBundle(station, user.id),
};
