// `steward serve --workers N`: the primary process prepares the database once (migrations, first admin), then
// forks N workers that each run the whole server on the shared port (node:cluster hands out connections).
// Scheduled jobs stay single across workers through their database leases, as across replicas.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import { openSteward } from '../server.js';

export interface WorkerReady {
  type: 'steward-listening';
  url: string;
}

/** A worker that dies this soon after starting is not restarted: it would only die again. */
const minUptimeMs = 10_000;

export async function runPrimary(config: Config, logger: Logger, announce: (firstAdmin: { password: string; generated: boolean } | null) => void): Promise<void> {
  const steward = await openSteward(config, logger);
  try {
    announce(await steward.auth.ensureFirstAdmin(config.adminPassword));
  } finally {
    await steward.close();
  }

  let stopping = false;
  let listening = 0;
  const started = new Map<Worker, number>();
  const indexOf = new Map<Worker, number>();
  // A replacement takes the index of the worker it replaces: worker 0 also runs the UDP listener (one socket per port).
  const fork = (index: number) => {
    const worker = cluster.fork({ STEWARD_CLUSTER_WORKER: String(index) });
    started.set(worker, Date.now());
    indexOf.set(worker, index);
    worker.on('message', (m: WorkerReady) => {
      // Announced once every worker accepts connections, not when the first does.
      if (m?.type === 'steward-listening' && ++listening === config.workers) {
        process.stdout.write(`Steward is running at ${m.url} (${config.workers} worker processes)\n`);
      }
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    const index = indexOf.get(worker) ?? 0;
    indexOf.delete(worker);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal, uptimeMs: uptime }, 'worker process exited');
    if (uptime < minUptimeMs) {
      logger.fatal('a worker failed right after starting; stopping');
      stop(1);
    } else fork(index);
  });
  const stop = (code = 0) => {
    stopping = true;
    for (const w of started.keys()) w.process.kill('SIGTERM');
    if (started.size === 0) process.exit(code);
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  for (let i = 0; i < config.workers; i++) fork(i);
}
