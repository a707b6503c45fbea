// A revenue code as an admin types it into settings (a stub format, a validation template): the
// hub's code pattern, and never a card number (a 16-digit "code" is one keyed in the wrong box).
import { z } from 'zod';
import { CARD_NUMBER_MESSAGE, noCardNumber } from './text';

export const revenueCodeId = z.string().trim()
  .regex(/^[A-Z0-9_]{1,16}$/, 'A revenue code is 1 to 16 capital letters, digits or _.')
  .refine(noCardNumber, CARD_NUMBER_MESSAGE);

/** The value a bill stub's own field holds for its service ("01"), mapped to a revenue code. */
export const stubCodeValue = z.string().trim()
  .regex(/^[A-Za-z0-9_-]{1,16}$/, 'A stub code is 1 to 16 letters, digits, - or _.')
  .refine(noCardNumber, CARD_NUMBER_MESSAGE);
