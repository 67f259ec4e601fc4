// The composition root: builds every module on one database, one event bus and one scheduler, and starts what the
// configured roles ask for (`api`: HTTP API and UI; `worker`: scheduled jobs). `steward serve` and tests use this.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Config } from './core/config.js';
import { createLogger, type Logger } from './core/logger.js';
import { type Db, openDatabase } from './core/db/database.js';
import { migrate, type StewardMigration } from './core/db/migrate.js';
import { EventBus } from './core/events.js';
import { Scheduler } from './core/jobs.js';
import { coreMigrations } from './core/schema.js';
import { generationMigrations, readGenerations } from './core/db/generations.js';
import { AnswerCache } from './core/http/answer-cache.js';
import { AuthService } from './core/auth/service.js';
import { registerAuthRoutes } from './core/auth/routes.js';
import { createHttpApp, type App, type RouteInfo } from './core/http/app.js';
import { registerHealthRoute } from './core/http/health.js';
import { version, webDir } from './core/paths.js';
import {
  createRemediation,
  ExportService,
  markMigrations,
  policyMigrations,
  registerCustomerReportRoutes,
  registerExportRoutes,
  registerMarkRoutes,
  registerPolicyRoutes,
  type CustomerReports,
  type MarkService,
  type PolicyService,
} from './remediation/index.js';
import {
  absentSweepJob,
  appMigrations,
  appTrimJob,
  createAppVersions,
  createInventory,
  inventoryMigrations,
  registerAppVersionRoutes,
  registerInventoryRoutes,
  registerPartisciRoutes,
  startUdpListener,
  type AppVersionService,
  type InventoryService,
  type UdpListener,
} from './inventory/index.js';
import {
  advisoryFeedsJob,
  advisoryMigrations,
  createAdvisories,
  createAdvisoryFeeds,
  registerAdvisoryFeedRoutes,
  registerAdvisoryRoutes,
  type AdvisoryFeedService,
  type AdvisoryService,
} from './advisories/index.js';

export const allMigrations: StewardMigration[] = [...coreMigrations, ...inventoryMigrations, ...appMigrations, ...advisoryMigrations, ...markMigrations, ...policyMigrations, ...generationMigrations];

/** Everything that shares one database: used by the server and by CLI commands that work on the database directly. */
export interface Steward {
  config: Config;
  logger: Logger;
  db: Db;
  events: EventBus;
  auth: AuthService;
  inventory: InventoryService;
  apps: AppVersionService;
  advisories: AdvisoryService;
  advisoryFeeds: AdvisoryFeedService;
  marks: MarkService;
  policies: PolicyService;
  customerReports: CustomerReports;
  exports: ExportService;
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
  const apps = createAppVersions(db, logger);
  const advisories = createAdvisories(db, inventory, events, logger);
  const advisoryFeeds = createAdvisoryFeeds(db, advisories, logger, { timeoutMs: config.advisoryFeedTimeoutMs, maxBytes: config.advisoryImportLimit, fileRoot: join(config.dataDir, 'feeds') });
  const close = async () => {
    // Updates still in memory are written, and reported hosts evaluated, before the database closes.
    await apps.collector?.stop();
    await advisories.settle();
    await db.close();
  };
  const { marks, policies, customerReports } = createRemediation(db, inventory, advisories);
  const exports = new ExportService(inventory, policies);
  return { config, logger, db, events, auth, inventory, apps, advisories, advisoryFeeds, marks, policies, customerReports, exports, close };
}

export interface RunningServer {
  steward: Steward;
  app?: App;
  routes: RouteInfo[];
  /** http://host:port when the api role runs. */
  url?: string;
  /** The UDP port of app version updates when the udp role runs. */
  udpPort?: number;
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
  let udp: UdpListener | undefined;

  if (config.roles.includes('udp')) udp = await startUdp(steward);
  if (config.roles.includes('api')) {
    ({ app, routes } = await buildApi(steward, version, () => udp?.port));
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address() as AddressInfo;
    url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    log.info({ url, database: steward.db.description, roles: config.roles }, 'steward listening');
  }
  if (config.roles.includes('worker')) {
    scheduler.start(absentSweepJob(steward.inventory, config.absentAfterMs, config.absentSweepMs));
    if (config.partisci.trimAfterMs > 0) scheduler.start(appTrimJob(steward.apps, config.partisci.trimAfterMs));
    scheduler.start(advisoryFeedsJob(steward.advisoryFeeds));
  }

