// Every contract entry has exactly one handler: the type below fails to compile when one is missing.
import { ledgerHandlers, type Handlers } from './handlers';

export const allHandlers: Handlers = {
  ...ledgerHandlers,
};
