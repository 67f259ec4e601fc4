import { CsvDownloadLink } from '../core/CsvDownloadLink';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { ReportCustomer } from './ReportCustomer';
import { reportSummary } from './reportSummary';
import type { AdvisoryReport } from './types';

// Up to this many hosts affected now, every customer group opens at once; beyond, each opens on demand.
const openAllUpTo = 50;

/** Which hosts an advisory hits now, per customer and patching policy, and how much of it was remediated. */
export function AdvisoryReportSection({ advisoryId }: { advisoryId: string }) {
  const path = `/advisories/${encodeURIComponent(advisoryId)}/report`;
  const report = useApi<AdvisoryReport>(path);
  const data = report.data;

  return (
    <section aria-labelledby="report-heading" data-testid="advisory-report">
      <div className="section-head">
        <h2 id="report-heading">Affected hosts</h2>
        {data && data.affectedNow > 0 && <CsvDownloadLink path={`${path}?format=csv`} label="Download the hosts still affected (CSV)" testId="report-csv" />}
      </div>
      <ErrorMessage error={report.error} />
      {!data && report.loading && <p className="muted">Loading the report…</p>}
      {data && (
        <>
          <p className="report-summary" data-testid="report-summary">
            {reportSummary(data)}
          </p>
          {data.customers.map((group) => (
            <ReportCustomer
              key={group.customer?.id ?? 'none'}
              group={group}
              initiallyOpen={data.customers.length === 1 || data.affectedNow <= openAllUpTo}
            />
          ))}
        </>
      )}
    </section>
  );
}
