import { useEffect, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { CsvDownloadLink } from '../core/CsvDownloadLink';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import { SearchBox } from '../core/SearchBox';
import { SelectFilter } from '../core/SelectFilter';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import { AppRecordsTable } from './AppRecordsTable';
import { hasRecordFilters, type RecordQuery, readRecordQuery, recordQueryParams, recordsApiPath, recordsCsvPath, recordsPageSize } from './recordQuery';
import type { AppRecord, VersionCount } from './types';

/** Every host and instance running the app, with its version. */
export function AppRecords({ appId, versions }: { appId: string; versions: VersionCount[] }) {
  const [params, setParams] = useSearchParams();
  const query = readRecordQuery(params);
  const records = useApi<Page<AppRecord>>(recordsApiPath(appId, query));
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();

  // The versions table links here (#records); React Router does not scroll to a hash, and focus should follow anyway.
  useEffect(() => {
    if (location.hash === '#records') heading.current?.focus();
  }, [location.key, location.hash]);

  const update = (changes: Partial<RecordQuery>, options?: { replace?: boolean }) => setParams(recordQueryParams({ ...query, offset: 0, ...changes }), options);
  const clearFilters = () => update({ q: '', ver: '' });

  return (
    <section aria-labelledby="records-heading" data-testid="records">
      <h2 id="records-heading" ref={heading} tabIndex={-1}>
        Hosts and instances
      </h2>
      <div className="filters">
        <SearchBox label="Search" placeholder="Host or version…" value={query.q} onChange={(q) => update({ q }, { replace: true })} testId="records-search" />
        <SelectFilter
          label="Version"
          anyLabel="All versions"
          options={versions.map((v) => ({ value: v.ver, label: `${v.ver} (${v.hostCount})` }))}
          value={query.ver}
          onChange={(ver) => update({ ver })}
          testId="records-filter-version"
        />
        {hasRecordFilters(query) && (
          <button type="button" className="link-button" onClick={clearFilters}>
            Clear filters
          </button>
        )}
        {records.data && records.data.total > 0 && <CsvDownloadLink path={recordsCsvPath(appId, query)} testId="records-csv" />}
      </div>
      <ErrorMessage error={records.error} />
      {records.data?.total === 0 && <p className="empty">{hasRecordFilters(query) ? 'No host or instance matches these filters.' : 'No host runs this app any more.'}</p>}
      {records.data && records.data.total > 0 && (
        <>
          <AppRecordsTable records={records.data.items} query={query} busy={records.loading} onSort={(sort, order) => update({ sort, order })} />
          <Pager label="Record pages" offset={query.offset} limit={recordsPageSize} total={records.data.total} onChange={(offset) => update({ offset })} />
        </>
      )}
      {!records.data && records.loading && <p className="muted">Loading hosts…</p>}
    </section>
  );
}
