import { defaultOrder, type HostSortField, type SortOrder } from './hostQuery';

interface Props {
  label: string;
  field: HostSortField;
  sort: HostSortField;
  order: SortOrder;
  onSort: (field: HostSortField, order: SortOrder) => void;
  className?: string;
}

export function SortableHeader({ label, field, sort, order, onSort, className }: Props) {
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
