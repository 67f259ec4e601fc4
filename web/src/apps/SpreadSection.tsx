import { useState } from 'react';
import { ErrorMessage } from '../core/ErrorMessage';
import { SelectFilter } from '../core/SelectFilter';
import { useApi } from '../core/useApi';
import { SpreadChart } from './SpreadChart';
import { SpreadNumbers } from './SpreadNumbers';
import { type ChosenRange, chooseRange, spreadApiPath, spreadRanges } from './spreadRange';
import { describeSpread, spreadSeries } from './spreadSeries';
import type { Spread } from './types';

export function SpreadSection({ appId, appName }: { appId: string; appName: string }) {
  const [range, setRange] = useState<ChosenRange>({ value: '' });
  const spread = useApi<Spread>(spreadApiPath(appId, range));
  const series = spread.data ? spreadSeries(spread.data) : [];

  return (
    <section aria-labelledby="spread-heading" data-testid="spread">
      <div className="section-head">
        <h2 id="spread-heading">Versions over time</h2>
        <SelectFilter label="Range" anyLabel="All time" options={spreadRanges} value={range.value} onChange={(value) => setRange(chooseRange(value))} testId="spread-range" />
      </div>
      <ErrorMessage error={spread.error} />
      {!spread.data && spread.loading && <p className="muted">Loading the chart…</p>}
      {spread.data?.versions.length === 0 && <p className="empty">No host ran {appName} in this range.</p>}
      {spread.data && spread.data.versions.length > 0 && (
        <div className={spread.loading ? 'busy' : undefined} aria-busy={spread.loading}>
          <SpreadChart points={spread.data.points} series={series} label={describeSpread(appName, spread.data, series)} />
          <SpreadNumbers points={spread.data.points} series={series} />
        </div>
      )}
    </section>
  );
}
