// The advisories module's door: what the server, the CLI and other modules may use.
import type { Db } from '../core/db/database.js';
import type { EventBus } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { InventoryService } from '../inventory/index.js';
import { AdvisoryService } from './service.js';
import { AdvisoryStore } from './store.js';
import { AdvisoryFeedService, type FeedOptions } from './feeds/service.js';
import { FeedStore } from './feeds/store.js';

export { advisoryMigrations } from './schema.js';
export { registerAdvisoryRoutes } from './routes.js';
export { detectFormat, feedFormats, type FeedFormat } from './importers/index.js';
export { AdvisoryService } from './service.js';
export type { ImportSummary, EvaluationSummary } from './service.js';
export type { AdvisoryReports, Classification, ClassifyInput, Classifier, HostStatus, CustomerReportHost } from './reports.js';
export type { AdvisorySummary } from './summary.js';
export { compareVersions, parseVersion, isValidVersion, InvalidVersionError } from './version.js';
export type { ParsedAdvisory, ParsedFeed, AdvisoryPackage, FixState } from './model.js';
export { FeedFormatError } from './model.js';
export { normalizeRelease } from './releases.js';
export { AdvisoryFeedService, type FeedView, type FetchResult } from './feeds/service.js';
export { registerAdvisoryFeedRoutes } from './feeds/routes.js';
export { advisoryFeedsJob } from './feeds/job.js';
export { readFeed, isFeedUrl, FeedReadError, type FeedRead } from './feeds/read.js';
export { parseFeedDocuments, feedFormatChoices, isFeedFormatChoice, type FeedFormatChoice } from './feeds/parse.js';
export { scanPackages, scanJson, type ScanReport, type ScanExposure } from './scan.js';

/** The service, listening to the inventory: a report evaluates its host, absent hosts close their exposures. */
export function createAdvisories(db: Db, inventory: InventoryService, events: EventBus, logger: Logger): AdvisoryService {
  const advisories = new AdvisoryService(new AdvisoryStore(db), inventory, logger);
  events.on('inventory.hostReported', ({ hostId }) => advisories.hostReported(hostId));
  events.on('inventory.hostsAbsent', async ({ hostIds }) => void (await advisories.hostsAbsent(hostIds)));
  return advisories;
}

/** The configured feeds, imported through the advisory service. */
export function createAdvisoryFeeds(db: Db, advisories: AdvisoryService, logger: Logger, options: FeedOptions): AdvisoryFeedService {
  return new AdvisoryFeedService(new FeedStore(db), advisories, logger, options);
}
