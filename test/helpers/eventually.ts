// Waiting for something that happens in another thread or process (a UDP datagram processed, a batch flushed):
// check the condition until it holds, and fail with its last value once the deadline passes.
import { setTimeout as delay } from 'node:timers/promises';

export async function eventually<T>(read: () => T | Promise<T>, holds: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await delay(5);
  }
}
