// The station API contract: every operation declared once (ARCHITECTURE.md "One contract, three transports").
// Each issue's operations live in their own contract/ module; this file only joins them.
import type { z } from 'zod';
import { ledgerContract } from './contract/ledger';
import { endOfDayContract } from './contract/endOfDay';
import { devicesContract } from './contract/devices';
import { syncContract } from './contract/sync';
import { printingContract } from './contract/printing';
import { backupContract } from './contract/backup';
import { arrangementsContract } from './contract/arrangements';
import { stubsContract } from './contract/stubs';
import { slipsContract } from './contract/slips';
import { batchesContract } from './contract/batches';
import { cardContract } from './contract/card';
import { setupContract } from './contract/setup';
import { supportContract } from './contract/support';
import { checkImagesContract } from './contract/checkImages';
import type { Operation } from './contract/op';
import type { ApiError } from './errors';

export const api = {
  ...ledgerContract,
  ...endOfDayContract,
  ...devicesContract,
  ...syncContract,
  ...printingContract,
  ...backupContract,
  ...arrangementsContract,
  ...stubsContract,
  ...slipsContract,
  ...batchesContract,
  ...cardContract,
  ...setupContract,
  ...supportContract,
  ...checkImagesContract,
} as const satisfies Record<string, Operation>;

export type Api = typeof api;
export type OpName = keyof Api;
export type InputOf<N extends OpName> = z.input<Api[N]['input']>;
export type ParsedInputOf<N extends OpName> = z.output<Api[N]['input']>;
export type ResultOf<N extends OpName> = Exclude<Api[N]['result'], undefined>;

/** What every transport returns for a call. */
export type CallResult<N extends OpName> = { ok: true; value: ResultOf<N> } | { ok: false; error: ApiError };
