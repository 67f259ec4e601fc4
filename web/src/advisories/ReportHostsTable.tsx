import { useState } from 'react';
import { Link } from 'react-router-dom';
import { TagList } from '../inventory/TagList';
import { ExposedVersions } from './ExposedVersions';
import { NotRunningBadge } from './NotRunningBadge';
import type { ReportHost } from './types';

// An advisory can hit a thousand hosts: rows are added a page at a time, so opening a group stays instant.
const pageSize = 100;

/** The hosts an advisory hits now, each with its affected packages: installed → fixed. */
export function ReportHostsTable({ hosts }: { hosts: ReportHost[] }) {
  const [shown, setShown] = useState(pageSize);
  return (
    <>
      <div className="table-wrap">
        <table data-testid="report-hosts">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Release</th>
              <th scope="col">Tags</th>
              <th scope="col">Packages: installed → fixed</th>
            </tr>
          </thead>
          <tbody>
            {hosts.slice(0, shown).map((host) => (
              <tr key={host.id} data-testid="report-host">
                <th scope="row">
                  <Link to={`/hosts/${host.id}?tab=exposures`}>{host.name}</Link>
                </th>
                <td>{host.release ?? '—'}</td>
                <td>
                  <TagList tags={host.tags} />
                </td>
                <td>
                  <ul className="exposed-packages">
                    {host.packages.map((p) => (
                      <li key={`${p.package}:${p.arch}`} data-testid="report-package">
                        {p.package} <span className="muted">{p.arch}</span> <ExposedVersions exposure={p} /> <NotRunningBadge notRunning={p.notRunning} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hosts.length > shown && (
        <button type="button" className="show-more" onClick={() => setShown(shown + pageSize)}>
          Show {Math.min(pageSize, hosts.length - shown)} more of {hosts.length - shown} remaining
        </button>
      )}
    </>
  );
}
