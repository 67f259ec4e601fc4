// The hosts list keeps its whole state in the URL query string, so a filtered view can be bookmarked and shared
// and the back button steps through earlier views.
import { withQuery } from '../core/api';
import { descendingFirst, readSortedPage, type SortedPage, type Sorting, writeSortedPage } from '../core/sortQuery';

export const hostSortFields = ['name', 'customer', 'release', 'lastSeen', 'packageCount'] as const;
export type HostSortField = (typeof hostSortFields)[number];

export const hostsPageSize = 50;

export const hostSorting: Sorting<HostSortField> = {
  fields: hostSortFields,
  defaultSort: 'name',
  defaultOrder: descendingFirst<HostSortField>(['lastSeen', 'packageCount']),
};

export interface HostQuery extends SortedPage<HostSortField> {
  q: string;
  customer: string;
  tag: string;
  release: string;
  present: '' | 'true' | 'false';
}

export function readHostQuery(params: URLSearchParams): HostQuery {
  const present = params.get('present');
  return {
    q: params.get('q') ?? '',
    customer: params.get('customer') ?? '',
    tag: params.get('tag') ?? '',
    release: params.get('release') ?? '',
    present: present === 'true' || present === 'false' ? present : '',
    ...readSortedPage(params, hostSorting),
  };
}

/** The URL form: defaults are left out so a plain /hosts stays plain. */
export function hostQueryParams(query: HostQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'customer', 'tag', 'release', 'present'] as const) {
    if (query[key]) params.set(key, query[key]);
  }
  return writeSortedPage(params, query, hostSorting);
}

/** The API form: sort and order are always sent, so the table's sort arrows never depend on the server's default. */
export const hostsApiPath = (query: HostQuery): string =>
  withQuery('/hosts', {
    q: query.q.trim(),
    customer: query.customer,
    tag: query.tag,
    release: query.release,
    present: query.present,
    sort: query.sort,
    order: query.order,
    limit: hostsPageSize,
    offset: query.offset,
  });

export const hasFilters = (query: HostQuery): boolean =>
  Boolean(query.q.trim() || query.customer || query.tag || query.release || query.present);
