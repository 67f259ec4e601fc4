import { Link, useParams, useSearchParams } from 'react-router-dom';
import { HostExposures } from '../advisories/HostExposures';
import { HostApps } from '../apps/HostApps';
import { ErrorMessage } from '../core/ErrorMessage';
import { Tabs } from '../core/Tabs';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { HostPolicySection } from '../remediation/HostPolicySection';
import { HostDetails } from './HostDetails';
import { HostHistory } from './HostHistory';
import { HostPackages } from './HostPackages';
import type { HostDetail } from './types';

const tabs = [
  { id: 'packages', label: 'Packages' },
  { id: 'history', label: 'History' },
  { id: 'apps', label: 'Apps' },
  { id: 'exposures', label: 'Exposures' },
];

export function HostPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const host = useApi<HostDetail>(`/hosts/${encodeURIComponent(id)}`);
  useTitle(host.data?.name ?? 'Host');
  const tab = tabs.find((t) => t.id === params.get('tab'))?.id ?? 'packages';

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/hosts">← Hosts</Link>
      </p>
      <ErrorMessage error={host.error} />
      {!host.data && host.loading && <p className="muted">Loading host…</p>}
      {host.data && (
        <>
          <HostDetails host={host.data} />
          <HostPolicySection hostId={host.data.id} />
          <Tabs
            label="Host information"
            tabs={tabs}
            selected={tab}
            // The tab lives in the URL so a link can point at a host's history; switching tabs is not a step for Back.
            onSelect={(next) => setParams(next === 'packages' ? {} : { tab: next }, { replace: true })}
          >
            {tab === 'packages' && <HostPackages hostId={host.data.id} />}
            {tab === 'history' && <HostHistory hostId={host.data.id} hostArch={host.data.architecture} />}
            {tab === 'apps' && <HostApps hostId={host.data.id} />}
            {tab === 'exposures' && <HostExposures hostId={host.data.id} />}
          </Tabs>
        </>
      )}
    </section>
  );
}
