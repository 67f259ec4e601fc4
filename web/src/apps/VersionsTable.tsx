import { Link } from 'react-router-dom';
import { Timestamp } from '../core/Timestamp';
import { versionRecordsSearch } from './recordQuery';
import type { AppSummary } from './types';

export function VersionsTable({ app }: { app: AppSummary }) {
  return (
    <div className="table-wrap">
      <table data-testid="versions-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col" className="num">
              Hosts
            </th>
            <th scope="col" className="num">
              Records
            </th>
            <th scope="col">Share of hosts</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {app.versions.map((v) => {
            // A host running two instances of different versions counts for both, so shares can add up past 100 %.
            const share = Math.round((100 * v.hostCount) / Math.max(1, app.hostCount));
            return (
              <tr key={v.ver} data-testid="version-row">
                <th scope="row" className="mono">
                  <Link to={{ search: versionRecordsSearch(v.ver), hash: 'records' }} title={`The records of ${v.ver}`}>
                    {v.ver}
                  </Link>
                </th>
                <td className="num">{v.hostCount}</td>
                <td className="num">{v.recordCount}</td>
                <td>
                  <span className="share">
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${share}%` }} />
                    </span>
                    {share} %
                  </span>
                </td>
                <td>
                  <Timestamp iso={v.lastSeen} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
