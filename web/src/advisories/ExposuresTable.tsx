import { Link } from 'react-router-dom';
import { advisoryPath } from './advisoryPath';
import { ExposedVersions } from './ExposedVersions';
import { RatingBadge } from './RatingBadge';
import type { HostExposure } from './types';

const stateLabels = { 'fixed-available': 'fix available', unfixed: 'no fix yet' };

/** Exposures one advisory after the other (the server sends them in advisory order): one row group per advisory. */
function byAdvisory(exposures: HostExposure[]): HostExposure[][] {
  const groups = new Map<string, HostExposure[]>();
  for (const e of exposures) groups.set(e.advisory, [...(groups.get(e.advisory) ?? []), e]);
  return [...groups.values()];
}

export function ExposuresTable({ exposures, testId }: { exposures: HostExposure[]; testId: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Advisory</th>
            <th scope="col">Rating</th>
            <th scope="col">Package</th>
            <th scope="col">Installed → fixed</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        {byAdvisory(exposures).map((group) => {
          const first = group[0]!;
          const rating = first.localRating ?? first.severity;
          return (
            <tbody key={first.advisory} data-testid="exposure-group">
              {group.map((e, i) => (
                <tr key={e.id} data-testid="exposure">
                  {i === 0 && (
                    <>
                      <th scope="rowgroup" rowSpan={group.length}>
                        <Link to={advisoryPath(e.advisory)}>{e.advisory}</Link>
                        <div className="muted">{e.title}</div>
                      </th>
                      <td rowSpan={group.length}>
                        {rating ? <RatingBadge rating={rating} title={e.localRating ? 'Local rating' : "Severity given by the advisory's feed"} /> : <span className="muted">unrated</span>}
                      </td>
                    </>
                  )}
                  <td>
                    {e.package} <span className="muted">{e.arch}</span>
                  </td>
                  <td>
                    <ExposedVersions exposure={e} />
                  </td>
                  <td className={e.state === 'unfixed' ? 'state-unfixed' : undefined}>{stateLabels[e.state]}</td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
