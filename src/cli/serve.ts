// `steward serve`: the whole of Steward in one process (or the roles asked for), until SIGINT/SIGTERM.
import type { Command } from 'commander';
import { allMigrations, startServer } from '../server.js';
import { openDatabase } from '../core/db/database.js';
import { migrate } from '../core/db/migrate.js';
import { createLogger } from '../core/logger.js';
import type { Role } from '../core/config.js';
import { configFrom } from './context.js';
import cluster from 'node:cluster';
import { runPrimary, type WorkerReady } from './cluster.js';

function announceFirstAdmin(firstAdmin: { password: string; generated: boolean } | null): void {
  if (!firstAdmin) return;
  const how = firstAdmin.generated
    ? `password: ${firstAdmin.password}  (shown once; change it with: steward user passwd admin)`
    : 'password: the one in STEWARD_ADMIN_PASSWORD';
  process.stdout.write(`\nCreated the first user "admin", ${how}\n\n`);
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and web UI and run the scheduled jobs')
    .option('--host <address>', 'listen address (default 127.0.0.1)')
    .option('--port <port>', 'HTTP port; 0 picks a free one (default 8080)')
    .option('--roles <list>', 'comma-separated roles this replica runs: api, worker (default all)')
    .option('--workers <n>', 'HTTP worker processes sharing the port, to use more cores (default 1)')
    .option('--partisci-port <port>', 'UDP port for app version updates (Partisci protocol); 0 picks a free one (default 7777)')
    .option('--partisci-danger', 'allow POST /api/v1/_danger/clear/ to empty the app version live view')
    .action(async (opts: { host?: string; port?: string; roles?: string; workers?: string; partisciPort?: string; partisciDanger?: boolean }, command: Command) => {
      const config = configFrom(command, {
        host: opts.host,
        port: opts.port === undefined ? undefined : Number(opts.port),
        roles: opts.roles?.split(',') as Role[] | undefined,
        workers: opts.workers === undefined ? undefined : Number(opts.workers),
        partisciPort: opts.partisciPort === undefined ? undefined : Number(opts.partisciPort),
        partisciDanger: opts.partisciDanger,
      });
      // One UDP socket per port: of several worker processes, the first one listens.
      if (cluster.isWorker && process.env.STEWARD_CLUSTER_WORKER !== '0') config.roles = config.roles.filter((r) => r !== 'udp');
      const logger = createLogger(config.logLevel);
      if (config.workers > 1 && cluster.isPrimary) {
        await runPrimary(config, logger, announceFirstAdmin);
        return;
      }
      const server = await startServer(config, logger);
      announceFirstAdmin(server.firstAdmin ?? null);
      if (server.url && cluster.isWorker) process.send!({ type: 'steward-listening', url: server.url } satisfies WorkerReady);
      else if (server.url) process.stdout.write(`Steward is running at ${server.url}\n`);
      if (server.udpPort !== undefined) process.stdout.write(`App version updates (UDP) on ${config.partisci.host}:${server.udpPort}\n`);
      const stop = () => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('bring the database schema up to date (serve does this on start too)')
    .action(async (_opts: unknown, command: Command) => {
      const db = openDatabase(configFrom(command).databaseUrl);
      try {
        const { applied } = await migrate(db, allMigrations);
        process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await db.close();
      }
    });
}
