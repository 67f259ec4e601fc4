import { Link } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { Timestamp } from '../core/Timestamp';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import { ReportingHowTo } from './ReportingHowTo';
import type { AppRecord } from './types';

/** The host page's tab: the apps running on one inventory host, as they reported themselves. */
export function HostApps({ hostId }: { hostId: number }) {
  const user = useUser();
  const records = useApi<Page<AppRecord>>(`/hosts/${hostId}/apps`);

  return (
    <div data-testid="host-apps">
      <ErrorMessage error={records.error} />
      {records.data?.total === 0 && (
        <div className="empty">
          <p>No app on this host has reported its version.</p>
          {user.role !== 'customer' && <ReportingHowTo />}
        </div>
      )}
      {records.data && records.data.total > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Version</th>
                <th scope="col" className="num">
                  Instance
                </th>
                <th scope="col">Version since</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {records.data.items.map((r) => (
                <tr key={`${r.appId}\n${r.host}\n${r.instance}`} data-testid="host-app-row">
                  <th scope="row">
                    <Link to={`/apps/${encodeURIComponent(r.appId)}`}>{r.app}</Link>
                  </th>
                  <td className="mono">{r.ver}</td>
                  <td className="num">{r.instance}</td>
                  <td>
                    <Timestamp iso={r.versionSince} />
                  </td>
                  <td>
                    <Timestamp iso={r.lastSeen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!records.data && records.loading && <p className="muted">Loading apps…</p>}
    </div>
  );
}
