// The hosts list keeps its whole state in the URL query string, so a filtered view can be bookmarked and shared
// and the back button steps through earlier views.
import { withQuery } from '../core/api';

export const hostSortFields = ['name', 'customer', 'release', 'lastSeen', 'packageCount'] as const;
export type HostSortField = (typeof hostSortFields)[number];
export type SortOrder = 'asc' | 'desc';

export const hostsPageSize = 50;

export interface HostQuery {
  q: string;
  customer: string;
  tag: string;
  release: string;
  present: '' | 'true' | 'false';
  sort: HostSortField;
  order: SortOrder;
  offset: number;
}

/** Newest and biggest first reads better; names sort A to Z. */
export const defaultOrder = (field: HostSortField): SortOrder =>
  field === 'lastSeen' || field === 'packageCount' ? 'desc' : 'asc';

const defaultSort: HostSortField = 'name';

export function readHostQuery(params: URLSearchParams): HostQuery {
  const sortParam = params.get('sort');
  const sort = hostSortFields.find((f) => f === sortParam) ?? defaultSort;
  const present = params.get('present');
  const offset = Number(params.get('offset'));
  return {
    q: params.get('q') ?? '',
    customer: params.get('customer') ?? '',
    tag: params.get('tag') ?? '',
    release: params.get('release') ?? '',
    present: present === 'true' || present === 'false' ? present : '',
    sort,
    order: params.get('order') === 'desc' ? 'desc' : params.get('order') === 'asc' ? 'asc' : defaultOrder(sort),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The URL form: defaults are left out so a plain /hosts stays plain. */
export function hostQueryParams(query: HostQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'customer', 'tag', 'release', 'present'] as const) {
    if (query[key]) params.set(key, query[key]);
  }
  if (query.sort !== defaultSort || query.order !== defaultOrder(query.sort)) {
    params.set('sort', query.sort);
    params.set('order', query.order);
  }
  if (query.offset > 0) params.set('offset', String(query.offset));
  return params;
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
