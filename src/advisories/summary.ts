// An advisory as lists, pages and reports show it.
import type { Selectable } from 'kysely';
import type { AdvisoriesTable } from './schema.js';

/** The columns a summary reads: reports of many advisories read these, not the descriptions. */
export const summaryColumns = ['id', 'advisory_id', 'source', 'title', 'issued', 'severity', 'local_rating', 'rated_by', 'rated_at', 'withdrawn_at'] as const;

export function summaryOf(r: Pick<Selectable<AdvisoriesTable>, (typeof summaryColumns)[number]>, cves: string[]) {
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
