// The apps list keeps its state in the URL, like the hosts list.
import { withQuery } from '../core/api';
import { descendingFirst, readSortedPage, type SortedPage, type Sorting, writeSortedPage } from '../core/sortQuery';

export const appSortFields = ['app', 'hostCount', 'recordCount', 'lastSeen'] as const;
export type AppSortField = (typeof appSortFields)[number];

export const appsPageSize = 50;

export const appSorting: Sorting<AppSortField> = {
  fields: appSortFields,
  defaultSort: 'app',
  defaultOrder: descendingFirst<AppSortField>(['hostCount', 'recordCount', 'lastSeen']),
};

export interface AppsQuery extends SortedPage<AppSortField> {
  q: string;
}

export const readAppsQuery = (params: URLSearchParams): AppsQuery => ({ q: params.get('q') ?? '', ...readSortedPage(params, appSorting) });

export function appsQueryParams(query: AppsQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  return writeSortedPage(params, query, appSorting);
}

const apiFilter = (query: AppsQuery) => ({ q: query.q.trim(), sort: query.sort, order: query.order });

export const appsApiPath = (query: AppsQuery): string => withQuery('/apps', { ...apiFilter(query), limit: appsPageSize, offset: query.offset });

/** The whole list as shown, every page of it. */
export const appsCsvPath = (query: AppsQuery): string => withQuery('/apps', { ...apiFilter(query), format: 'csv' });
