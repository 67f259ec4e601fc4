import { useSearchParams } from 'react-router-dom';
import { useUser } from '../core/auth';
import { CsvDownloadLink } from '../core/CsvDownloadLink';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import { SearchBox } from '../core/SearchBox';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { type AppsQuery, appsApiPath, appsCsvPath, appsPageSize, appsQueryParams, readAppsQuery } from './appsQuery';
import { AppsTable } from './AppsTable';
import { NoApps } from './NoApps';
import type { AppSummary } from './types';

export function AppsPage() {
  useTitle('Apps');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const query = readAppsQuery(params);
  const apps = useApi<Page<AppSummary>>(appsApiPath(query));

  // Any change but paging starts again at the first page.
  const update = (changes: Partial<AppsQuery>, options?: { replace?: boolean }) => setParams(appsQueryParams({ ...query, offset: 0, ...changes }), options);

  return (
    <section>
      <h1>Apps</h1>
      <p className="lead">Which versions of which apps run where, as the apps themselves report it.</p>
      <div className="filters">
        <SearchBox
          label="Search"
          placeholder="App, host or version…"
          value={query.q}
          // Replacing the history entry keeps Back from stepping through every pause in typing.
          onChange={(q) => update({ q }, { replace: true })}
          testId="apps-search"
        />
        {apps.data && apps.data.total > 0 && <CsvDownloadLink path={appsCsvPath(query)} testId="apps-csv" />}
      </div>
      <ErrorMessage error={apps.error} />
      {apps.data?.total === 0 ? (
        <NoApps filtered={Boolean(query.q.trim())} isCustomer={user.role === 'customer'} onClearFilters={() => update({ q: '' })} />
      ) : (
        apps.data && (
          <>
            <AppsTable apps={apps.data.items} query={query} busy={apps.loading} onSort={(sort, order) => update({ sort, order })} />
            <Pager label="App pages" offset={query.offset} limit={appsPageSize} total={apps.data.total} onChange={(offset) => update({ offset })} />
          </>
        )
      )}
      {!apps.data && apps.loading && <p className="muted">Loading apps…</p>}
    </section>
  );
}
