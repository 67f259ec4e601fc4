// The advisory list keeps its search, filters and page in the URL, like the hosts list: a view can be bookmarked
// and shared, and Back steps through earlier ones.
import { withQuery } from '../core/api';
import { readOffset, writeOffset } from '../core/sortQuery';

export const advisoriesPageSize = 50;

export interface AdvisoriesQuery {
  /** Text in ids, CVEs, package names and titles. */
  q: string;
  release: string;
  source: '' | 'debian' | 'ubuntu';
  /** Only advisories with open exposures (always so for customer users, whatever this says). */
  affecting: boolean;
  offset: number;
}

const filterKeys = ['q', 'release', 'source'] as const;

export function readAdvisoriesQuery(params: URLSearchParams): AdvisoriesQuery {
  const source = params.get('source');
  return {
    q: params.get('q') ?? '',
    release: params.get('release') ?? '',
    source: source === 'debian' || source === 'ubuntu' ? source : '',
    affecting: params.get('affecting') === 'true',
    offset: readOffset(params),
  };
}

export function advisoriesQueryParams(query: AdvisoriesQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) if (query[key]) params.set(key, query[key]);
  if (query.affecting) params.set('affecting', 'true');
  return writeOffset(params, query.offset);
}

export const advisoriesApiPath = (query: AdvisoriesQuery): string =>
  withQuery('/advisories', {
    q: query.q.trim(),
    release: query.release,
    source: query.source,
    affecting: query.affecting || undefined,
    limit: advisoriesPageSize,
    offset: query.offset,
  });

export const hasAdvisoryFilters = (query: AdvisoriesQuery): boolean => Boolean(query.q.trim() || query.release || query.source || query.affecting);
