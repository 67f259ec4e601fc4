import { ErrorMessage } from '../core/ErrorMessage';
import { useApi } from '../core/useApi';
import { ExposuresTable } from './ExposuresTable';
import { FixCommand } from './FixCommand';
import type { HostExposures as Exposures } from './types';

/** The host page's tab: the advisories that hit the host now, and how to fix what can be fixed. */
export function HostExposures({ hostId }: { hostId: number }) {
  const exposures = useApi<Exposures>(`/hosts/${hostId}/exposures`);
  const data = exposures.data;

  return (
    <div data-testid="host-exposures">
      <ErrorMessage error={exposures.error} />
      {!data && exposures.loading && <p className="muted">Loading exposures…</p>}
      {data && data.exposures.length === 0 && <p className="empty">No known advisory affects the packages this host runs.</p>}
      {data && data.exposures.length > 0 && (
        <>
          {data.fixCommand ? (
            <>
              <h2>Fix</h2>
              <p>Installs the fixed version of every package below that has one:</p>
              <FixCommand command={data.fixCommand} />
            </>
          ) : (
            <p className="warning">No fix is available yet for any of these advisories.</p>
          )}
          <h2>Open advisories</h2>
          <ExposuresTable exposures={data.exposures} testId="host-exposures-table" />
        </>
      )}
      {data && data.notRunningKernels.length > 0 && (
        <section aria-labelledby="not-running-heading">
          <h2 id="not-running-heading">Installed kernels that are not running</h2>
          <p className="muted">
            They do not expose the host until it boots one of them; upgrading them is not in the command above. Removing a kernel that is no
            longer needed closes these.
          </p>
          <ExposuresTable exposures={data.notRunningKernels} testId="not-running-kernels" />
        </section>
      )}
    </div>
  );
}
