import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../core/api';
import { useUser } from '../core/auth';
import { CsvDownloadLink } from '../core/CsvDownloadLink';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import { readOffset, writeOffset } from '../core/sortQuery';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { CustomerFilter } from '../inventory/CustomerFilter';
import { HostsAtRiskTable } from './HostsAtRiskTable';
import type { HostAtRisk } from './types';

// The API answers every host at risk at once, worst first; the page shows them a page at a time.
const pageSize = 50;

export function HostsAtRiskPage() {
  useTitle('Hosts at risk');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const customer = params.get('customer') ?? '';
  const offset = readOffset(params);
  const hosts = useApi<{ items: HostAtRisk[] }>(withQuery('/exposure/hosts', { customer }));
  const items = hosts.data?.items ?? [];

  const show = (next: { customer: string; offset: number }) =>
    setParams(writeOffset(new URLSearchParams(next.customer ? { customer: next.customer } : {}), next.offset));

  const isCustomer = user.role === 'customer';
  return (
    <section>
      <h1>Hosts at risk</h1>
      <p className="lead">Hosts with advisories still open, the most exposed first: by the worst rating, then by how many.</p>
      <div className="filters">
        {!isCustomer && <CustomerFilter value={customer} onChange={(c) => show({ customer: c, offset: 0 })} testId="risk-filter-customer" />}
        {items.length > 0 && <CsvDownloadLink path={withQuery('/exposure/hosts', { customer, format: 'csv' })} testId="risk-csv" />}
      </div>
      <ErrorMessage error={hosts.error} />
      {hosts.data && items.length === 0 && <p className="empty">No host has an open advisory{customer ? ' for this customer' : ''}.</p>}
      {items.length > 0 && (
        <>
          <HostsAtRiskTable hosts={items.slice(offset, offset + pageSize)} showCustomer={!isCustomer} busy={hosts.loading} />
          <Pager label="Host pages" offset={offset} limit={pageSize} total={items.length} onChange={(o) => show({ customer, offset: o })} />
        </>
      )}
      {!hosts.data && hosts.loading && <p className="muted">Loading hosts…</p>}
    </section>
  );
}
