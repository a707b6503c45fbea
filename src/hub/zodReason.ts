// A zod failure as one line a person can act on: where, and what is wrong.
import type { z } from 'zod';

export function zodReason(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'the request is not valid';
  const where = first.path.map(String).join('.');
  return where ? `${where}: ${first.message}` : first.message;
}
