import { utcTime } from '../core/time';
import type { Series } from './spreadSeries';
import type { SpreadPoint } from './types';

/** The chart as a table, for screen readers and for anyone who wants the exact counts. */
export function SpreadNumbers({ points, series }: { points: SpreadPoint[]; series: Series[] }) {
  return (
    <details className="spread-numbers">
      <summary>Show the numbers</summary>
      <div className="table-wrap">
        <table data-testid="spread-numbers">
          <caption className="visually-hidden">Hosts running each version at the end of each interval</caption>
          <thead>
            <tr>
              <th scope="col">End of interval</th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="num mono">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((point, i) => (
              <tr key={point.at}>
                <th scope="row">
                  <time dateTime={point.at}>{utcTime(point.at)}</time>
                </th>
                {series.map((s) => (
                  <td key={s.label} className="num">
                    {s.values[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
