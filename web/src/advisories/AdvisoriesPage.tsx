import { useSearchParams } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { AdvisoriesTable } from './AdvisoriesTable';
import { type AdvisoriesQuery, advisoriesApiPath, advisoriesPageSize, advisoriesQueryParams, hasAdvisoryFilters, readAdvisoriesQuery } from './advisoriesQuery';
import { AdvisoryFilters } from './AdvisoryFilters';
import { NoAdvisories } from './NoAdvisories';
import type { AdvisoryListItem } from './types';

export function AdvisoriesPage() {
  useTitle('Advisories');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const query = readAdvisoriesQuery(params);
  const advisories = useApi<Page<AdvisoryListItem>>(advisoriesApiPath(query));

  // Any change but paging starts again at the first page.
  const update = (changes: Partial<AdvisoriesQuery>, options?: { replace?: boolean }) =>
    setParams(advisoriesQueryParams({ ...query, offset: 0, ...changes }), options);
  const clearFilters = () => update({ q: '', release: '', source: '', affecting: false });

  const isCustomer = user.role === 'customer';
  return (
    <section>
      <h1>Advisories</h1>
      <p className="lead">
        {isCustomer
          ? 'The Debian and Ubuntu security advisories that affect your hosts.'
          : 'Debian and Ubuntu security advisories, as imported from the feeds, and which of them affect hosts.'}
      </p>
      <AdvisoryFilters query={query} showAffecting={!isCustomer} onChange={update} onClear={clearFilters} />
      <ErrorMessage error={advisories.error} />
      {advisories.data?.total === 0 ? (
        <NoAdvisories filtered={hasAdvisoryFilters(query)} isCustomer={isCustomer} onClearFilters={clearFilters} />
      ) : (
        advisories.data && (
          <>
            <AdvisoriesTable advisories={advisories.data.items} busy={advisories.loading} />
            <Pager
              label="Advisory pages"
              offset={query.offset}
              limit={advisoriesPageSize}
              total={advisories.data.total}
              onChange={(offset) => update({ offset })}
            />
          </>
        )
      )}
      {!advisories.data && advisories.loading && <p className="muted">Loading advisories…</p>}
    </section>
  );
}