  return {
    steward,
    app,
    routes,
    url,
    udpPort: udp?.port,
    firstAdmin,
    async close() {
      await app?.close();
      await udp?.stop();
      await scheduler.stop();
      await steward.close();
    },
  };
}

/** This process takes app version updates (HTTP or UDP): writes them in batches. */
async function startCollector(steward: Steward): Promise<AppVersionService> {
  const { partisci } = steward.config;
  if (!steward.apps.collector) {
    await steward.apps.startCollector({ flushMs: partisci.flushMs, touchMs: partisci.touchMs, reverseLookup: partisci.reverseLookup, forgetAfterMs: partisci.trimAfterMs || 86_400_000 });
  }
  return steward.apps;
}

async function startUdp(steward: Steward): Promise<UdpListener | undefined> {
  const { partisci } = steward.config;
  const log = steward.logger;
  const signed = partisci.auth === 'required';
  if (signed && partisci.hmacKeys.size === 0) {
    log.warn('partisci.auth is required but no partisci.hmacKeys are set: UDP updates cannot be signed, so the UDP listener does not start');
    return undefined;
  }
  const collector = (await startCollector(steward)).collector!;
  const listener = await startUdpListener(
    {
      host: partisci.host,
      port: partisci.port,
      maxDatagram: 4096,
      recvBufferSize: partisci.receiveBuffer,
      batchMs: 50,
      slotIdleMs: partisci.trimAfterMs || 86_400_000,
      hmacKeys: [...partisci.hmacKeys],
      signatureRequired: signed,
      reverseLookup: partisci.reverseLookup,
    },
    (batch) => void collector.acceptBatch(batch),
    log,
  );
  log.info({ udp: `${partisci.host}:${listener.port}`, signed, receiveBuffer: listener.receiveBuffer }, 'app version updates (Partisci UDP) listening');
  // Linux reports twice what it grants (the other half is its bookkeeping).
  if (listener.receiveBuffer / 2 < partisci.receiveBuffer) {
    log.warn(
      { asked: partisci.receiveBuffer, granted: listener.receiveBuffer / 2 },
      'the UDP receive buffer is smaller than partisci.receiveBuffer: raise net.core.rmem_max (sysctl) so that bursts of updates are not dropped',
    );
  }
  return listener;
}

/** The HTTP app with every module's routes, not yet listening (tests use `inject` on it). */
export async function buildApi(steward: Steward, appVersion = version, udpPort?: () => number | undefined): Promise<{ app: App; routes: RouteInfo[] }> {
  const { config } = steward;
  await startCollector(steward);
  const { app, routes } = await createHttpApp({ logger: steward.logger, auth: steward.auth, version: appVersion, webDir, cookieSecure: config.cookieSecure });
  registerHealthRoute(app, steward.db, appVersion, config.roles);
  registerAuthRoutes(app, steward.auth, { cookieSecure: config.cookieSecure, sessionTtlMs: config.sessionTtlMs });
  registerInventoryRoutes(app, steward.inventory, { reportBodyLimit: config.reportBodyLimit });
  registerAppVersionRoutes(app, steward.apps, steward.inventory);
  // Reports are built again only when a write (on any replica), a report contradicting a `patched` mark, or the
  // clock changed them.
  const reports = new AnswerCache(async () => (await Promise.all([readGenerations(steward.db.kysely), steward.marks.store.patchedHostsSeen()])).join('|'));
  registerAdvisoryRoutes(app, steward.advisories, config.advisoryImportLimit, reports);
  registerAdvisoryFeedRoutes(app, steward.advisoryFeeds);
  registerMarkRoutes(app, steward.marks);
  registerPolicyRoutes(app, steward.policies);
  registerExportRoutes(app, steward.exports);
  registerCustomerReportRoutes(app, steward.customerReports, reports);
  await registerPartisciRoutes(app, steward.apps, {
    anonymousUpdates: config.partisci.auth === 'none',
    hmacKeys: config.partisci.hmacKeys,
    danger: config.partisci.danger,
    udpPort,
  });
  await app.ready();
  return { app, routes };
}
