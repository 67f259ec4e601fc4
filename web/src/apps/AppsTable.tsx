import { Link } from 'react-router-dom';
import { SortableHeader } from '../core/SortableHeader';
import type { SortOrder } from '../core/sortQuery';
import { Timestamp } from '../core/Timestamp';
import { type AppSortField, appSorting, type AppsQuery } from './appsQuery';
import type { AppSummary } from './types';
import { VersionList } from './VersionList';

interface Props {
  apps: AppSummary[];
  query: AppsQuery;
  busy: boolean;
  onSort: (field: AppSortField, order: SortOrder) => void;
}

export function AppsTable({ apps, query, busy, onSort }: Props) {
  const sortProps = { sort: query.sort, order: query.order, onSort, defaultOrder: appSorting.defaultOrder };
  return (
    <div className="table-wrap">
      <table data-testid="apps-table" aria-busy={busy} className={busy ? 'busy' : undefined}>
        <thead>
          <tr>
            <SortableHeader label="App" field="app" {...sortProps} />
            <th scope="col">Versions (on hosts)</th>
            <SortableHeader label="Hosts" field="hostCount" className="num" {...sortProps} />
            <SortableHeader label="Records" field="recordCount" className="num" {...sortProps} />
            <SortableHeader label="Last seen" field="lastSeen" {...sortProps} />
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <tr key={app.appId} data-testid="app-row">
              <th scope="row">
                <Link to={`/apps/${encodeURIComponent(app.appId)}`}>{app.app}</Link>
                {app.app !== app.appId && <div className="mono muted">{app.appId}</div>}
              </th>
              <td>
                <VersionList versions={app.versions} />
              </td>
              <td className="num">{app.hostCount}</td>
              <td className="num">{app.recordCount}</td>
              <td>
                <Timestamp iso={app.lastSeen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
