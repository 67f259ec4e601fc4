// A local TCP port that nothing listens on, for "server unreachable" cases. Not port 1 or 9: fetch refuses those
// (its list of bad ports) before even trying, which is another error than the one under test.
import { createServer } from 'node:net';

export async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
