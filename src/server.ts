// The composition root: builds every module on one database, one event bus and one scheduler, and starts what the
// configured roles ask for (`api`: HTTP API and UI; `worker`: scheduled jobs). `steward serve` and tests use this.
import type { AddressInfo } from 'node:net';
import type { Config } from './core/config.js';
import { createLogger, type Logger } from './core/logger.js';
import { type Db, openDatabase } from './core/db/database.js';
import { migrate, type StewardMigration } from './core/db/migrate.js';
import { EventBus } from './core/events.js';
import { Scheduler } from './core/jobs.js';
import { coreMigrations } from './core/schema.js';
import { AuthService } from './core/auth/service.js';
import { registerAuthRoutes } from './core/auth/routes.js';
import { createHttpApp, type App, type RouteInfo } from './core/http/app.js';
import { registerHealthRoute } from './core/http/health.js';
import { version, webDir } from './core/paths.js';
import { absentSweepJob, createInventory, inventoryMigrations, registerInventoryRoutes, type InventoryService } from './inventory/index.js';

export const allMigrations: StewardMigration[] = [...coreMigrations, ...inventoryMigrations];

/** Everything that shares one database: used by the server and by CLI commands that work on the database directly. */
export interface Steward {
  config: Config;
  logger: Logger;
  db: Db;
  events: EventBus;
  auth: AuthService;
  inventory: InventoryService;
  close(): Promise<void>;
}

export async function openSteward(config: Config, logger = createLogger(config.logLevel)): Promise<Steward> {
  const db = openDatabase(config.databaseUrl);
  try {
    await migrate(db, allMigrations);
  } catch (err) {
    await db.close();
    throw err;
  }
  const events = new EventBus(logger);
  const inventory = createInventory(db, events);
  const auth = new AuthService(db, { sessionTtlMs: config.sessionTtlMs, customerExists: inventory.customerExists });
  return { config, logger, db, events, auth, inventory, close: () => db.close() };
}

export interface RunningServer {
  steward: Steward;
  app?: App;
  routes: RouteInfo[];
  /** http://host:port when the api role runs. */
  url?: string;
  /** Set when this start created the first admin. */
  firstAdmin?: { username: string; password: string; generated: boolean };
  close(): Promise<void>;
}

export async function startServer(config: Config, logger?: Logger): Promise<RunningServer> {
  const steward = await openSteward(config, logger);
  const log = steward.logger;
  const firstAdmin = (await steward.auth.ensureFirstAdmin(config.adminPassword)) ?? undefined;
  const scheduler = new Scheduler(steward.db, log);
  let app: App | undefined;
  let routes: RouteInfo[] = [];
  let url: string | undefined;

  if (config.roles.includes('api')) {
    ({ app, routes } = await buildApi(steward, version));
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address() as AddressInfo;
    url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    log.info({ url, database: steward.db.description, roles: config.roles }, 'steward listening');
  }
  if (config.roles.includes('worker')) {
    scheduler.start(absentSweepJob(steward.inventory, config.absentAfterMs, config.absentSweepMs));
  }

  return {
    steward,
    app,
    routes,
    url,
    firstAdmin,
    async close() {
      await app?.close();
      await scheduler.stop();
      await steward.close();
    },
  };
}

/** The HTTP app with every module's routes, not yet listening (tests use `inject` on it). */
export async function buildApi(steward: Steward, appVersion = version): Promise<{ app: App; routes: RouteInfo[] }> {
  const { config } = steward;
  const { app, routes } = await createHttpApp({ logger: steward.logger, auth: steward.auth, version: appVersion, webDir, cookieSecure: config.cookieSecure });
  registerHealthRoute(app, steward.db, appVersion, config.roles);
  registerAuthRoutes(app, steward.auth, { cookieSecure: config.cookieSecure, sessionTtlMs: config.sessionTtlMs });
  registerInventoryRoutes(app, steward.inventory, { reportBodyLimit: config.reportBodyLimit });
  await app.ready();
  return { app, routes };
}
