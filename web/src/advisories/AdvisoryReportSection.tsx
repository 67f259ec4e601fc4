import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../core/api';
import { useUser } from '../core/auth';
import { CsvDownloadLink } from '../core/CsvDownloadLink';
import { ErrorMessage } from '../core/ErrorMessage';
import { staffRoles } from '../core/types';
import { useApi } from '../core/useApi';
import { MarkCustomerForm } from '../remediation/MarkCustomerForm';
import { MarkHostsForm } from '../remediation/MarkHostsForm';
import { MarksHistory } from '../remediation/MarksHistory';
import type { MarkRow, MarkSummary } from '../remediation/types';
import { useSelection } from '../remediation/useSelection';
import { wideMarkCovers, WideMarksList } from '../remediation/WideMarksList';
import { ReportCounts } from './ReportCounts';
import { ReportCustomer } from './ReportCustomer';
import { filterReport, readReportFilter, type ReportFilter, writeReportFilter } from './reportFilter';
import { ReportFilters } from './ReportFilters';
import { reportSummary } from './reportSummary';
import type { AdvisoryReport } from './types';

// Up to this many hosts shown, every customer group opens at once; beyond, each opens on demand.
const openAllUpTo = 50;

/**
 * Which hosts an advisory hits now, per customer and patching policy, in which state, and how much of it was
 * remediated. Staff select hosts (one by one, Shift+click ranges, a whole customer or policy, or all that the
 * filters show) and mark them; or mark a whole customer or tag. After a mark the report is fetched once again.
 * Below, the history of every mark made on the advisory, removed ones too, for anyone who may read the report.
 */
export function AdvisoryReportSection({ advisoryId }: { advisoryId: string }) {
  const user = useUser();
  const canEdit = staffRoles.includes(user.role);
  const path = `/advisories/${encodeURIComponent(advisoryId)}/report`;
  const report = useApi<AdvisoryReport>(path);
  // The wide marks (a customer's, a customer tag's) are few; the host marks show in the report's rows.
  const customerMarks = useApi<{ items: MarkRow[] }>(withQuery('/remediation/marks', { advisory: advisoryId, scope: 'customer' }));
  const tagMarks = useApi<{ items: MarkRow[] }>(withQuery('/remediation/marks', { advisory: advisoryId, scope: 'customer-tag' }));
  const data = report.data;
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readReportFilter(params), [params]);
  const selection = useSelection();
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState('');
  // Marks made or removed here so far: an opened history of marks is fetched again after each.
  const [changes, setChanges] = useState(0);

  const shown = useMemo(() => (data ? filterReport(data, filter) : undefined), [data, filter]);
  const shownIds = useMemo(() => shown?.hosts.map((h) => h.id) ?? [], [shown]);

  const reloadCustomerMarks = customerMarks.reload;
  const reloadTagMarks = tagMarks.reload;
  const reloadReport = report.reload;
  const onChanged = useCallback(() => {
    reloadReport();
    reloadCustomerMarks();
    reloadTagMarks();
    setChanges((n) => n + 1);
  }, [reloadReport, reloadCustomerMarks, reloadTagMarks]);
  const onMarked = useCallback(
    (message: string) => {
      setNotice(message);
      onChanged();
    },
    [onChanged],
  );

  const customerNames = useMemo(() => new Map((data?.customers ?? []).flatMap((g) => (g.customer ? [[g.customer.id, g.customer.name] as const] : []))), [data]);
  const customerName = useCallback((id: number | null) => (id === null ? 'no customer' : customerNames.get(id) ?? `customer ${id}`), [customerNames]);
  const hostNames = useMemo(() => new Map((data?.customers ?? []).flatMap((g) => g.policies.flatMap((p) => p.hosts.map((h) => [h.id, h.name] as const)))), [data]);
  const hostName = useCallback((id: number) => hostNames.get(id), [hostNames]);
  const markList = useMemo(() => [...(customerMarks.data?.items ?? []), ...(tagMarks.data?.items ?? [])], [customerMarks.data, tagMarks.data]);
  const markCustomers = useMemo(() => new Map(markList.map((m) => [m.id, m.customer_id])), [markList]);
  const scopeNote = useCallback(
    (mark: MarkSummary) => (mark.scope === 'host' ? undefined : wideMarkCovers(customerName(markCustomers.get(mark.id) ?? null), mark.tag)),
    [markCustomers, customerName],
  );

  const changeFilter = (next: ReportFilter) => setParams(writeReportFilter(params, next), { replace: true });
  const openByDefault = shown ? shown.customers.length === 1 || shown.hosts.length <= openAllUpTo : false;
  const toggleOpen = useCallback(
    (key: string) =>
      setFlipped((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );

  return (
    <section aria-labelledby="report-heading" data-testid="advisory-report">
      <div className="section-head">
        <h2 id="report-heading">Affected hosts</h2>
        {data && data.affectedNow > 0 && <CsvDownloadLink path={`${path}?format=csv`} label="Download the hosts still affected (CSV)" testId="report-csv" />}
      </div>
      <ErrorMessage error={report.error} />
      {!data && report.loading && <p className="muted">Loading the report…</p>}
      {data && shown && (
        <>
          <p className="report-summary" data-testid="report-summary">
            {reportSummary(data)}
          </p>
          {data.everAffected > 0 && <ReportCounts counts={data} />}
          <p className="notice" role="status" data-testid="mark-notice">
            {notice}
          </p>
          <WideMarksList marks={markList} customerName={customerName} canEdit={canEdit} onRemoved={onChanged} />
          {canEdit && (
            <details className="mark-customer" data-testid="customer-mark-details">
              <summary>Mark a whole customer, or its hosts with a tag…</summary>
              <MarkCustomerForm advisoryId={advisoryId} initialCustomer={filter.customer} onMarked={onMarked} />
            </details>
          )}
          {data.customers.length > 0 && <ReportFilters report={data} filter={filter} onChange={changeFilter} />}
          {canEdit && data.affectedNow > 0 && <MarkHostsForm advisoryId={advisoryId} selection={selection} shownIds={shownIds} onMarked={onMarked} />}
          <div aria-busy={report.loading} className={report.loading ? 'busy' : undefined}>
            {shown.customers.map((c) => (
              <ReportCustomer
                key={c.key}
                shown={c}
                open={openByDefault !== flipped.has(c.key)}
                onToggleOpen={toggleOpen}
                selection={canEdit ? selection : undefined}
                scopeNote={scopeNote}
                onChanged={onChanged}
              />
            ))}
            {shown.customers.length === 0 && data.customers.length > 0 && <p className="empty">No affected host matches these filters.</p>}
          </div>
          <MarksHistory advisoryId={advisoryId} hostName={hostName} customerName={customerName} changes={changes} />
        </>
      )}
    </section>
  );
}
