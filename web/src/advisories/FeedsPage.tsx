import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { FeedsTable } from './FeedsTable';
import type { AdvisoryFeed } from './types';

export function FeedsPage() {
  useTitle('Advisory feeds');
  const feeds = useApi<{ items: AdvisoryFeed[] }>('/advisory-feeds');

  return (
    <section>
      <h1>Advisory feeds</h1>
      <p className="lead">Where advisories come from, fetched on a schedule. A feed that fails keeps the advisories of its last success.</p>
      <ErrorMessage error={feeds.error} />
      {feeds.data?.items.length === 0 && <p className="empty">No feed is configured. Advisories imported by hand still appear under Advisories.</p>}
      {feeds.data && feeds.data.items.length > 0 && <FeedsTable feeds={feeds.data.items} />}
      {!feeds.data && feeds.loading && <p className="muted">Loading feeds…</p>}
    </section>
  );
}
