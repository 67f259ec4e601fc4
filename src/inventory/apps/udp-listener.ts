// Starts the UDP listener's thread (udp-worker.ts) and passes its batches on. Running from the TypeScript sources
// (tests, tsx) the thread loads them through tsx, as the main thread does; built, it loads the compiled file.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../core/logger.js';
import type { ListenerData, ToListener, ToMain, UdpBatch } from './udp-messages.js';

export interface UdpListener {
  port: number;
  /** The socket's receive buffer as the system reports it. */
  receiveBuffer: number;
  stop(): Promise<void>;
}

const fromSources = import.meta.url.endsWith('.ts');

/** The thread: the compiled file, or — from the sources — a stub that registers tsx in the thread, then loads them
 *  (Node 20 applies neither the parent's loader hooks nor an `--import` in execArgv to worker threads). */
function listenerThread(data: ListenerData): Worker {
  const entry = new URL(`./udp-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry, { workerData: data });
  const stub = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(stub, { eval: true, workerData: data });
}

export function startUdpListener(data: ListenerData, onBatch: (batch: UdpBatch) => void, logger: Logger): Promise<UdpListener> {
  const worker = listenerThread(data);
  let stopped: (() => void) | undefined;
  let listening = false;
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: ToMain) => {
      switch (m.type) {
        case 'listening':
          listening = true;
          worker.off('error', reject);
          worker.on('error', (err) => logger.error({ err }, 'UDP listener thread failed'));
          resolve({
            port: m.port,
            receiveBuffer: m.recvBufferSize,
            stop: () =>
              new Promise<void>((done) => {
                stopped = done;
                worker.postMessage({ type: 'stop' } satisfies ToListener);
              }),
          });
          return;
        case 'batch':
          onBatch(m);
          return;
        case 'error':
          if (listening) {
            logger.error({ message: m.message }, 'UDP listener error');
            return;
          }
          // Before listening this is a bind failure (port taken, bad address): starting fails with it.
          void worker.terminate();
          reject(new Error(`UDP listener on ${data.host}:${data.port}: ${m.message}`));
          return;
        case 'stopped':
          void worker.terminate().then(() => stopped?.());
      }
    });
  });
}
