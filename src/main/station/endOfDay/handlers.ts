// End-of-day handlers — filled in by its issue.
import type { endOfDayContract } from '../../../shared/contract/endOfDay';
import type { Handlers } from '../handlers';

export const endOfDayHandlers: Handlers<keyof typeof endOfDayContract> = {};
