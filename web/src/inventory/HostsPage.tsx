import { Link, useSearchParams } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { HostFilters } from './HostFilters';
import { type HostQuery, hasFilters, hostQueryParams, hostsApiPath, hostsPageSize, readHostQuery } from './hostQuery';
import { HostsTable } from './HostsTable';
import { NoHosts } from './NoHosts';
import type { HostSummary } from './types';

export function HostsPage() {
  useTitle('Hosts');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const query = readHostQuery(params);
  const hosts = useApi<Page<HostSummary>>(hostsApiPath(query));

  // Any change but paging starts again at the first page.
  const update = (changes: Partial<HostQuery>, options?: { replace?: boolean }) =>
    setParams(hostQueryParams({ ...query, offset: 0, ...changes }), options);

  const clearFilters = () => update({ q: '', customer: '', tag: '', release: '', present: '' });

  const isCustomer = user.role === 'customer';
  return (
    <section>
      <h1>Hosts</h1>
      <HostFilters query={query} showCustomer={!isCustomer} onChange={update} onClear={clearFilters} />
      {!isCustomer && query.customer && (
        <p>
          <Link to={`/customers/${encodeURIComponent(query.customer)}/overview`} data-testid="hosts-customer-overview">
            Open this customer&apos;s overview
          </Link>{' '}
          <span className="muted">(what the customer sees: at risk, scheduled, done)</span>
        </p>
      )}
      <ErrorMessage error={hosts.error} />
      {hosts.data?.total === 0 ? (
        <NoHosts filtered={hasFilters(query)} isCustomer={isCustomer} onClearFilters={clearFilters} />
      ) : (
        hosts.data && (
          <>
            <HostsTable
              hosts={hosts.data.items}
              query={query}
              showCustomer={!isCustomer}
              busy={hosts.loading}
              onSort={(sort, order) => update({ sort, order })}
            />
            <Pager
              label="Host pages"
              offset={query.offset}
              limit={hostsPageSize}
              total={hosts.data.total}
              onChange={(offset) => update({ offset })}
            />
          </>
        )
      )}
      {!hosts.data && hosts.loading && <p className="muted">Loading hosts…</p>}
    </section>
  );
}
