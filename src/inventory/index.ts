// The inventory module's door: what the server, the CLI and other modules may use.
import type { Db } from '../core/db/database.js';
import type { EventBus } from '../core/events.js';
import type { JobDefinition } from '../core/jobs.js';
import type { Logger } from '../core/logger.js';
import { InventoryService } from './service.js';
import { InventoryStore } from './store.js';
import { AppVersionService } from './apps/service.js';
import { AppStore } from './apps/store.js';

export { inventoryMigrations } from './schema.js';
export { registerInventoryRoutes } from './routes.js';
export { importHosts } from './host-import.js';
export { InventoryService } from './service.js';
export type { HostSummary, HostDetail, IngestResult } from './service.js';
export type { HostReport, HostIdentity, ReportedPackage } from './report.js';
export { collectLocalReport } from './agent/collect.js';
export { defaultStatePath, sendReport } from './agent/send.js';
export { parseReportBody } from './report-body.js';
export { appMigrations } from './apps/schema.js';
export { AppVersionService } from './apps/service.js';
export { registerAppVersionRoutes } from './apps/routes.js';
export { registerPartisciRoutes } from './apps/partisci-routes.js';
export { startUdpListener, type UdpListener } from './apps/udp-listener.js';
export { recordSortColumns, type RecordFilter, type RecordRow, type RecordSort } from './apps/store.js';
export { defaultUdpPort, sendHttp, sendUdp, type HmacKey, type VersionUpdate } from './apps/client.js';
import './events.js';

export function createInventory(db: Db, events: EventBus): InventoryService {
  return new InventoryService(new InventoryStore(db), events);
}

export function absentSweepJob(inventory: InventoryService, absentAfterMs: number, everyMs: number): JobDefinition {
  return { name: 'inventory.absent-sweep', everyMs, run: async () => void (await inventory.markAbsent(absentAfterMs)) };
}

export function createAppVersions(db: Db, logger: Logger): AppVersionService {
  return new AppVersionService(new AppStore(db), logger);
}

export function appTrimJob(apps: AppVersionService, trimAfterMs: number): JobDefinition {
  return { name: 'apps.trim', everyMs: Math.min(60_000, trimAfterMs), run: async () => void (await apps.trim(trimAfterMs)) };
}
