// Sync handlers — filled in by its issue.
import type { syncContract } from '../../shared/contract/sync';
import type { Handlers } from '../station/handlers';

export const syncHandlers: Handlers<keyof typeof syncContract> = {};
