// An advisory as lists, pages and reports show it.
import type { Selectable } from 'kysely';
import type { AdvisoriesTable } from './schema.js';

export function summaryOf(r: Selectable<AdvisoriesTable>, cves: string[]) {
  return {
    id: r.advisory_id,
    source: r.source,
    title: r.title,
    issued: r.issued,
    severity: r.severity,
    localRating: r.local_rating === null ? null : { rating: r.local_rating, by: r.rated_by, at: r.rated_at },
    withdrawn: r.withdrawn_at !== null,
    cves,
  };
}

export type AdvisorySummary = ReturnType<typeof summaryOf>;
