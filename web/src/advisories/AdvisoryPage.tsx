import { Link, useParams } from 'react-router-dom';
import { useUser } from '../core/auth';
import { ErrorMessage } from '../core/ErrorMessage';
import { staffRoles } from '../core/types';
import { useApi } from '../core/useApi';
import { useTitle } from '../core/useTitle';
import { AdvisoryFacts } from './AdvisoryFacts';
import { AdvisoryReportSection } from './AdvisoryReportSection';
import { CoveredPackagesTable } from './CoveredPackagesTable';
import type { AdvisoryDetail } from './types';

export function AdvisoryPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const advisory = useApi<AdvisoryDetail>(`/advisories/${encodeURIComponent(id)}`);
  useTitle(advisory.data?.id ?? 'Advisory');

  return (
    <section>
      <p className="breadcrumb">
        <Link to="/advisories">← Advisories</Link>
      </p>
      <ErrorMessage error={advisory.error} />
      {!advisory.data && advisory.loading && <p className="muted">Loading advisory…</p>}
      {advisory.data && (
        <>
          <AdvisoryFacts advisory={advisory.data} canRate={staffRoles.includes(user.role)} onRated={advisory.reload} />
          <h2>Releases and packages</h2>
          <CoveredPackagesTable packages={advisory.data.packages} />
          <AdvisoryReportSection advisoryId={advisory.data.id} />
        </>
      )}
    </section>
  );
}
