// Sorted, paged lists keep their sort, order and page in the URL query string, so a view can be bookmarked and
// shared and Back steps through earlier views. Defaults are left out so a plain address stays plain.
export type SortOrder = 'asc' | 'desc';

/** How a list sorts: its sortable fields, the one it starts with, and the order each field starts in when chosen. */
export interface Sorting<F extends string> {
  fields: readonly F[];
  defaultSort: F;
  defaultOrder: (field: F) => SortOrder;
}

export interface SortedPage<F extends string> {
  sort: F;
  order: SortOrder;
  offset: number;
}

/** Newest and biggest first read better; names sort A to Z. */
export const descendingFirst =
  <F extends string>(descending: readonly F[]) =>
  (field: F): SortOrder =>
    descending.includes(field) ? 'desc' : 'asc';

export function readSortedPage<F extends string>(params: URLSearchParams, sorting: Sorting<F>): SortedPage<F> {
  const sortParam = params.get('sort');
  const sort = sorting.fields.find((f) => f === sortParam) ?? sorting.defaultSort;
  const order = params.get('order');
  return {
    sort,
    order: order === 'asc' || order === 'desc' ? order : sorting.defaultOrder(sort),
    offset: readOffset(params),
  };
}

/** The page's first row, for lists that page without sorting; anything but a positive integer is the first page. */
export function readOffset(params: URLSearchParams): number {
  const offset = Number(params.get('offset'));
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}

export function writeOffset(params: URLSearchParams, offset: number): URLSearchParams {
  if (offset > 0) params.set('offset', String(offset));
  return params;
}

/** Adds the non-default sort, order and page to `params`. */
export function writeSortedPage<F extends string>(params: URLSearchParams, page: SortedPage<F>, sorting: Sorting<F>): URLSearchParams {
  if (page.sort !== sorting.defaultSort || page.order !== sorting.defaultOrder(page.sort)) {
    params.set('sort', page.sort);
    params.set('order', page.order);
  }
  return writeOffset(params, page.offset);
}
