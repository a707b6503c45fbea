// Small HTTP helpers: bounded body reading and JSON/text answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubError } from './errors';

export type BodyType = 'application/json' | 'text/csv' | 'application/octet-stream';

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return (await readBytes(req, limit)).toString('utf8');
}

export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new HubError(413, 'TOO_LARGE', `the body is ${declared} bytes; the most this endpoint takes is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HubError(413, 'TOO_LARGE', `the body passed ${limit} bytes, the most this endpoint takes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function requireType(req: IncomingMessage, type: BodyType): void {
  const got = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (got !== type) throw new HubError(415, 'UNSUPPORTED_MEDIA_TYPE', `send the body as ${type} (got ${got || 'no content type'})`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HubError(400, 'BAD_JSON', `the body is not JSON: ${(e as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, type: string, text: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}
