// The hub's structured log: JSON lines from pino (time, level, reqId, …). A PIN, token, secret or card
// number never reaches it: fields that could hold one are redacted by name, and free text is scrubbed
// (src/shared/redact.ts).
import { pino, type Logger } from 'pino';

export { scrub } from '../shared/redact';

const SECRET_FIELDS = ['pin', 'pinHash', 'secret', 'token', 'authorization', 'password', 'code'];

export function hubLogger(write: (line: string) => void): Logger {
  return pino({
    base: { service: 'civictill-hub' },
    redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '[redacted]' },
  }, { write: (s: string) => write(s.replace(/\n$/, '')) });
}
