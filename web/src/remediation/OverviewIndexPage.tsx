import { Link } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import type { Customer } from '../inventory/types';
import { CustomerOverviewPage } from './CustomerOverviewPage';

/** /overview: a customer user's own overview; for staff, the customers whose overview they may open. */
export function OverviewIndexPage() {
  const user = useUser();
  if (user.role === 'customer') return <CustomerOverviewPage customerId={user.customerId ?? -1} />;
  return <CustomerPicker />;
}

function CustomerPicker() {
  useTitle('Customer overviews');
  const customers = useApi<{ items: Customer[] }>('/customers');
  const items = customers.data?.items ?? [];
  return (
    <section>
      <h1>Customer overviews</h1>
      <p className="lead">What each customer sees when it signs in: what is at risk, what is scheduled, what was done, in plain words.</p>
      <ErrorMessage error={customers.error} />
      {customers.data && items.length === 0 && <p className="empty">No customer yet.</p>}
      {items.length > 0 && (
        <ul className="customer-links" data-testid="overview-customers">
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/customers/${c.id}/overview`}>{c.name}</Link> <span className="muted">({c.hostCount} hosts)</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
