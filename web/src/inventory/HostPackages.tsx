import { useState } from 'react';
import { withQuery } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { Pager } from '../core/Pager';
import { SearchBox } from '../core/SearchBox';
import type { Page } from '../core/types';
import { useApi } from '../core/useApi';
import type { InstalledPackage } from './types';

const pageSize = 100;

export function HostPackages({ hostId }: { hostId: number }) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const packages = useApi<Page<InstalledPackage>>(
    withQuery(`/hosts/${hostId}/packages`, { q: q.trim(), limit: pageSize, offset }),
  );

  const search = (next: string) => {
    setQ(next);
    setOffset(0);
  };

  return (
    <div data-testid="host-packages">
      <SearchBox label="Filter packages" placeholder="Package or source name" value={q} onChange={search} testId="packages-search" />
      <ErrorMessage error={packages.error} />
      {packages.data?.total === 0 && <p className="empty">{q ? 'No installed package matches.' : 'No packages reported.'}</p>}
      {packages.data && packages.data.total > 0 && (
        <>
          <div className="table-wrap">
            <table aria-busy={packages.loading} className={packages.loading ? 'busy' : undefined}>
              <thead>
                <tr>
                  <th scope="col">Package</th>
                  <th scope="col">Version</th>
                  <th scope="col">Architecture</th>
                  <th scope="col">Source</th>
                </tr>
              </thead>
              <tbody>
                {packages.data.items.map((p) => (
                  <tr key={`${p.name}:${p.arch}`}>
                    <th scope="row">{p.name}</th>
                    <td className="mono">{p.version}</td>
                    <td>{p.arch}</td>
                    <td>
                      {p.source}
                      {p.sourceVersion && p.sourceVersion !== p.version && <span className="mono muted"> {p.sourceVersion}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label="Package pages" offset={offset} limit={pageSize} total={packages.data.total} onChange={setOffset} />
        </>
      )}
      {!packages.data && packages.loading && <p className="muted">Loading packages…</p>}
    </div>
  );
}
