import { Link } from 'react-router-dom';
import { advisoryPath } from './advisoryPath';
import { AdvisorySeverity } from './AdvisorySeverity';
import { CveList } from './CveList';
import { issuedDate } from './issuedDate';
import type { AdvisoryListItem } from './types';
import { WithdrawnBadge } from './WithdrawnBadge';

/** At most this many package names in a row; the advisory's page lists them all. */
const shownPackages = 4;

export function AdvisoriesTable({ advisories, busy }: { advisories: AdvisoryListItem[]; busy: boolean }) {
  return (
    <div className="table-wrap">
      <table data-testid="advisories-table" aria-busy={busy} className={busy ? 'busy' : undefined}>
        <thead>
          <tr>
            <th scope="col">Advisory</th>
            <th scope="col">Title</th>
            <th scope="col">Issued</th>
            <th scope="col">Severity</th>
            <th scope="col">Covers</th>
            <th scope="col">CVEs</th>
          </tr>
        </thead>
        <tbody>
          {advisories.map((a) => (
            <tr key={a.id} className={a.withdrawn ? 'inactive' : undefined} data-testid="advisory-row">
              <th scope="row" className="nowrap">
                <Link to={advisoryPath(a.id)}>{a.id}</Link> <WithdrawnBadge withdrawn={a.withdrawn} />
              </th>
              <td>{a.title}</td>
              <td className="nowrap">{issuedDate(a.issued)}</td>
              <td>
                <AdvisorySeverity severity={a.severity} localRating={a.localRating} />
              </td>
              <td data-testid="advisory-covers">
                <span className="mono">{a.covers.packages.slice(0, shownPackages).join(', ')}</span>
                {a.covers.packages.length > shownPackages && <span className="muted"> +{a.covers.packages.length - shownPackages} more</span>}
                <div className="muted">{a.covers.releases.join(', ')}</div>
              </td>
              <td>
                <CveList cves={a.cves} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
