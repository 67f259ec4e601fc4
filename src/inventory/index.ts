// The inventory module's door: what the server, the CLI and other modules may use.
import type { Db } from '../core/db/database.js';
import type { EventBus } from '../core/events.js';
import type { JobDefinition } from '../core/jobs.js';
import { InventoryService } from './service.js';
import { InventoryStore } from './store.js';

export { inventoryMigrations } from './schema.js';
export { registerInventoryRoutes } from './routes.js';
export { importHosts } from './host-import.js';
export { InventoryService } from './service.js';
export type { HostSummary, HostDetail, IngestResult } from './service.js';
export type { HostReport, HostIdentity, ReportedPackage } from './report.js';
export { collectLocalReport } from './agent/collect.js';
export { defaultStatePath, sendReport } from './agent/send.js';
export { parseReportBody } from './report-body.js';
import './events.js';

export function createInventory(db: Db, events: EventBus): InventoryService {
  return new InventoryService(new InventoryStore(db), events);
}

export function absentSweepJob(inventory: InventoryService, absentAfterMs: number, everyMs: number): JobDefinition {
  return { name: 'inventory.absent-sweep', everyMs, run: async () => void (await inventory.markAbsent(absentAfterMs)) };
}
