// Device handlers — filled in by its issue.
import type { devicesContract } from '../../shared/contract/devices';
import type { Handlers } from '../station/handlers';

export const devicesHandlers: Handlers<keyof typeof devicesContract> = {};
