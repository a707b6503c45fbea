// The one way the renderer reaches the station: `call(name, input)` and `on(event, fn)`.
// In Electron the preload provides them (window.civictill); in browser mode they go over HTTP + SSE
// with the launch token from the URL hash. Either way the renderer holds no authority of its own.
import type { CallResult, InputOf, OpName } from '../shared/api';
import type { ApiError } from '../shared/errors';

export type EventHandler = (payload: unknown) => void;

export interface Bridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, fn: EventHandler): () => void;
}

declare global {
  interface Window { civictill?: Bridge }
}

const NO_ANSWER = 'no answer from the station service';
const OFFLINE: ApiError = { code: 'INTERNAL', message: 'The station did not answer.', params: { detail: NO_ANSWER } };

/** The call may or may not have reached the station: a retry must send the same request ID. */
export function isNoAnswer(error: ApiError): boolean {
  return error.code === 'INTERNAL' && error.params.detail === NO_ANSWER;
}

/** Browser mode: POST /api/<op> with the launch token, and the signed-in user's token once there is one. */
class HttpBridge implements Bridge {
  private session: string | undefined;
  private source: EventSource | undefined;
  constructor(private readonly launchToken: string) {}

  async call(name: string, input: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${this.launchToken}` };
    if (this.session) headers['x-civictill-session'] = this.session;
    const res = await fetch(`/api/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify({ input }) });
    const body = await res.json() as CallResult<OpName>;
    // The session token stays inside the transport, as it stays inside the main process under Electron.
    if (body.ok && name === 'auth.signIn') this.session = (body.value as { token: string }).token;
    if (name === 'auth.signOut') this.session = undefined;
    return body;
  }

  on(event: string, fn: EventHandler): () => void {
    this.source ??= new EventSource(`/api/events?token=${encodeURIComponent(this.launchToken)}`);
    const listener = (e: MessageEvent<string>) => fn(JSON.parse(e.data) as unknown);
    this.source.addEventListener(event, listener as EventListener);
    return () => this.source?.removeEventListener(event, listener as EventListener);
  }
}

function launchToken(): string | null {
  // The launch URL carries the token in the hash; keep it for reloads of this tab, then clear the address bar.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('civictill.launch', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem('civictill.launch');
}

function makeBridge(): Bridge | null {
  if (window.civictill) return window.civictill;
  const token = launchToken();
  return token ? new HttpBridge(token) : null;
}

const bridge = makeBridge();

export const hasBridge = bridge !== null;

export async function call<N extends OpName>(name: N, input: InputOf<N>): Promise<CallResult<N>> {
  if (!bridge) return { ok: false, error: OFFLINE };
  try {
    return await bridge.call(name, input) as CallResult<N>;
  } catch {
    return { ok: false, error: OFFLINE };
  }
}

export function on(event: string, fn: EventHandler): () => void {
  return bridge ? bridge.on(event, fn) : () => undefined;
}
