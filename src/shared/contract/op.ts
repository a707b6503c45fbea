// One entry per station operation: its input schema, the least role that may call it,
// and (as a phantom type) what it returns. Transports and handlers derive from these.
import { z } from 'zod';
import type { Role } from '../domain';
import { freeText } from '../text';

export type Access = Role | 'public';

export interface Operation<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  role: Access;
  /** Phantom: never set at run time, carries the result type. */
  readonly result?: R;
}

export function op<R>() {
  return <I extends z.ZodType>(role: Access, input: I): Operation<I, R> => ({ input, role });
}

/** Client-generated idempotency key: a double click or a retried call creates nothing twice. */
export const requestId = z.uuid({ message: 'Each request needs a client-generated UUID.' });

/** A supervisor's PIN given at the counter, without signing the cashier out. */
export const approvalSchema = z.object({
  userId: z.string().min(1).max(64),
  pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.'),
}).strict();

export const reasonSchema = freeText({ min: 3, minMessage: 'Please give a reason (at least 3 characters).', max: 500 });

export const emptyInput = z.object({}).strict();
