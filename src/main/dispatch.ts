// The one entry point every transport uses: validate with the contract's schema, check the role,
// run the handler, and turn any failure into an ApiError a cashier can act on.
import { api, type CallResult, type OpName } from '../shared/api';
import { StationError, type ApiError } from '../shared/errors';
import type { UserView } from '../shared/views';
import { requireRole, userForToken } from './station/auth';
import type { CallContext, Handler, Handlers } from './station/handlers';
import { allHandlers } from './registry';
import type { Station } from './station/station';
import { logError } from './station/log/stationLog';

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

function zodToError(issues: { path: PropertyKey[]; message: string }[]): ApiError {
  const first = issues[0];
  const field = first?.path.map(String).join('.') ?? '';
  return new StationError('INVALID_INPUT', { detail: first?.message ?? 'invalid input' }, field || undefined).toApiError();
}

export async function dispatch<N extends OpName>(station: Station, name: N, rawInput: unknown, token?: string, handlers: Handlers = allHandlers): Promise<CallResult<N>> {
  try {
    const entry = api[name];
    let user: UserView | undefined;
    if (entry.role !== 'public') {
      user = userForToken(station, token);
      if (!user) throw new StationError('NOT_SIGNED_IN');
      requireRole(user, entry.role);
    }
    const parsed = entry.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToError(parsed.error.issues) };
    const ctx: CallContext = { station, user: user as UserView, token };
    const handler = handlers[name] as unknown as Handler<N>;
    const value = await handler(ctx, parsed.data as never);
    return { ok: true, value } as CallResult<N>;
  } catch (e) {
    if (e instanceof StationError) return { ok: false, error: e.toApiError() };
    // Never a stack trace to the cashier: log it for IT, answer in words.
    logError(station, name, e);
    const detail = e instanceof Error ? e.message.slice(0, 200) : String(e);
    return { ok: false, error: new StationError('INTERNAL', { detail }).toApiError() };
  }
}
