import { SortableHeader } from '../core/SortableHeader';
import type { SortOrder } from '../core/sortQuery';
import { Timestamp } from '../core/Timestamp';
import { type RecordQuery, type RecordSortField, recordSorting } from './recordQuery';
import { RecordHost } from './RecordHost';
import type { AppRecord } from './types';

interface Props {
  records: AppRecord[];
  query: RecordQuery;
  busy: boolean;
  onSort: (field: RecordSortField, order: SortOrder) => void;
}

export function AppRecordsTable({ records, query, busy, onSort }: Props) {
  const sortProps = { sort: query.sort, order: query.order, onSort, defaultOrder: recordSorting.defaultOrder };
  return (
    <div className="table-wrap">
      <table data-testid="records-table" aria-busy={busy} className={busy ? 'busy' : undefined}>
        <thead>
          <tr>
            <SortableHeader label="Host" field="host" {...sortProps} />
            <SortableHeader label="Instance" field="instance" className="num" {...sortProps} />
            <SortableHeader label="Version" field="ver" {...sortProps} />
            <SortableHeader label="Version since" field="versionSince" {...sortProps} />
            <SortableHeader label="Last seen" field="lastSeen" {...sortProps} />
            <th scope="col">Host IP</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={`${r.host}\n${r.instance}`} data-testid="record-row">
              <th scope="row">
                <RecordHost host={r.host} hostId={r.hostId} />
              </th>
              <td className="num">{r.instance}</td>
              <td className="mono">{r.ver}</td>
              <td>
                <Timestamp iso={r.versionSince} />
              </td>
              <td>
                <Timestamp iso={r.lastSeen} />
              </td>
              <td className="mono">{r.hostIp}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
