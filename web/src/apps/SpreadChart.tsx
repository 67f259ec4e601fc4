import { Timestamp } from '../core/Timestamp';
import type { Series } from './spreadSeries';
import type { SpreadPoint } from './types';

interface Props {
  points: SpreadPoint[];
  series: Series[];
  label: string;
}

/**
 * Stacked bars, one per interval, in a viewBox of one unit per interval and per host: the SVG stretches to any
 * width without arithmetic, and the labels sit outside it in HTML so that they do not stretch with it.
 */
export function SpreadChart({ points, series, label }: Props) {
  const totals = points.map((_, i) => series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const top = Math.max(1, ...totals);
  return (
    <figure className="chart">
      <div className="chart-scale muted" aria-hidden="true">
        {top} {top === 1 ? 'host' : 'hosts'}
      </div>
      <svg role="img" aria-label={label} viewBox={`0 0 ${points.length} ${top}`} preserveAspectRatio="none" data-testid="spread-chart">
        {points.map((point, i) => {
          let base = top;
          return series.map((s) => {
            const hosts = s.values[i] ?? 0;
            if (hosts === 0) return null;
            base -= hosts;
            return (
              <rect key={`${point.at} ${s.label}`} x={i + 0.1} y={base} width={0.8} height={hosts} fill={s.colour}>
                <title>{`${s.label}: ${hosts} ${hosts === 1 ? 'host' : 'hosts'}`}</title>
              </rect>
            );
          });
        })}
      </svg>
      <div className="chart-axis muted" aria-hidden="true">
        {points.length > 0 && <Timestamp iso={points[0]!.at} />}
        {points.length > 1 && <Timestamp iso={points[points.length - 1]!.at} />}
      </div>
      <ul className="legend" aria-label="Versions">
        {series.map((s) => (
          <li key={s.label}>
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" /> <span className="mono">{s.label}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
