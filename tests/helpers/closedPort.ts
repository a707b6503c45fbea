// A loopback TCP port nothing listens on (bound once, then closed): connecting to it is refused at once.
import { createServer } from 'node:net';

export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
