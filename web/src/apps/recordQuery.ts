// The records table of an app page keeps its filters, sort and page in the URL, so the versions table can link
// to "the records of this version" and a filtered view can be shared.
import { withQuery } from '../core/api';
import { descendingFirst, readSortedPage, type SortedPage, type Sorting, writeSortedPage } from '../core/sortQuery';

export const recordSortFields = ['host', 'instance', 'ver', 'versionSince', 'lastSeen'] as const;
export type RecordSortField = (typeof recordSortFields)[number];

export const recordsPageSize = 50;

export const recordSorting: Sorting<RecordSortField> = {
  fields: recordSortFields,
  defaultSort: 'host',
  defaultOrder: descendingFirst<RecordSortField>(['versionSince', 'lastSeen']),
};

export interface RecordQuery extends SortedPage<RecordSortField> {
  /** Text in the host name or version. */
  q: string;
  /** Exactly this version. */
  ver: string;
}

export const readRecordQuery = (params: URLSearchParams): RecordQuery => ({
  q: params.get('q') ?? '',
  ver: params.get('ver') ?? '',
  ...readSortedPage(params, recordSorting),
});

export function recordQueryParams(query: RecordQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.ver) params.set('ver', query.ver);
  return writeSortedPage(params, query, recordSorting);
}

export const hasRecordFilters = (query: RecordQuery): boolean => Boolean(query.q.trim() || query.ver);

const apiFilter = (appId: string, query: RecordQuery) => ({ appId, q: query.q.trim(), ver: query.ver, sort: query.sort, order: query.order });

export const recordsApiPath = (appId: string, query: RecordQuery): string =>
  withQuery('/app-versions', { ...apiFilter(appId, query), limit: recordsPageSize, offset: query.offset });

export const recordsCsvPath = (appId: string, query: RecordQuery): string => withQuery('/app-versions', { ...apiFilter(appId, query), format: 'csv' });

/** The search part of a link to the records of one version. */
export const versionRecordsSearch = (ver: string): string => `?${recordQueryParams({ ...readRecordQuery(new URLSearchParams()), ver })}`;
