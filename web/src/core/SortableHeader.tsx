import type { SortOrder } from './sortQuery';

interface Props<F extends string> {
  label: string;
  field: F;
  sort: F;
  order: SortOrder;
  onSort: (field: F, order: SortOrder) => void;
  /** The order a column sorts in when it is first chosen. */
  defaultOrder: (field: F) => SortOrder;
  className?: string;
}

export function SortableHeader<F extends string>({ label, field, sort, order, onSort, defaultOrder, className }: Props<F>) {
  const active = field === sort;
  const next: SortOrder = active ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(field);
  return (
    <th scope="col" className={className} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort" onClick={() => onSort(field, next)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
        </span>
      </button>
    </th>
  );
}
