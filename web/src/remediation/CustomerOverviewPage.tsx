import { Link, useParams } from 'react-router-dom';
import { useUser } from '../core/auth';
import { CsvDownloadLink } from '../core/CsvDownloadLink';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { OverviewDone } from './OverviewDone';
import { OverviewRisk, serversAtRisk } from './OverviewRisk';
import { OverviewSchedule } from './OverviewSchedule';
import { plural, stillAtRisk } from './plainWords';
import { wallTime, viewerTimeZone } from './timeText';
import type { CustomerReport } from './types';

/**
 * A customer's state in plain words, for readers who do not patch servers: what is at risk, what is scheduled,
 * what was done. A customer user's start page; staff open it for any customer.
 */
export function CustomerOverviewPage({ customerId }: { customerId?: number }) {
  const params = useParams();
  const user = useUser();
  const id = customerId ?? Number(params.id);
  const path = `/customers/${id}/report`;
  const report = useApi<CustomerReport>(path);
  const r = report.data;
  useTitle(r ? `Overview: ${r.customer.name}` : 'Overview');

  return (
    <section className="overview" data-testid="customer-overview">
      {user.role !== 'customer' && (
        <p className="breadcrumb">
          <Link to="/overview">← Customer overviews</Link>
        </p>
      )}
      <ErrorMessage error={report.error} />
      {!r && report.loading && <p className="muted">Loading the overview…</p>}
      {r && (
        <>
          <div className="section-head">
            <h1 data-testid="overview-title">Security overview: {r.customer.name}</h1>
            <CsvDownloadLink path={`${path}?format=csv`} label="Download as a spreadsheet (CSV)" testId="overview-csv" />
          </div>
          <p className="lead" data-testid="overview-summary">
            {summary(r)} As of {wallTime(r.generatedAt, viewerTimeZone())}.
          </p>
          <OverviewRisk advisories={r.advisories} />
          <OverviewSchedule schedule={r.schedule} hostsWithoutPolicy={r.hostsWithoutPolicy} />
          <OverviewDone done={r.done} />
        </>
      )}
    </section>
  );
}

function summary(r: CustomerReport): string {
  const atRisk = r.advisories.filter((a) => serversAtRisk(a) > 0);
  const servers = new Set(atRisk.flatMap((a) => a.hosts.filter(stillAtRisk).map((h) => h.id)));
  const start = `You have ${plural(r.hosts, 'server')}.`;
  if (atRisk.length === 0) return `${start} No known security issue is open on them.`;
  const overdue = r.totals.overdue > 0 ? ` ${plural(r.totals.overdue, 'fix is', 'fixes are')} overdue.` : '';
  return `${start} ${plural(atRisk.length, 'security advisory', 'security advisories')} still ${atRisk.length === 1 ? 'affects' : 'affect'} ${plural(servers.size, 'of them', 'of them')}.${overdue}`;
}
