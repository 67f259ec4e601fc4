// The scheduled job of the worker role: every minute, it fetches the feeds whose interval has passed. Its lease makes
// one replica look at a time; a fetch marks its feed attempted first, so a long one is not started twice.
import type { JobDefinition } from '../../core/jobs.js';
import type { AdvisoryFeedService } from './service.js';

export const advisoryFeedsJob = (feeds: AdvisoryFeedService): JobDefinition => ({ name: 'advisories.feeds', everyMs: 60_000, run: () => feeds.fetchDue() });
