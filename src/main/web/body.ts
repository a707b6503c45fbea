// The body of POST /api/<operation>: read whole (or refused), checked for its type, UTF-8 and JSON
// shape before anything else sees it. Every way it can be wrong is an answer, never a throw.
import type { IncomingMessage } from 'node:http';
import type { ApiError } from '../../shared/errors';

export const MAX_BODY = 1024 * 1024;

export type Body = { ok: true; input: unknown } | { ok: false; status: number; error: ApiError };

const refuse = (status: number, message: string): Body => ({ ok: false, status, error: { code: 'INVALID_INPUT', message, params: { detail: message } } });

/**
 * JSON, or text/plain (what fetch sends for a string body when no type is given). A form post or any
 * other type is refused; so is a charset other than UTF-8.
 */
function typeOk(header: string | undefined): boolean {
  if (!header) return true;
  const [type, ...params] = header.toLowerCase().split(';').map((p) => p.trim());
  if (type !== 'application/json' && type !== 'text/plain') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Keeps at most MAX_BODY bytes, but reads to the end, so the client is still listening for the answer;
 * resolves null when the client went away mid-body (nobody to answer).
 */
function readRaw(req: IncomingMessage): Promise<Buffer | 'tooLarge' | null> {
  return new Promise((done) => {
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY) { over = true; chunks.length = 0; return; } // keep draining, answer once it ends
      chunks.push(c);
    });
    req.on('end', () => done(over ? 'tooLarge' : Buffer.concat(chunks)));
    req.on('close', () => { if (!req.complete) done(null); });
    req.on('error', () => done(null));
  });
}

/** The request's `input`, or the answer to give instead. */
export async function readInput(req: IncomingMessage): Promise<Body | null> {
  if (!typeOk(req.headers['content-type'])) return refuse(415, 'Send the request as JSON (content-type: application/json).');
  const raw = await readRaw(req);
  if (raw === null) return null;
  if (raw === 'tooLarge') return refuse(413, 'The request is too large.');
  let text: string;
  try { text = utf8.decode(raw); } catch { return refuse(400, 'The request body is not UTF-8 text.'); }
  if (!text.trim()) return { ok: true, input: {} };
  let body: unknown;
  try { body = JSON.parse(text); } catch { return refuse(400, 'The request body is not JSON.'); }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(400, 'The request body must be a JSON object: {"input": …}.');
  return { ok: true, input: (body as { input?: unknown }).input ?? {} };
}
