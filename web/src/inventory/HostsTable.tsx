import { Link } from 'react-router-dom';
import { SortableHeader } from '../core/SortableHeader';
import type { SortOrder } from '../core/sortQuery';
import { Timestamp } from '../core/Timestamp';
import { type HostQuery, type HostSortField, hostSorting } from './hostQuery';
import { osName } from './osName';
import { PresenceBadge } from './PresenceBadge';
import { TagList } from './TagList';
import type { HostSummary } from './types';

interface Props {
  hosts: HostSummary[];
  query: HostQuery;
  showCustomer: boolean;
  busy: boolean;
  onSort: (field: HostSortField, order: SortOrder) => void;
}

export function HostsTable({ hosts, query, showCustomer, busy, onSort }: Props) {
  const sortProps = { sort: query.sort, order: query.order, onSort, defaultOrder: hostSorting.defaultOrder };
  return (
    <div className="table-wrap">
      <table data-testid="hosts-table" aria-busy={busy} className={busy ? 'busy' : undefined}>
        <thead>
          <tr>
            <SortableHeader label="Name" field="name" {...sortProps} />
            {showCustomer && <SortableHeader label="Customer" field="customer" {...sortProps} />}
            <th scope="col">Tags</th>
            <SortableHeader label="Release" field="release" {...sortProps} />
            <th scope="col">Kernel</th>
            <SortableHeader label="Packages" field="packageCount" className="num" {...sortProps} />
            <SortableHeader label="Last seen" field="lastSeen" {...sortProps} />
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <tr key={host.id} className={host.present ? undefined : 'inactive'} data-testid="host-row">
              <th scope="row">
                <Link to={`/hosts/${host.id}`}>{host.name}</Link> <PresenceBadge present={host.present} />
              </th>
              {showCustomer && <td>{host.customer?.name ?? <span className="muted">—</span>}</td>}
              <td>
                <TagList tags={host.tags} />
              </td>
              <td>{osName(host)}</td>
              <td className="mono">{host.kernel ?? '—'}</td>
              <td className="num">{host.packageCount}</td>
              <td>
                <Timestamp iso={host.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
